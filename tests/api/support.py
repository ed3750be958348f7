"""A small world for the API's tests: two countries' reports of one framework, each with a
row of every kind (an answer, a next step, an activity, an indicator value), and the people
around them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from reports.models import Answer, Question, QuestionKind, Report
from roadmap.models import Role
from roadmap.services import indicator_figures_set, roadmap_revise
from tests.factories import (
    ActivityFactory,
    AreaFactory,
    CountryFactory,
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
from tests.reports.review_support import handed_in

# Every resource whose rows are written in a report.
IN_REPORT = ("answers", "next-steps", "activities", "indicator-values")


def fill(report: Report) -> Report:
    """One row of each kind in ``report``."""
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="highlights")
    Answer.objects.create(report=report, question=question, text=f"Typed in {report.country}.")
    per_priority = Question.objects.filter(
        section__questionnaire__cycle=report.cycle, kind=QuestionKind.TEXT_PER_PRIORITY
    ).first()
    Answer.objects.create(
        report=report,
        question=per_priority,
        priority=report.roadmap.priorities.order_by("pk").first(),
        text="Per priority.",
    )
    NextStepFactory(report=report)
    activity = ActivityFactory(report=report)
    activity.priorities.add(report.roadmap.priorities.order_by("pk").first())
    IndicatorValueFactory(report=report)
    return report


def later_report(report: Report) -> Report:
    """The same country's draft of the next cycle (2023-2024), on the same roadmap."""
    cycle = CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2023, 5, 1))
    questionnaire_for(cycle)
    return ReportFactory(country=report.country, cycle=cycle, roadmap=report.roadmap)


@dataclass
class World:
    draft: Report  # country AA, a draft never handed in
    other: Report  # another country's report, handed in
    owner: object
    colleague: object
    outsider: object
    reviewer: object  # reviewer of the draft's country
    secretariat: object
    admin: object


def figures(report: Report, *, name: str = "Hotline calls") -> None:
    """A baseline of 3,808 calls in 2021 and a target of 2,000 in 2025 in ``report``'s
    roadmap version (a new version when that one is frozen), and an area of its country."""
    roadmap = report.roadmap
    if roadmap.is_frozen:
        roadmap = roadmap_revise(roadmap=roadmap)
    indicator_figures_set(
        roadmap=roadmap,
        indicator=IndicatorFactory(country=report.country, name=name),
        baseline=(2021, Decimal(3808), {"en": "Hotline 111", "vi": "Tổng đài 111"}),
        targets={2025: Decimal(2000)},
    )
    AreaFactory(country=report.country, name=f"{name} province")


def world() -> World:
    draft = fill(report_with_form(priorities=4))
    figures(draft)
    other = fill(report_with_form(priorities=4, country=CountryFactory(), cycle=draft.cycle))
    handed_in(other)
    return World(
        draft=draft,
        other=other,
        owner=member(draft, Role.REPORTER),
        colleague=member(draft, Role.FOCAL_POINT),
        outsider=member(CountryFactory(), Role.FOCAL_POINT),
        reviewer=member(draft, Role.REVIEWER),
        secretariat=secretariat_of(draft.cycle.framework),
        admin=UserFactory(is_staff=True, is_superuser=True),
    )


def rows(client, user, path: str, **params) -> list[dict]:
    """Every row of a list, following the cursor."""
    client.force_login(user)
    url, found = path, []
    while url:
        response = client.get(url, params if url == path else None)
        assert response.status_code == 200, response.content
        body = response.json()
        found += body["results"] if isinstance(body, dict) else body
        url = body.get("next") if isinstance(body, dict) else None
    return found
