"""The public pages as a reader finds them: sentences that fit one published cycle, numbers
written the reader's way, tables a phone can read, every text in the page's language."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from reports.models import (
    Activity,
    Answer,
    IndicatorValue,
    IndicatorValuePart,
    Publication,
    Report,
    ReportState,
)
from reports.publication_snapshot import public_snapshot

from .conftest import country_reports, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_cycle(db) -> Publication:
    """Viet Nam with one published report (2019-2020), its indicator value broken down."""
    (report,) = country_reports(1)
    # Broken down while the report is open (a handed-in one's break-down is frozen).
    Report.objects.filter(pk=report.pk).update(state=ReportState.DRAFT)
    value = IndicatorValue.objects.get(report=report)
    IndicatorValuePart.objects.create(value=value, label="information", amount=Decimal("1788"))
    IndicatorValuePart.objects.create(value=value, label="referred", amount=Decimal("232.50"))
    Report.objects.filter(pk=report.pk).update(state=ReportState.ACCEPTED)
    report.refresh_from_db()
    return publish(report)


def summaries(html: str) -> list[str]:
    return re.findall(r'data-testid="chart-summary">([^<]*)<', html)


def test_one_cycle_is_summed_up_once_not_from_a_cycle_to_itself(client, one_cycle):
    found = summaries(client.get("/public/en/alliance87/vn/").content.decode())
    assert "Progress rated 4 stars out of 5 in 2019-2020." in found
    assert "40 people reached in 2019-2020, 32 of them women." in found
    assert "Calls to the child helpline: 3,019 in 2019-2020 (calls)." in found
    text = " ".join(found)
    assert "from 4 to 4" not in text and "1 cycles" not in text
    vi = summaries(client.get("/public/vi/alliance87/vn/").content.decode())
    assert "Tiến độ được tự đánh giá 4 sao trên 5 trong kỳ 2019-2020." in vi


def test_several_cycles_are_summed_up_from_the_first_to_the_last(client, published):
    found = summaries(client.get("/public/en/alliance87/vn/").content.decode())
    assert "Progress rated from 4 to 4 stars out of 5." in found
    assert any("people reached over 2 cycles" in s for s in found)
    assert "Calls to the child helpline: 3,019 in 2019-2020, 3,020 in 2020-2021 (calls)." in found


def test_a_break_down_is_written_the_readers_way(client, one_cycle):
    en = client.get("/public/en/alliance87/vn/").content.decode()
    assert "information: 1,788; referred: 232.5" in en
    vi = client.get("/public/vi/alliance87/vn/").content.decode()
    assert "information: 1.788; referred: 232,5" in vi
    assert "1788.00" not in en + vi


def test_a_chart_table_has_no_column_of_blanks(client, published):
    """No value was broken down: no "Break-down" column."""
    html = client.get("/public/en/alliance87/vn/").content.decode()
    assert "Calls to the child helpline (calls)" in html
    assert ">Break-down<" not in html


def test_activities_and_values_label_each_cell_for_a_phone(client, published):
    """On a phone each row is a card (public.css): every cell names its column, in the
    page's language, and keeps its table role."""
    html = client.get("/public/vi/alliance87/vn/2020-2021/").content.decode()
    for table in ("public-activities", "public-indicators"):
        assert f'class="table table-sm pf-public-stack" role="table" data-testid="{table}"' in html
    assert 'role="cell" data-label="Nữ"' in html  # "Women"
    assert 'role="cell" data-label="Giá trị cơ sở"' in html  # "Baseline"
    assert 'role="rowheader"' in html


def test_the_stacked_tables_and_unbroken_cycles_are_styled_for_public_pages_only(client):
    css = Path("static/css/public.css").read_text(encoding="utf-8")
    assert ".pf-public-stack td[data-label]::before" in css
    assert ".pf-public .pf-public-nowrap" in css
    assert ".pf-public-progress { table-layout: fixed; }" in css  # aligned priority tables
    assert ".pf-public-contents li { padding: .25rem 0; }" in css  # tap targets apart
    html = client.get("/public/en/").content.decode()  # nothing published: the list
    assert '<body class="pf-public">' in html


