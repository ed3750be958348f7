"""Monitoring pages at the Alliance's scale: a framework of 40 countries over 10 cycles
(each report with answers, next steps, activities and indicator values), the board and a
country's trends through Django's test Client signed in as the secretariat."""

from __future__ import annotations

import datetime as dt
import json
import random

from bench.core import Figure, counting_queries, median_ms

COUNTRIES, CYCLES = 40, 10


def _build():
    from django.contrib.auth import get_user_model

    from reports.models import Question
    from roadmap.models import Framework, FrameworkMembership

    rng = random.Random(87)  # noqa: S311 - bench data
    framework = Framework.objects.create(slug="bench", name="Bench framework", kind="pathfinder")
    cycles = _cycles(framework)
    questions = {
        (q.section.questionnaire.cycle_id, q.code): q
        for q in Question.objects.filter(section__questionnaire__cycle__in=cycles).select_related(
            "section__questionnaire"
        )
    }
    codes = [f"{a}{b}" for a in "QX" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"][:COUNTRIES]
    for n, code in enumerate(codes):
        _country(framework, code, n, cycles, questions, rng)
    user = get_user_model().objects.create(username="bench-secretariat")
    FrameworkMembership.objects.create(user=user, framework=framework)
    return framework, cycles[-1], codes[0], user


def _cycles(framework) -> list:
    """CYCLES cycles, the first with the annual questionnaire, the others copying it."""
    from reports import services
    from reports.data import QUESTIONNAIRE_FILE
    from reports.models import ReportingCycle

    first, cycles = None, []
    for year in range(2014, 2014 + CYCLES):
        cycle = ReportingCycle.objects.create(
            framework=framework,
            starts_on=dt.date(year, 5, 1),
            ends_on=dt.date(year + 1, 4, 30),
            opens_on=dt.date(year + 1, 3, 1),
            deadline=dt.date(year + 1, 6, 30),
        )
        if first is None:
            data = json.loads(QUESTIONNAIRE_FILE.read_text(encoding="utf-8"))
            first = services.questionnaire_load(cycle=cycle, data=data)
        else:
            services.questionnaire_copy(source=first, cycle=cycle)
        cycles.append(cycle)
    return cycles


def _country(framework, code: str, n: int, cycles: list, questions: dict, rng) -> None:
    """A country with a roadmap of 8 priorities and a report in a random state per cycle."""
    from reports.models import NextStep, Report, ReportState
    from roadmap.models import Country, Indicator, Priority, Roadmap, Theme

    country = Country.objects.create(code=code, name=f"Bench country {n:02d}")
    roadmap = Roadmap.objects.create(country=country, framework=framework, title="Roadmap")
    priorities = []
    for t in (1, 2):
        theme = Theme.objects.create(roadmap=roadmap, number=t, name=f"Theme {t}")
        priorities += [
            Priority.objects.create(roadmap=roadmap, theme=theme, number=p, text=f"P{t}.{p}")
            for p in range(1, 5)
        ]
    indicator = Indicator.objects.create(country=country, name="Calls", unit="calls")
    states = [ReportState.ACCEPTED, ReportState.SUBMITTED, ReportState.RETURNED, ReportState.DRAFT]
    previous_steps: list = []
    for cycle in cycles:
        state = rng.choice(states)
        report = Report.objects.create(
            country=country,
            cycle=cycle,
            roadmap=roadmap,
            state=state,
            submitted_at=None
            if state == ReportState.DRAFT
            else dt.datetime(cycle.deadline.year, 6, 20, tzinfo=dt.UTC),
        )
        _fill(report, cycle, questions, priorities, previous_steps, indicator, rng)
        previous_steps = NextStep.objects.bulk_create(
            NextStep(report=report, order=i, title=f"Step {i}", work_areas=["child_labour"])
            for i in range(3)
        )


def _fill(report, cycle, questions, priorities, previous_steps, indicator, rng) -> None:
    """Answers (progress, carried next steps' status, rating), activities, a figure."""
    from reports.models import Activity, Answer, IndicatorValue

    progress = questions[(cycle.pk, "priority_progress")]
    answers = [
        Answer(report=report, question=progress, priority=p, text="Progress.")
        for p in priorities[: rng.randint(2, 8)]
    ]
    answers += [
        Answer(
            report=report,
            question=questions[(cycle.pk, "next_step_status")],
            next_step=s,
            value=rng.choice(["completed", "ongoing", "planned"]),
        )
        for s in previous_steps
    ]
    answers.append(
        Answer(
            report=report,
            question=questions[(cycle.pk, "overall_rating")],
            value=str(rng.randint(1, 5)),
        )
    )
    Answer.objects.bulk_create(answers)
    for i in range(3):
        activity = Activity.objects.create(
            report=report,
            title=f"Activity {i}",
            kind="training",
            starts_on=cycle.starts_on,
            coverage="areas",
            unlisted_areas=[f"Province {rng.randint(1, 5)}"],
            participants_women=rng.randint(5, 60),
            participants_men=rng.randint(5, 60),
        )
        activity.priorities.set(rng.sample(priorities, 2))
    IndicatorValue.objects.create(report=report, indicator=indicator, value=rng.randint(100, 5000))


def run() -> list[Figure]:
    from django.test import Client
    from django.urls import reverse

    framework, cycle, code, user = _build()
    client = Client()
    client.force_login(user)
    board = reverse("monitoring:board", args=[framework.slug])
    trends = reverse("monitoring:trends", args=[framework.slug, code])
    synthesis = reverse("monitoring:synthesis", args=[framework.slug, cycle.code])

    def get(url: str, **params) -> None:
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code

    figures = []
    for name, url, params in [
        ("board", board, {"cycle": cycle.code}),
        ("board sorted by completeness, late only", board, {"sort": "complete", "late": "on"}),
        ("trends of one country", trends, {}),
        ("synthesis of the cycle", synthesis, {}),
    ]:
        with counting_queries() as queries:
            get(url, **params)
        figures.append(
            Figure(
                f"monitoring: {name} ({COUNTRIES} countries x {CYCLES} cycles), median",
                median_ms(lambda u=url, p=params: get(u, **p), repeat=10),
            )
        )
        figures.append(Figure(f"monitoring: {name}, queries", queries.count, "queries"))
    return figures
