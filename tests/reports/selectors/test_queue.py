"""The reviewer queue's rows: completeness without laying reports out, open threads,
lateness."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from reports.layout import build_layout
from reports.models import Answer, Transition
from reports.selectors.queue import queue_queryset, queue_rows
from reports.services import comments
from tests.factories import CycleFactory, NextStepFactory, ReportFactory
from tests.reports.review_support import fill_required, handed_in

pytestmark = pytest.mark.django_db


def test_completeness_matches_the_layout_without_laying_out(report, reviewer):
    """Per-priority questions count once per active priority, per-next-step questions once
    per carried next step; answers on a deactivated priority or blank text do not count."""
    previous_cycle = CycleFactory(starts_on=dt.date(2021, 5, 1))
    previous = ReportFactory(country=report.country, roadmap=report.roadmap, cycle=previous_cycle)
    NextStepFactory(report=previous)
    NextStepFactory(report=previous)
    layout = build_layout(report)
    items = list(layout.items())
    per_priority = [i for i in items if i.priority is not None]
    for item in per_priority[:4]:
        Answer.objects.create(
            report=report, question=item.question, priority=item.priority, text="Done."
        )
    blank = next(i for i in items if i.question.code == "highlights")
    Answer.objects.create(report=report, question=blank.question, text="  \n ")
    rating = next(i for i in items if i.question.code == "overall_rating")
    Answer.objects.create(report=report, question=rating.question, value="4")
    tools = next(i for i in items if i.question.code == "evidence_tools")
    Answer.objects.create(report=report, question=tools.question, value=[])
    NextStepFactory(report=report)
    # An answer on a priority that is then deactivated no longer counts, nor is it asked.
    per_priority[0].priority.is_active = False
    per_priority[0].priority.save()
    handed_in(report)

    row = queue_rows(reports=list(queue_queryset(user=reviewer)))[0]
    expected = build_layout(report)

    assert (row.required_total, row.required_answered) == (
        expected.required_total,
        expected.required_answered,
    )
    assert row.percent_complete == expected.percent_complete


def test_completeness_of_a_complete_report_is_100(report, reviewer):
    fill_required(report)
    handed_in(report)
    row = queue_rows(reports=list(queue_queryset(user=reviewer)))[0]
    assert row.percent_complete == 100


def test_unresolved_comments_are_counted(report, reviewer):
    handed_in(report)
    items = list(build_layout(report).items())
    comments.thread_start(report=report, user=reviewer, item=items[0], body="a")
    done = comments.thread_start(report=report, user=reviewer, item=items[1], body="b")
    comments.thread_resolve(thread=done, user=reviewer)
    assert queue_rows(reports=list(queue_queryset(user=reviewer)))[0].unresolved == 1


def test_late_is_the_first_submission_after_the_deadline(report, reviewer, focal):
    handed_in(report)
    deadline = report.cycle.deadline
    first = Transition.objects.create(
        report=report, action="submit", from_state="draft", to_state="submitted", by=focal
    )
    Transition.objects.filter(pk=first.pk).update(
        at=timezone.make_aware(dt.datetime.combine(deadline, dt.time(12)))
    )
    # Resubmitted long after the deadline, after a return: not late.
    report.submitted_at = timezone.make_aware(dt.datetime.combine(deadline, dt.time(12)))
    report.submitted_at += dt.timedelta(days=40)
    report.save(update_fields=["submitted_at"])
    assert queue_rows(reports=list(queue_queryset(user=reviewer)))[0].is_late is False

    Transition.objects.filter(pk=first.pk).update(
        at=timezone.make_aware(dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time(12)))
    )
    assert queue_rows(reports=list(queue_queryset(user=reviewer)))[0].is_late is True
