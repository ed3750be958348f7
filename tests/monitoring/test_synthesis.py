"""The synthesis of a cycle across all countries: for the secretariat and admins; its
numbers are the sums of the reports handed in; downloads as XLSX and PDF."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import Activity, Answer, Question, ReportState
from roadmap.models import Role
from roadmap.services import indicator_figures_set
from tests.factories import (
    ActivityFactory,
    CycleFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    NextStepFactory,
    ReportFactory,
    UserFactory,
    member,
    questionnaire_for,
    report_with_form,
    secretariat_of,
)

from .support import country_without_report, submitted

pytestmark = pytest.mark.django_db


def url(cycle, fmt: str = "") -> str:
    if fmt:
        return reverse(
            "monitoring:synthesis_download", args=[cycle.framework.slug, cycle.code, fmt]
        )
    return reverse("monitoring:synthesis", args=[cycle.framework.slug, cycle.code])


def answer(report, code: str, **fields) -> None:
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code=code)
    Answer.objects.create(report=report, question=question, **fields)


@pytest.fixture
def cycle_of_three(db):
    """2023: country A handed in (steps carried from 2022), B a draft, C not opened."""
    earlier = CycleFactory(starts_on=dt.date(2022, 5, 1))
    questionnaire_for(earlier)
    cycle = CycleFactory(starts_on=dt.date(2023, 5, 1))
    questionnaire_for(cycle)
    a_2022 = submitted(report_with_form(priorities=2, cycle=earlier), state=ReportState.ACCEPTED)
    done = NextStepFactory(report=a_2022, work_areas=["child_labour", "forced_labour"])
    ongoing = NextStepFactory(report=a_2022, work_areas=["child_labour"])
    NextStepFactory(report=a_2022, work_areas=["human_trafficking"])  # no status: dropped
    a = submitted(ReportFactory(country=a_2022.country, roadmap=a_2022.roadmap, cycle=cycle))
    answer(a, "next_step_status", next_step=done, value="completed")
    answer(a, "next_step_status", next_step=ongoing, value="ongoing")
    answer(a, "overall_rating", value="4")
    answer(a, "highlights", text="A national plan adopted.")
    answer(a, "challenges", text="Few inspectors.")
    ActivityFactory(report=a, participants_women=30, participants_men=10, participants_total=45)
    ActivityFactory(report=a, participants_women=5, participants_men=7, participants_total=None)
    b = report_with_form(priorities=1, cycle=cycle)
    answer(b, "highlights", text="Draft wording, private")
    ActivityFactory(report=b, participants_women=500, participants_men=500, participants_total=1000)
    c = country_without_report(cycle)
    return cycle, a, b, c


def with_figures(report):
    """An indicator of ``report``'s country with a baseline (3,808 in 2021) and a target
    going down (1,000 in 2025) in its roadmap: set before the report is handed in."""
    calls = IndicatorFactory(country=report.country, name="Hotline calls", unit="calls")
    indicator_figures_set(
        roadmap=report.roadmap,
        indicator=calls,
        baseline=(2021, Decimal(3808), {"en": "Hotline 111", "vi": "Tổng đài 111"}),
        targets={2025: Decimal(1000)},
    )
    return calls


def test_synthesis_gives_indicators_against_baseline_and_target(client):
    from openpyxl import load_workbook

    cycle = CycleFactory(starts_on=dt.date(2022, 5, 1))
    draft = report_with_form(priorities=1, cycle=cycle)
    calls = with_figures(draft)
    report = submitted(draft)
    IndicatorValueFactory(report=report, indicator=calls, value=2434)
    client.force_login(secretariat_of(cycle.framework))

    page = client.get(url(cycle)).content.decode()
    table = page[page.index('data-testid="synthesis-indicators"') :]
    # 3,808 -> 2,434 of the way to 1,000: 49 %, in a quarter of the time (2021 -> 2022 of 2025).
    for text in ("Hotline calls (calls)", "3,808 (2021)", "1,000 (2025)", "2,434 (2022)"):
        assert text in table
    assert "49 %" in table and "On track" in table
    book = load_workbook(io.BytesIO(client.get(url(cycle, "xlsx")).content))
    header, row = list(book["Indicators"].iter_rows(values_only=True))
    cells = dict(zip(header, row, strict=True))
    assert (cells["Baseline"], cells["Baseline year"], cells["Target"]) == (3808, 2021, 1000)
    assert (cells["Share of the way (%)"], cells["Status"]) == (49, "On track")
    assert cells["Status (vi)"] == "Đúng tiến độ"
    assert cells["Baseline source (vi)"] == "Tổng đài 111"


def test_synthesis_numbers_are_the_sums_of_the_reports_handed_in(client, cycle_of_three):
    cycle, a, b, c = cycle_of_three
    client.force_login(secretariat_of(cycle.framework))

    synthesis = client.get(url(cycle)).context["synthesis"]

    lines = {line.country: line for line in synthesis.lines}
    assert set(lines) == {a.country, b.country, c}
    handed = lines[a.country]
    people = sum(x.people_reached for x in Activity.objects.filter(report=a))
    assert (handed.women, handed.men, handed.people) == (35, 17, people) == (35, 17, 57)
    assert (handed.steps_set, handed.steps_completed, handed.completion_rate) == (3, 1, 33)
    assert handed.rating == 4 and handed.highlights == "A national plan adopted."
    assert not lines[b.country].handed_in and lines[b.country].people == 0
    assert lines[c].status == "not_opened"
    assert synthesis.totals["people"] == people
    areas = {label: (done, total) for label, done, total, _rate in synthesis.area_rows()}
    assert areas["Child labour"] == (1, 2) and areas["Forced labour"] == (1, 1)
    assert areas["Human trafficking"] == (0, 1)
    assert dict(synthesis.ratings)[4] == 1
    counts = dict(synthesis.status_counts)
    assert counts["Submitted"] == counts["Draft"] == counts["Not opened"] == 1


def test_a_drafts_text_never_reaches_the_synthesis(client, cycle_of_three):
    cycle, *_rest = cycle_of_three
    client.force_login(UserFactory(is_staff=True))
    page = client.get(url(cycle)).content.decode()
    assert "A national plan adopted." in page and "Draft wording" not in page


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.FOCAL_POINT, Role.REPORTER])
def test_only_the_secretariat_and_admins_read_the_synthesis(client, cycle_of_three, role):
    cycle, a, *_rest = cycle_of_three
    client.force_login(member(a, role))
    assert client.get(url(cycle)).status_code == 404
    assert client.get(url(cycle, "pdf")).status_code == 404


def test_unknown_cycle_or_format_is_404(client, cycle_of_three):
    cycle, *_rest = cycle_of_three
    client.force_login(secretariat_of(cycle.framework))
    bad = reverse("monitoring:synthesis", args=[cycle.framework.slug, "1999-2000"])
    assert client.get(bad).status_code == 404
    assert client.get(url(cycle, "docx")).status_code == 404


def test_synthesis_downloads_as_xlsx(client, cycle_of_three):
    from openpyxl import load_workbook

    cycle, a, *_rest = cycle_of_three
    client.force_login(secretariat_of(cycle.framework))
    response = client.get(url(cycle, "xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Countries",
        "Work areas",
        "Ratings",
        "Indicators",
        "Highlights and challenges",
    ]
    rows = {r[1]: r for r in book["Countries"].iter_rows(min_row=2, values_only=True)}
    assert rows[a.country.name][4:11] == (3, 1, 33, 35, 17, 5, 57)
    assert list(book["Highlights and challenges"].iter_rows(min_row=2, values_only=True)) == [
        (
            a.country.code,
            a.country.name,
            a.country.name,
            "A national plan adopted.",
            "Few inspectors.",
        )
    ]


def test_synthesis_pdf_has_a_cover_contents_with_page_numbers_and_sections(client, cycle_of_three):
    from pypdf import PdfReader

    cycle, a, *_rest = cycle_of_three
    client.force_login(secretariat_of(cycle.framework))
    response = client.get(url(cycle, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(content)).pages]
    assert "Synthesis" in pages[0]
    assert "Contents" in pages[1] and "1. Reporting status" in pages[1]
    assert any("5. Highlights and challenges" in p and "Few inspectors." in p for p in pages[2:])
    assert a.country.name in "".join(pages)


@pytest.mark.parametrize("n", [3, 12])
def test_synthesis_queries_do_not_grow_with_countries(client, django_assert_num_queries, n):
    earlier = CycleFactory(starts_on=dt.date(2022, 5, 1))
    cycle = CycleFactory(starts_on=dt.date(2023, 5, 1))
    questionnaire_for(cycle)
    for _ in range(n):
        draft = report_with_form(priorities=1, cycle=cycle)
        calls = with_figures(draft)
        report = submitted(draft)
        IndicatorValueFactory(report=report, indicator=calls, value=2434)
        ActivityFactory(report=report)
        NextStepFactory(
            report=ReportFactory(country=report.country, roadmap=report.roadmap, cycle=earlier)
        )
    client.force_login(secretariat_of(cycle.framework))
    target = url(cycle)
    # session, user, roles, framework, cycle, countries, reports, handed-in ids, answers,
    # previous cycle, its next steps, activities, baselines, targets, indicator values
    with django_assert_num_queries(15):
        response = client.get(target)
    assert len(response.context["synthesis"].lines) == n


def test_board_links_the_synthesis_for_the_secretariat_only(client, cycle_of_three):
    cycle, a, *_rest = cycle_of_three
    board = reverse("monitoring:board", args=[cycle.framework.slug])
    client.force_login(secretariat_of(cycle.framework))
    assert url(cycle) in client.get(board, {"cycle": cycle.code}).content.decode()
    client.force_login(member(a, Role.REVIEWER))
    assert url(cycle) not in client.get(board, {"cycle": cycle.code}).content.decode()


def test_synthesis_pdf_is_kept_until_a_report_of_the_cycle_changes(client, cycle_of_three):
    from reports.models import DocumentKind, KeptDocument, Report

    cycle, a, *_rest = cycle_of_three
    client.force_login(secretariat_of(cycle.framework))
    first = b"".join(client.get(url(cycle, "pdf")).streaming_content)
    kept = KeptDocument.objects.get(kind=DocumentKind.SYNTHESIS_PDF)
    assert kept.subject == cycle and kept.language == "en"
    assert b"".join(client.get(url(cycle, "pdf")).streaming_content) == first
    assert KeptDocument.objects.filter(kind=DocumentKind.SYNTHESIS_PDF).count() == 1

    Report.objects.filter(pk=a.pk).update(revision=a.revision + 1)  # any change bumps it
    client.get(url(cycle, "pdf"))
    newer = KeptDocument.objects.get(kind=DocumentKind.SYNTHESIS_PDF)
    assert newer.revision == kept.revision + 1  # the older one is gone


@pytest.fixture
def fast_synthesis(monkeypatch):
    """What the synthesis PDF holds is tested above; here only what a full disk does."""
    from monitoring import synthesis_doc

    monkeypatch.setattr(
        synthesis_doc, "render_pdf", lambda s: f"%PDF synthesis {s.cycle.code}".encode()
    )


def fill_the_disk(monkeypatch) -> None:
    import errno

    from django.core.files.storage import FileSystemStorage

    def no_space(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", no_space)


def test_a_full_disk_serves_the_previous_synthesis_pdf_with_a_note(
    client, cycle_of_three, monkeypatch, fast_synthesis
):
    from reports.models import Report

    cycle, a, *_rest = cycle_of_three
    client.force_login(secretariat_of(cycle.framework))
    first = client.get(url(cycle, "pdf"))
    kept_revision = first["X-Document-Revision"]
    assert first["Content-Disposition"].endswith(f'-r{kept_revision}-en.pdf"')
    Report.objects.filter(pk=a.pk).update(revision=a.revision + 1)
    fill_the_disk(monkeypatch)

    response = client.get(url(cycle, "pdf"))

    assert response.status_code == 200
    assert response["X-Document-Revision"] == kept_revision
    assert response["Content-Disposition"].endswith(f'-r{kept_revision}-en.pdf"')
    page = client.get(url(cycle)).content.decode()
    assert f"shows revision {kept_revision} of" in page
    assert f"(revision {int(kept_revision) + 1})" in page


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "The PDF cannot be produced now"), ("vi", "Hiện không thể tạo tệp PDF")],
)
def test_a_full_disk_with_no_synthesis_pdf_kept_answers_503(
    client, cycle_of_three, monkeypatch, fast_synthesis, caplog, language, text
):
    cycle, *_rest = cycle_of_three
    client.force_login(secretariat_of(cycle.framework))
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    fill_the_disk(monkeypatch)

    response = client.get(url(cycle, "pdf"))

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert '<main id="main"' in page and text in page
    assert url(cycle) in page
    assert any(r.name == "reports.documents.store" for r in caplog.records)
    # No <meta refresh> (WCAG 2.2.1): its script checks again, with a pause button;
    # without script, "Check again".
    assert 'http-equiv="refresh"' not in page
    assert f'data-pdf-wait data-url="{url(cycle, "pdf")}" data-status="503"' in page
    assert '<script src="/static/js/pdf-wait.js" defer></script>' in page
    assert 'data-testid="check-again"' in page and 'data-testid="pdf-wait-toggle"' in page
    # What the script asks: the same answer, without a body.
    head = client.head(url(cycle, "pdf"))
    assert head.status_code == 503 and head.content == b""
