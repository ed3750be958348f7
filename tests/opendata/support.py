"""Entries for the open-data tests made from factory reports, as a publication freezes
them (the export structure of docs/export-schema.md)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from opendata.entries import Entry
from reports.export_data import report_data
from reports.models import Question
from tests.factories import ActivityFactory, AnswerFactory, IndicatorValueFactory

User = get_user_model()
PUBLISHED = dt.datetime(2023, 7, 1, 9, 30, tzinfo=dt.UTC)


def filled_report(report, *, label: str = "x"):
    """A report with an answer, an activity and an indicator value with two parts."""
    question = Question.objects.filter(
        section__questionnaire__cycle=report.cycle, kind="text"
    ).first()
    AnswerFactory(report=report, question=question, text=f"Public answer {label}")
    ActivityFactory(report=report, title=f"Public activity {label}")
    IndicatorValueFactory(report=report, value=100, parts={"girls": 60, "boys": 40})
    return report


def entry_of(report, *, published_at: dt.datetime = PUBLISHED) -> Entry:
    return Entry(
        framework=report.cycle.framework.slug,
        country_code=report.country.code,
        cycle_code=report.cycle.code,
        revision=report.revision,
        published_at=published_at,
        snapshot=report_data(report),
    )


def secretariat(report):
    """The secretariat of the report's framework, who publishes."""
    from tests.factories import secretariat_of

    framework = report.cycle.framework
    found = User.objects.filter(username=f"sec-{framework.slug}").first()
    return found or secretariat_of(framework, username=f"sec-{framework.slug}")


def publish(report, *, by=None):
    """The secretariat publishes ``report``, accepted, through the workflow."""
    from reports import workflow
    from reports.models import Publication, TransitionAction

    Report = type(report)
    Report.objects.filter(pk=report.pk).update(state="accepted")
    report.refresh_from_db()
    workflow.report_transition(
        report=report, user=by or secretariat(report), action=TransitionAction.PUBLISH
    )
    return Publication.objects.get(report=report, withdrawn_at__isnull=True)


def withdraw(report, *, reason: str = "A figure is under review.") -> None:
    from reports import workflow
    from reports.models import TransitionAction

    workflow.report_transition(
        report=report, user=secretariat(report), action=TransitionAction.WITHDRAW, reason=reason
    )
