"""Helpers shared by the review tests: a report complete enough to submit, and a report
put in a given state as if the workflow had taken it there."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from reports.layout import build_layout
from reports.models import Answer, QuestionKind, Report, ReportState
from reports.quality import missing_required
from tests.factories import NextStepFactory


def fill_required(report: Report, text: str = "An answer.") -> None:
    """Answer every required item of ``report`` that is still missing."""
    for item in missing_required(build_layout(report)):
        question = item.question
        if question.kind == QuestionKind.NEXT_STEPS:
            NextStepFactory(report=report)
            continue
        value = None
        if question.has_choices:
            first = question.choices.all()[0].value
            value = [first] if question.kind == QuestionKind.MULTIPLE_CHOICE else first
        Answer.objects.update_or_create(
            report=report,
            question=question,
            priority=item.priority,
            next_step=item.next_step,
            defaults={"text": "" if value is not None else text, "value": value},
        )


def put_in_state(report: Report, state: str) -> Report:
    """Move ``report`` to ``state`` directly (a draft that was never submitted stays so)."""
    submitted_at = None if state == ReportState.DRAFT else timezone.now()
    Report.objects.filter(pk=report.pk).update(state=state, submitted_at=submitted_at)
    report.refresh_from_db()
    return report


def handed_in(report: Report, state: str = ReportState.SUBMITTED, days_ago: int = 0) -> Report:
    """``report`` in ``state`` (submitted by default), handed in ``days_ago`` days ago."""
    put_in_state(report, state)
    report.submitted_at = timezone.now() - dt.timedelta(days=days_ago)
    report.save(update_fields=["submitted_at"])
    return report
