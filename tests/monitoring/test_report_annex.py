"""The "Trends across cycles" annex monitoring adds to a report's PDF: the trends page's
charts as inline SVG beside their tables, limited to the report's cycle and the earlier
ones, earlier cycles only as handed in."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from reports.documents import annexes
from reports.documents.printed import printed_context
from reports.documents.printer import render_html, render_pdf
from reports.models import ReportState
from roadmap.services import indicator_figures_set
from tests.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    NextStepFactory,
)

from .support import submitted
from .test_trends import later, status

pytestmark = pytest.mark.django_db

# printed_context without any annex, whatever the report's size (the indicator values'
# break-down parts, the activities' areas, the validation rules' warnings and the evidence
# files of Annex C among them: tests/reports/documents counts them one by one).
# The structure kept (issue 25): was 20, then 16; the reading selectors reuse what they read.
PRINTED_QUERIES = 15
# What the annex adds, whatever the report's size: the cycles, the framework, the reports
# counted, indicator values and their break-down parts, next steps, answers (status,
# rating, progress), activities, their priorities with themes, their areas, the roadmaps'
# priorities, baselines and targets.
ANNEX_QUERIES = 13


def with_figures(indicator, report) -> None:
    """A baseline of 1,000 in 2021 and a target of 2,000 in 2025 in ``report``'s roadmap."""
    indicator_figures_set(
        roadmap=report.roadmap,
        indicator=indicator,
        baseline=(2021, Decimal(1000), {"en": "Hotline 111", "vi": "Tổng đài 111"}),
        targets={2025: Decimal(2000)},
    )


@pytest.fixture
def four_cycles(report):
    """2022 (accepted), 2023 (handed in, the report printed), 2024 (handed in, later)."""
    first = submitted(report, state=ReportState.ACCEPTED)
    return first, later(report, 2023), later(report, 2024)


def test_annex_prints_values_against_baseline_and_target(report):
    calls = IndicatorFactory(country=report.country, name="Hotline calls", unit="calls")
    with_figures(calls, report)
    first = submitted(report, state=ReportState.ACCEPTED)
    printed = later(report, 2023)
    IndicatorValueFactory(report=first, indicator=calls, value=1200)
    IndicatorValueFactory(report=printed, indicator=calls, value=1500)

    annex = _annex(render_html(printed))

    assert 'class="pf-target"' in annex and 'class="pf-baseline"' in annex
    facts = annex[annex.index('class="data chart-facts"') :]
    # 2023: half the way (1,000 -> 1,500 of 2,000) in half the time (2021 -> 2023 of 2025).
    for text in ("1,000 (2021)", "2,000 (2025)", "1,500 (2023)", "50 %", "On track"):
        assert text in facts


def _annex(html: str) -> str:
    start = html.index('id="annex-trends"')
    return html[start : html.index("</section>", start)]


def test_annex_prints_charts_and_tables_of_the_reports_cycle_and_earlier(four_cycles):
    first, printed, after = four_cycles
    calls = IndicatorFactory(country=first.country, name="Hotline calls", unit="calls")
    for report, value in ((first, 1200), (printed, 1500), (after, 98765)):
        IndicatorValueFactory(report=report, indicator=calls, value=value)
    step = NextStepFactory(report=first, title="Adopt the plan")
    status(printed, step, "completed")
    ActivityFactory(report=printed, participants_women=30, participants_men=10)

    annex = _annex(render_html(printed))

    assert "Annex C. Trends across cycles" in annex
    assert annex.count("<svg") == 4  # the indicator, people by sex, rating, coverage
    assert annex.count('class="data chart-table"') == 4
    assert "Hotline calls (calls)" in annex and "1,200" in annex and "1,500" in annex
    assert "98,765" not in annex and after.cycle.code not in annex
    assert re.search(r"Adopt the plan.*?Set</td>\s*<td>Completed", annex, re.S)
    assert "People reached by sex, per cycle" in annex and "Women" in annex


def test_annex_counts_an_earlier_draft_never_handed_in_as_no_report(four_cycles):
    first, printed, _after = four_cycles
    first.state, first.submitted_at = ReportState.DRAFT, None
    first.save()
    calls = IndicatorFactory(country=first.country, name="Hotline calls", unit="calls")
    IndicatorValueFactory(report=first, indicator=calls, value=4321)

    annex = _annex(render_html(printed))

    assert "4,321" not in annex and first.cycle.code not in annex


@pytest.mark.parametrize("size", [1, 6])
def test_printed_context_queries_do_not_grow_with_the_annex(report, size, monkeypatch):
    indicators = [IndicatorFactory(country=report.country) for _ in range(size)]
    for indicator in indicators:
        with_figures(indicator, report)
    first = submitted(report, state=ReportState.ACCEPTED)
    printed = later(report, 2023)
    later(report, 2024)
    for report in (first, printed):
        for n, indicator in enumerate(indicators):
            IndicatorValueFactory(report=report, indicator=indicator, value=n + 1)
            NextStepFactory(report=report, title=f"Step {n}")
            ActivityFactory(report=report)
    providers = annexes._providers
    monkeypatch.setattr(annexes, "_providers", [])
    printed_context(printed)  # warm what is read once per process (layout, translations)
    with CaptureQueriesContext(connection) as without:
        printed_context(printed)
    monkeypatch.setattr(annexes, "_providers", providers)
    with CaptureQueriesContext(connection) as with_annex:
        printed_context(printed)

    assert (len(without), len(with_annex)) == (PRINTED_QUERIES, PRINTED_QUERIES + ANNEX_QUERIES)


def test_the_pdf_carries_the_annex(four_cycles):
    _first, printed, _after = four_cycles
    reader = PdfReader(io.BytesIO(render_pdf(printed)))
    pages = [page.extract_text() for page in reader.pages]

    annex_pages = [i for i, text in enumerate(pages) if "Trends across cycles" in text]
    assert annex_pages, "the annex heading is in the PDF"
    assert any("Progress rating per cycle" in text for text in pages[annex_pages[-1] :])
