"""Figures and dates in the reader's format (issue 13 §3): "1,450" and "12 June 2023" in
English, "1.450" and "ngày 12 tháng 6 năm 2023" in Vietnamese, on the pages, in the PDF and
in the e-mails; and never a separator in a number a machine reads back (ids and revisions in
URLs, attributes and hidden inputs, form inputs, years)."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, localize
from pypdf import PdfReader

from reports.documents.printer import render_pdf
from reports.layout import build_layout
from reports.models import Activity, CommentThread, IndicatorValue, MailPreference
from reports.reminders import reminders_send
from roadmap.models import Role
from tests.factories import (
    ActivityFactory,
    CycleFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    member,
    report_with_form,
)
from tests.reports.test_activities import valid_post

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2023, 6, 12)
SHOWN = {
    "en": {"figure": "1,450", "decimal": "1,450.5", "deadline": "12 June 2023"},
    "vi": {"figure": "1.450", "decimal": "1.450,5", "deadline": "ngày 12 tháng 6 năm 2023"},
}
# An attribute's value holding a grouped number: "1,234", "1.200" (not "1.5", not "2022").
GROUPED = re.compile(r"\d{1,3}[.,]\d{3}(?!\d)")
ATTRIBUTE = re.compile(r'\s[\w:-]+="([^"]*)"')


@pytest.fixture
def big(db):
    """A report with pk 1234 at revision 1200, a comment thread 1234, an activity of 1,450
    participants at revision 1200, an indicator 1234 valued 1,450.5."""
    report = report_with_form(
        priorities=2, pk=1234, revision=1200, cycle=CycleFactory(deadline=DEADLINE)
    )
    item = next(build_layout(report).items())
    reporter = member(report, Role.FOCAL_POINT, username="alice")
    CommentThread.objects.create(
        pk=1234, report=report, question=item.question, priority=item.priority, created_by=reporter
    )
    ActivityFactory(
        pk=1234,
        report=report,
        revision=1200,
        participants_women=1000,
        participants_men=450,
        participants_total=1450,
    )
    indicator = IndicatorFactory(pk=1234, country=report.country, name="Calls to hotline 111")
    IndicatorValueFactory(report=report, indicator=indicator, value=Decimal("1450.50"))
    return report, reporter


def in_language(client, language: str):
    client.post(reverse("set_language"), {"language": language, "next": "/"})


# A figure a person reads and types (translations.fields): shown the reader's way.
TYPED_FIGURE = re.compile(r'<input[^>]*inputmode="(?:decimal|numeric)"[^>]*>')


def attributes(html: str) -> list[str]:
    """Attribute values a machine reads back (ids, links, revisions, ...)."""
    return ATTRIBUTE.findall(TYPED_FIGURE.sub("", html))


def input_value(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert tag, f"no input named {name}"
    return re.search(r'value="([^"]*)"', tag.group(0)).group(1)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_formats_of_each_language(language):
    with translation.override(language):
        assert localize(1450) == SHOWN[language]["figure"]
        assert localize(Decimal("1450.5")) == SHOWN[language]["decimal"]
        assert date_format(DEADLINE) == SHOWN[language]["deadline"]
        assert date_format(DEADLINE, "Y") == "2023"  # a year is never grouped


@pytest.mark.parametrize("language", ["en", "vi"])
def test_pages_show_figures_and_dates_in_the_readers_format(client, big, language):
    report, reporter = big
    client.force_login(reporter)
    in_language(client, language)
    shown = SHOWN[language]
    activities = client.get(reverse("reports:activities", args=[report.pk])).content.decode()
    assert shown["figure"] in activities  # participants
    read = client.get(reverse("reports:read", args=[report.pk])).content.decode()
    assert shown["decimal"] in read  # the indicator's value
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert shown["deadline"] in detail


@pytest.mark.parametrize("language", ["en", "vi"])
def test_no_machine_read_number_is_grouped(client, big, language):
    """Ids and revisions in links, ids, data attributes and hidden inputs stay 1234/1200."""
    report, reporter = big
    client.force_login(reporter)
    in_language(client, language)
    pages = {
        "detail": reverse("reports:detail", args=[report.pk]),
        "section": reverse("reports:section", args=[report.pk, 1]),
        "read": reverse("reports:read", args=[report.pk]),
        "activities": reverse("reports:activities", args=[report.pk]),
        "indicators": reverse("reports:indicators", args=[report.pk]),
        "delete": reverse("reports:activity_delete", args=[report.pk, 1234]),
        "edit": reverse("reports:activity_edit", args=[report.pk, 1234]),
        "submit": reverse("reports:submit", args=[report.pk]),
    }
    html = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        html[name] = response.content.decode()
        grouped = [value for value in attributes(html[name]) if GROUPED.search(value)]
        assert not grouped, f"{name}: grouped numbers in attributes: {grouped}"
    assert 'id="thread-1234"' in html["section"]
    assert 'href="/reports/1234/' in html["detail"]
    assert input_value(html["delete"], "revision") == "1200"
    assert input_value(html["edit"], "revision") == "1200"
    assert input_value(html["indicators"], "ind-1234-revision") == "1"
    assert 'id="indicator-1234"' in html["indicators"]


def test_vietnamese_form_values_survive_a_round_trip(client, big):
    """1450.5 and 1200 shown in their inputs the Vietnamese way ("1.450,5", "1.200"),
    read back as the same numbers (translations.numbers), saved, and shown again
    unchanged."""
    report, reporter = big
    client.force_login(reporter)
    in_language(client, "vi")

    url = reverse("reports:indicators", args=[report.pk])
    page = client.get(url).content.decode()
    assert input_value(page, "ind-1234-value") == "1.450,5"
    data = {
        name: value
        for name, value in re.findall(r'<input[^>]*name="(ind-[^"]+)"[^>]*value="([^"]*)"', page)
    }
    for name in ("note", "source"):
        data[f"ind-1234-{name}"] = ""
    data["ind-1234-value"] = input_value(page, "ind-1234-value")
    assert client.post(url, data).status_code == 302
    assert IndicatorValue.objects.get(report=report).value == Decimal("1450.50")
    assert input_value(client.get(url).content.decode(), "ind-1234-value") == "1.450,5"

    edit = reverse("reports:activity_edit", args=[report.pk, 1234])
    page = client.get(edit).content.decode()
    assert input_value(page, "participants_total") == "1.450"
    posted = valid_post(
        report,
        participants_women="600",
        participants_men="600",
        participants_total=input_value(page, "participants_total").replace("1.450", "1.200"),
        revision=input_value(page, "revision"),
    )
    assert client.post(edit, posted).status_code == 302
    assert Activity.objects.get(pk=1234).participants_total == 1200
    page = client.get(edit).content.decode()
    assert input_value(page, "participants_total") == "1.200"
    assert input_value(page, "revision") == "1201"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_pdf_prints_figures_and_dates_in_its_language(big, language):
    report, _reporter = big
    report.submitted_at = dt.datetime(2023, 6, 12, 9, 0, tzinfo=dt.UTC)
    report.save(update_fields=["submitted_at"])
    pages = PdfReader(io.BytesIO(render_pdf(report, language))).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert SHOWN[language]["figure"] in text
    assert SHOWN[language]["deadline"] in text  # submitted on
    assert "1200" in text  # the revision, an identifier
    assert not re.search(r"\b2[.,]0(22|23)\b", text), "a year was grouped"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_reminder_gives_the_deadline_in_the_recipients_format(big, language):
    _report, reporter = big
    MailPreference.objects.create(user=reporter, language=language)
    reminders_send(today=DEADLINE + dt.timedelta(days=1))
    body = next(m.body for m in mail.outbox if m.to == [reporter.email])
    assert SHOWN[language]["deadline"] in body
