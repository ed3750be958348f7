"""The search's exports: the same hits as the page, every one (not a page), plain-text
snippets, absolute links, headers in the reader's language, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import CycleFactory, secretariat_of

from .page_support import handed_in_report

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def secretariat(db):
    cycle = CycleFactory()
    for n in range(23):
        handed_in_report(cycle=cycle, text=f"Hotline 111 & <b>calls</b> number {n}")
    handed_in_report(cycle=cycle, text="=HYPERLINK(hotline)")
    return secretariat_of(cycle.framework)


def test_csv_has_every_hit_with_plain_snippet_and_absolute_link(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("search:export", args=["csv"]), {"q": "hotline 111"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="search.csv"' in response["Content-Disposition"]
    header, *rows = _csv(response)
    assert header == ["Country", "Cycle", "Found in", "Question or activity", "Snippet", "Link"]
    assert len(rows) == 23  # more than a page
    country, cycle, kind, title, snippet, link = rows[0]
    assert country.startswith("Country ") and "2022" in cycle and kind and title
    assert "<mark>" not in snippet and "&amp;" not in snippet
    assert "Hotline 111 & <b>calls</b>" in snippet
    assert link.startswith("http://testserver/reports/") and "q=hotline" in link


def test_a_formula_is_neutralised(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("search:export", args=["csv"]), {"q": "hyperlink"})
    _header, row = _csv(response)
    assert row[4].startswith("'=") or not row[4].startswith("=")


def test_xlsx_has_the_same_rows_and_vietnamese_headers(client, secretariat):
    client.force_login(secretariat)
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    response = client.get(reverse("search:export", args=["xlsx"]), {"q": "hotline 111"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Quốc gia"
    assert rows[0][4] == "Đoạn trích"
    assert len(rows) == 24


def test_filters_apply_and_a_refused_filter_gives_the_header_alone(client, secretariat):
    client.force_login(secretariat)
    url = reverse("search:export", args=["csv"])
    assert len(_csv(client.get(url, {"q": "hotline", "country": "999999"}))) == 1
    assert len(_csv(client.get(url, {"q": ""}))) == 1
    assert client.get(reverse("search:export", args=["pdf"]), {"q": "x"}).status_code == 404


def test_an_outsider_exports_nothing_of_others(client, secretariat, charlie):
    client.force_login(charlie)
    response = client.get(reverse("search:export", args=["csv"]), {"q": "hotline"})
    assert len(_csv(response)) == 1
