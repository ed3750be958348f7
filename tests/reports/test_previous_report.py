"""What a report carries over from the country's latest earlier report, kept between
requests under that report's revision (``reports.previous_report``, issue 25): never
stale, whichever way the earlier report is written."""

from __future__ import annotations

import datetime as dt

from reports.layout import build_layout
from reports.models import Answer, NextStep, Report, ReportState
from reports.previous_report import latest_earlier
from reports.revisions import report_touch
from reports.selectors.previous import previous_answers
from tests.factories import CycleFactory, NextStepFactory, ReportFactory

from .entry_helpers import item


def _earlier(report: Report) -> Report:
    return ReportFactory(
        country=report.country,
        roadmap=report.roadmap,
        cycle=CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2021, 5, 1)),
        state=ReportState.RETURNED,
    )


def _fresh(report: Report) -> Report:
    """The report as a new request reads it."""
    return Report.objects.with_context().get(pk=report.pk)


def test_carried_next_steps_show_a_change_to_the_earlier_report(report):
    earlier = _earlier(report)
    step = NextStepFactory(report=earlier, order=1, title="Revise Decree 145")
    assert [s.title for s in build_layout(_fresh(report)).next_steps_carried] == [
        "Revise Decree 145"
    ]
    # Written as the entry services write it: the row, then the report's new revision.
    NextStep.objects.filter(pk=step.pk).update(title="Revise Decree 145 on child labour")
    report_touch(report=Report.objects.with_context().get(pk=earlier.pk))
    layout = build_layout(_fresh(report))
    assert [s.title for s in layout.next_steps_carried] == ["Revise Decree 145 on child labour"]
    parts = [i for i in layout.items() if i.next_step is not None]
    assert parts and {i.next_step.title for i in parts} == {"Revise Decree 145 on child labour"}


def test_last_cycles_answer_shows_a_change_to_the_earlier_report(report):
    earlier = _earlier(report)
    highlights = item(report, "highlights")
    answer = Answer.objects.create(report=earlier, question=highlights.question, text="First")
    fresh = _fresh(report)
    found = previous_answers(report=fresh, items=build_layout(fresh).items())
    assert found[highlights.key].text == "First"
    Answer.objects.filter(pk=answer.pk).update(text="Second")
    report_touch(report=Report.objects.with_context().get(pk=earlier.pk))
    fresh = _fresh(report)
    found = previous_answers(report=fresh, items=build_layout(fresh).items())
    assert found[highlights.key].text == "Second"


def test_each_request_gets_its_own_next_step_instances(report):
    NextStepFactory(report=_earlier(report), order=1)
    first = build_layout(_fresh(report)).next_steps_carried[0]
    second = build_layout(_fresh(report)).next_steps_carried[0]
    assert first == second and first is not second


def test_no_earlier_report_carries_nothing_in_one_query(report, django_assert_num_queries):
    fresh = _fresh(report)
    with django_assert_num_queries(1):
        assert latest_earlier(fresh) is None
    with django_assert_num_queries(0):  # once per instance
        assert latest_earlier(fresh) is None
    assert previous_answers(report=fresh, items=build_layout(fresh).items()) == {}
