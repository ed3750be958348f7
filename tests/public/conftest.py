"""Published reports for the public pages' tests: a country's accepted reports with an
answer per priority, a rating, next steps, an activity and an indicator value, each
published as the secretariat publishes (a frozen snapshot)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from reports import workflow
from reports.models import Publication, Question, Report, ReportState, TransitionAction
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
    questionnaire_for,
    report_with_form,
    secretariat_of,
)

User = get_user_model()


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


def secretariat(framework):
    """The framework's secretariat (one per test)."""
    found = User.objects.filter(username=f"secretariat-{framework.slug}").first()
    return found or secretariat_of(framework, username=f"secretariat-{framework.slug}")


def publish(report: Report, *, by=None) -> Publication:
    """The secretariat publishes ``report`` (accepted) through the workflow."""
    by = by or secretariat(report.cycle.framework)
    workflow.report_transition(report=report, user=by, action=TransitionAction.PUBLISH)
    return Publication.objects.get(report=report, withdrawn_at__isnull=True)


def withdraw(publication: Publication, *, reason: str = "A figure is under review.") -> None:
    report = publication.report
    by = secretariat(report.cycle.framework)
    workflow.report_transition(
        report=report, user=by, action=TransitionAction.WITHDRAW, reason=reason
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
