"""Entries for the open-data tests made from factory reports, as a publication freezes
them (the export structure of docs/export-schema.md)."""

from __future__ import annotations

import datetime as dt

from opendata.entries import Entry
from reports.export_data import report_data
from reports.models import Question
from tests.factories import ActivityFactory, AnswerFactory, IndicatorValueFactory

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


def publish(report, *, by, at: dt.datetime = PUBLISHED):
    """A live publication of ``report`` as it is now (the frozen public snapshot)."""
    from reports.models import Publication
    from reports.publication_snapshot import public_snapshot

    Report = type(report)
    Report.objects.filter(pk=report.pk).update(state="accepted")
    report.refresh_from_db()
    return Publication.objects.create(
        report=report,
        revision=report.revision,
        snapshot=public_snapshot(report),
        published_at=at,
        published_by=by,
    )
