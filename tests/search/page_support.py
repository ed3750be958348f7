"""Reports with texts to find, for the search page's tests: written directly, then the
index brought in step as ``report_touch`` does (the engine's own tests write through the
services: support.py)."""

from __future__ import annotations

from reports.layout import build_layout
from reports.models import Answer, Report, ReportState
from search.index import sync_reports
from tests.factories import CycleFactory, ReportFactory, questionnaire_for, report_with_form
from tests.reports.review_support import put_in_state


def answer(report: Report, text: str, index: int = 0) -> Answer:
    """``text`` as the answer of the report's ``index``-th text item."""
    items = [i for i in build_layout(report).items() if not i.question.has_choices]
    item = items[index]
    written = Answer.objects.create(
        report=report,
        question=item.question,
        priority=item.priority,
        next_step=item.next_step,
        text=text,
    )
    # As report_touch does after every write of a service (the factories write directly).
    sync_reports([report])
    return written


def handed_in_report(*, cycle=None, text: str, state: str = ReportState.SUBMITTED, **kwargs):
    """Another country's report with ``text`` as an answer, handed in; ``after`` (a report)
    gives the country and roadmap of a later cycle's report."""
    cycle = cycle or CycleFactory()
    after = kwargs.pop("after", None)
    if after is not None:
        questionnaire_for(cycle)
        report = ReportFactory(country=after.country, roadmap=after.roadmap, cycle=cycle)
    else:
        report = report_with_form(priorities=2, cycle=cycle, **kwargs)
    answer(report, text)
    return put_in_state(report, state)