def test_the_index_keeps_names_and_cycles_whole_and_is_a_card_per_country_on_a_phone(
    client, published
):
    html = client.get("/public/vi/alliance87/").content.decode()
    assert 'class="table pf-public-stack" role="table" data-testid="public-countries"' in html
    assert (
        '<th scope="row" role="rowheader" class="pf-public-nowrap">'
        '<a href="/public/vi/alliance87/vn/">' in html
    )
    assert (
        '<td role="cell" data-label="Kỳ công bố gần nhất" class="pf-public-nowrap">'
        '<a href="/public/vi/alliance87/vn/2020-2021/">' in html
    )
    assert 'data-label="Cập nhật lần cuối"' in html  # "Last updated"


def test_the_pdf_waiting_page_has_the_language_switch_and_the_way_back(client, published):
    response = client.get("/public/vi/alliance87/vn/2020-2021/report.pdf")
    assert response.status_code == 503
    html = response.content.decode()
    assert 'href="/public/vi/alliance87/vn/2020-2021/" data-testid="back-to-report"' in html
    assert 'href="http://testserver/public/en/alliance87/vn/2020-2021/report.pdf"' in html
    assert "Quay lại báo cáo" in html


def test_a_section_title_names_its_month_in_each_language(db):
    """ "Next steps until {next_period_end}": "April 2021" in English, the Vietnamese month
    in Vietnamese (it was "đến April 2021")."""
    (report,) = country_reports(1)
    sections = public_snapshot(report)["sections"]
    until = next(s for s in sections if s["title"].startswith("Next steps until"))
    assert until["title"] == "Next steps until April 2021"
    assert until["title_vi"] == "Các bước tiếp theo đến tháng 4 năm 2021"
    assert not any("April" in s.get("title_vi", "") for s in sections)


def test_an_activity_without_a_place_says_so(client, published):
    """The "Where" cell of an activity whose place was not given is not left blank."""
    snapshot = published[-1].snapshot
    snapshot["activities"][0] |= {"coverage": "not_given", "areas": [], "unlisted_areas": []}
    Publication.objects.filter(pk=published[-1].pk).update(snapshot=snapshot)
    html = client.get("/public/en/alliance87/vn/2020-2021/").content.decode()
    assert 'data-label="Where">Not given</td>' in html
    html = client.get("/public/vi/alliance87/vn/2020-2021/").content.decode()
    assert 'data-label="Địa điểm">Không nêu</td>' in html


def test_a_country_with_no_rating_nor_activity_gets_a_sentence_not_empty_charts(client):
    (report,) = country_reports(1)
    Report.objects.filter(pk=report.pk).update(state=ReportState.DRAFT)
    Activity.objects.filter(report=report).delete()
    Answer.objects.filter(report=report, question__code="overall_rating").delete()
    Report.objects.filter(pk=report.pk).update(state=ReportState.ACCEPTED)
    report.refresh_from_db()
    publish(report)
    html = client.get("/public/vi/alliance87/vn/").content.decode()
    assert "<p>Chưa có tự đánh giá nào.</p>" in html
    for slug in ("rating", "people-sex", "people-theme"):
        assert f'id="{slug}-heading"' not in html
    assert html.count('data-testid="chart-table"') == 1  # the indicator's
    html_en = client.get("/public/en/alliance87/vn/").content.decode()
    assert "<p>No rating given yet.</p>" in html_en
    assert "<p>No activities reported.</p>" in html_en


def test_the_country_description_names_one_cycle_once(client, one_cycle):
    """Search engines' summary: "…, kỳ 2019-2020." for one cycle (it read "từ 2019-2020
    đến 2019-2020")."""
    html = client.get("/public/vi/alliance87/vn/").content.decode()
    assert 'chỉ tiêu, kỳ 2019-2020."' in html
    assert "từ 2019-2020 đến 2019-2020" not in html
    html = client.get("/public/en/alliance87/vn/").content.decode()
    assert 'baseline and target, 2019-2020."' in html


def test_the_country_description_spans_several_cycles(client, published):
    html = client.get("/public/vi/alliance87/vn/").content.decode()
    assert 'từ 2019-2020 đến 2020-2021."' in html


def test_no_template_comment_shows_on_a_page(client, published):
    for url in (
        "/public/en/alliance87/",
        "/public/en/alliance87/vn/",
        "/public/en/alliance87/vn/2020-2021/",
    ):
        html = client.get(url).content.decode()
        assert "{#" not in html and "#}" not in html and "{%" not in html, url
