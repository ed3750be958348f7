"""Published reports for the public pages' tests: a country's accepted reports with an
answer per priority, a rating, next steps, an activity and an indicator value, each
published as the secretariat publishes (a frozen snapshot)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from reports.models import Publication, Question, Report, ReportState
from reports.publication_snapshot import public_snapshot
from roadmap.models import Indicator
from tests.factories import (
    ActivityFactory,
    AnswerFactory,
    CountryFactory,
    CycleFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    NextStepFactory,
    ReportFactory,
    UserFactory,
    questionnaire_for,
    report_with_form,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with nothing cached (pages, versions)."""
    cache.clear()
    yield
    cache.clear()


def fill(report: Report, *, marker: str = "") -> Report:
    """Answers (a progress text per priority, the rating), a next step, an activity and an
    indicator value; then the report is accepted."""
    questions = {
        q.code: q for q in Question.objects.filter(section__questionnaire__cycle=report.cycle)
    }
    for priority in report.roadmap.priorities.all():
        AnswerFactory(
            report=report,
            question=questions["priority_progress"],
            priority=priority,
            text=f"Progress on {priority.text} in {report.cycle.code}{marker}",
        )
    AnswerFactory(report=report, question=questions["overall_rating"], value=4, text="")
    NextStepFactory(report=report, title=f"Train labour inspectors {report.cycle.code}")
    activity = ActivityFactory(report=report, starts_on=report.cycle.starts_on)
    activity.priorities.set(report.roadmap.priorities.all()[:1])
    indicator = Indicator.objects.filter(country=report.country).first() or IndicatorFactory(
        country=report.country, name="Calls to the child helpline"
    )
    IndicatorValueFactory(
        report=report, indicator=indicator, value=1000 + report.cycle.starts_on.year
    )
    Report.objects.filter(pk=report.pk).update(state=ReportState.ACCEPTED, revision=3)
    report.refresh_from_db()
    return report


def publish(report: Report, *, by=None) -> Publication:
    """What the secretariat's publish does to the rows: withdraw the live one, freeze a
    snapshot of the current revision."""
    by = by or UserFactory()
    now = timezone.now()
    for live in Publication.objects.filter(report=report, withdrawn_at__isnull=True):
        live.withdrawn_at, live.withdrawn_by = now, by
        live.save()
    return Publication.objects.create(
        report=report,
        revision=report.revision,
        snapshot=public_snapshot(report),
        published_at=now,
        published_by=by,
    )


def country_reports(n: int, *, country=None) -> list[Report]:
    """``n`` accepted reports of one country, one per cycle from 2019-2020 on."""
    country = country or CountryFactory(name="Viet Nam", code="VN")
    first = report_with_form(
        priorities=4, country=country, cycle=CycleFactory(starts_on=dt.date(2019, 5, 1))
    )
    reports = [first]
    for year in range(2020, 2019 + n):
        cycle = CycleFactory(starts_on=dt.date(year, 5, 1))
        questionnaire_for(cycle)
        reports.append(ReportFactory(country=country, cycle=cycle, roadmap=first.roadmap))
    return [fill(report) for report in reports]


@pytest.fixture
def published(db) -> list[Publication]:
    """Two cycles of Viet Nam, both published."""
    return [publish(report) for report in country_reports(2)]
