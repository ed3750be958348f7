"""Load the monitoring demo (see ``demo.countries``): five more pathfinder
countries, four cycles in varied states, Viet Nam's 2020-2021 report, its 2021-2022
report filled in, the secretariat. Called by ``seed_demo``; like it, creates only what is
missing and never overwrites what a demo user typed.

The five countries' story is told over ``YEARS`` (2020-2023) and played in the four cycles
that end at the current one (``shift`` years later), so the board of a demo seeded today
shows a cycle under way; Viet Nam's reports keep their own years (their texts are dated).

Figures come from a random generator seeded per country and year, so every run (and
every machine) gets the same demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.areas import name_places
from demo.countries import (
    COUNTRIES,
    NOT_OPENED,
    VIET_NAM_2020,
    VN_2020_INDICATORS,
    VN_2021_ACTIVITIES,
    VN_2021_PLAIN_ANSWERS,
    VN_2021_PRIORITY_ANSWERS,
    YEARS,
    DemoCountry,
)
from reports import services
from reports.layout import build_layout
from reports.models import (
    Activity,
    Answer,
    IndicatorValue,
    IndicatorValuePart,
    NextStep,
    Report,
    ReportingCycle,
    ReportState,
    Transition,
    TransitionAction,
)
from roadmap.models import (
    Country,
    Framework,
    FrameworkMembership,
    FrameworkRole,
    Indicator,
    Membership,
    Priority,
    Roadmap,
    Role,
)

STATUS_NOTES = {
    "completed": "Done as planned.",
    "ongoing": "Under way; it continues in the coming cycle.",
    "planned": "Prepared; work starts in the coming cycle.",
    "not_achieved": "Not achieved: the funding expected did not come.",
}
CHOICES = {
    "evidence_tools": ["surveys", "third_parties"],
    "international_partners": ["ilo", "un_agencies"],
    "regional_initiatives": "yes",
    "domestic_partners": ["employers", "workers", "ministries"],
    "more_collaboration": "yes",
    "process_useful": "yes",
    "revise_roadmap": "no",
}


def load(
    *,
    framework: Framework,
    users: dict,
    make_cycle: Callable[[Framework, int], ReportingCycle],
    fill_roadmap: Callable,
    current_year: int,
    now: dt.datetime,
) -> None:
    """``current_year``: the year the current cycle starts in; ``now``: the moment the
    demo is seeded as of (seed_demo's today)."""
    shift = current_year - YEARS[-1]
    years = range(min(YEARS[0], current_year - len(YEARS) + 1), max(2021, current_year) + 1)
    # Every year between, so that "the previous cycle" of each is the year before.
    cycles = {year: make_cycle(framework, year) for year in years}
    source = cycles[2021].questionnaire
    for year in years:
        if not hasattr(cycles[year], "questionnaire"):
            services.questionnaire_copy(source=source, cycle=cycles[year])
    FrameworkMembership.objects.get_or_create(
        user=users["secretariat"], framework=framework, role=FrameworkRole.SECRETARIAT
    )
    reviewer = users["ilo-reviewer"]
    for demo in COUNTRIES:
        country = _country(demo)
        roadmap, _ = Roadmap.objects.get_or_create(
            country=country,
            framework=framework,
            version=1,
            defaults={"title": demo.roadmap, "goal": demo.goal},
        )
        fill_roadmap(roadmap, demo.themes)
        focal = _focal_point(country)
        if demo.code == "NP":  # the demo reviewer covers a second country
            Membership.objects.get_or_create(
                user=reviewer, country=country, defaults={"role": Role.REVIEWER}
            )
        for year in YEARS:
            state, offset = demo.plan[year]
            if state is NOT_OPENED:
                continue
            report, created = Report.objects.get_or_create(
                country=country, cycle=cycles[year + shift], defaults={"roadmap": roadmap}
            )
            if created:
                filler = Filler(report, demo, year, focal, shift=shift, now=now)
                filler.fill(partial=state == ReportState.DRAFT)
                # The values before handing in: a handed-in report's break-downs are frozen.
                _indicators(demo, country, {year: cycles[year + shift] for year in YEARS})
                hand_in(report, state, offset, focal, users["secretariat"], now=now)
        _indicators(demo, country, {year: cycles[year + shift] for year in YEARS})
    _viet_nam(framework, cycles, users, now)


def _country(demo: DemoCountry) -> Country:
    country, _ = Country.objects.get_or_create(
        code=demo.code, defaults={"name": demo.name, "region": demo.region}
    )
    if not country.region:
        Country.objects.filter(pk=country.pk).update(region=demo.region)
    return country


def _focal_point(country: Country):
    """A focal point who hands the country's reports in (no password: not a demo login)."""
    user, created = get_user_model().objects.get_or_create(
        username=f"{country.code.lower()}-focal",
        defaults={"first_name": "Focal point", "last_name": f"{country.name} (demo)"},
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(
        user=user, country=country, defaults={"role": Role.FOCAL_POINT}
    )
    return user


class Filler:
    """Writes one demo report: progress per priority, the status of the next steps carried
    over, the overall answers, new next steps, activities. ``year`` is the story's year
    (its texts and figures), played ``shift`` years later (the activities' dates)."""

    def __init__(
        self, report: Report, demo: DemoCountry, year: int, user, *, shift: int = 0, now=None
    ) -> None:
        self.report, self.demo, self.year, self.user = report, demo, year, user
        self.shift = shift
        self.today = timezone.localdate(now or timezone.now())
        self.rng = random.Random(f"{demo.code}-{year}")  # noqa: S311 - demo figures, not secrets
        self.index = YEARS.index(year)

    def fill(self, *, partial: bool = False, activities: bool = True) -> None:
        items = list(build_layout(self.report).items())
        priorities = list(dict.fromkeys(i.priority for i in items if i.priority is not None))
        served = self._activities(priorities) if activities else {}
        for item in items:
            if partial and self.rng.random() < 0.45:
                continue  # a draft: part of the form still empty
            self._answer(item, served)
        for order, step in enumerate(self._listed_steps(), start=1):
            NextStep.objects.create(
                report=self.report,
                order=order,
                title=step.title,
                targets="By the end of the coming cycle.",
                evidence="Reports of the ministry in charge.",
                work_areas=[step.work_area],
            )

    def _listed_steps(self):
        """The steps set this cycle, and those the country carries on after an 'ongoing'."""
        return [
            s for s in self.demo.steps if s.set_in <= self.year < s.set_in + max(1, len(s.statuses))
        ]

    def _answer(self, item, served: dict[int, list[Activity]]) -> None:
        code = item.question.code
        fields: dict = {}
        if code == "priority_progress":
            done = served.get(item.priority.pk, [])
            if done:
                fields["text"] = " ".join(
                    f"{a.title} reached {a.people_reached} people." for a in done
                )
            else:
                fields["text"] = "Planning continued with the ministries concerned."
        elif code in ("next_step_status", "next_step_progress"):
            status = self._status_of(item.next_step.title)
            if not status:
                return  # dropped: the country gave no status
            if code == "next_step_status":
                fields["value"] = status
            else:
                fields["text"] = STATUS_NOTES[status]
        elif code == "overall_rating":
            fields["value"] = str(min(5, 2 + self.index + self.rng.randint(0, 1)))
        elif code in ("highlights", "challenges"):
            texts = getattr(self.demo, code)
            fields["text"] = texts[self.index] or ""
        elif code == "anticipated_challenges":
            fields["text"] = self.demo.challenges[(self.index + 1) % len(YEARS)]
        elif code in CHOICES:
            fields["value"] = CHOICES[code]
        if not fields.get("text") and fields.get("value") is None:
            return
        Answer.objects.get_or_create(
            report=self.report,
            question=item.question,
            priority=item.priority,
            next_step=item.next_step,
            defaults={**fields, "updated_by": self.user},
        )

    def _status_of(self, title: str) -> str:
        for step in self.demo.steps:
            k = self.year - step.set_in - 1
            if step.title == title and 0 <= k < len(step.statuses):
                return step.statuses[k]
        return ""

    def _activities(self, priorities: list[Priority]) -> dict[int, list[Activity]]:
        served: dict[int, list[Activity]] = {}
        for n, (title, kind) in enumerate(self.demo.activities):
            women = self.rng.randint(8, 120)
            men = self.rng.randint(5, 110)
            starts_on = dt.date(self.year + self.shift, 6 + 2 * n, 10 + n)
            if starts_on > self.today:
                continue  # the current cycle: what has not happened yet is not reported
            activity = Activity.objects.create(
                report=self.report,
                title=title,
                kind=kind,
                starts_on=starts_on,
                organisers="Ministry of Labour",
                participants_women=women,
                participants_men=men,
                participants_total=women + men,
            )
            provinces = self.rng.sample(self.demo.provinces, k=self.rng.randint(1, 2))
            name_places(activity, provinces)
            chosen = self.rng.sample(priorities, k=min(len(priorities), self.rng.randint(1, 2)))
            activity.priorities.set(chosen)
            for priority in chosen:
                served.setdefault(priority.pk, []).append(activity)
        return served


def hand_in(
    report: Report, state: str, offset: int | None, focal, reviewer, *, now: dt.datetime
) -> None:
    """Put the report in ``state`` with the transitions that took it there: handed in
    ``offset`` days from the deadline, decided two weeks later. A report of the current
    cycle, whose deadline is ahead, was handed in three weeks ago instead and decided a
    week ago; one whose cycle opened less than three weeks ago stays a draft."""
    if state == ReportState.DRAFT or offset is None:
        return
    submitted = timezone.make_aware(
        dt.datetime.combine(report.cycle.deadline + dt.timedelta(days=offset), dt.time(9))
    )
    decided = submitted + dt.timedelta(days=14)
    if decided > now:
        submitted, decided = now - dt.timedelta(days=21), now - dt.timedelta(days=7)
        if timezone.localdate(submitted) < report.cycle.opens_on:
            return
    steps = [
        (TransitionAction.SUBMIT, ReportState.DRAFT, ReportState.SUBMITTED, focal, submitted, "")
    ]
    if state == ReportState.ACCEPTED:
        steps.append((TransitionAction.ACCEPT, ReportState.SUBMITTED, state, reviewer, decided, ""))
    elif state == ReportState.RETURNED:
        reason = "Please give the participants of each training by sex."
        steps.append(
            (TransitionAction.RETURN, ReportState.SUBMITTED, state, reviewer, decided, reason)
        )
    for action, source, target, user, at, reason in steps:
        record = Transition.objects.create(
            report=report, action=action, from_state=source, to_state=target, by=user, reason=reason
        )
        Transition.objects.filter(pk=record.pk).update(at=at)
    Report.objects.filter(pk=report.pk).update(
        state=state,
        submitted_at=submitted,
        accepted_at=decided if state == ReportState.ACCEPTED else None,
        updated_at=steps[-1][4],
    )


def value_with_parts(
    report: Report, indicator: Indicator, value: Decimal, parts: dict, *, source: str
) -> IndicatorValue:
    """The indicator's value in ``report`` with its break-down (label -> number), written
    once: a second run finds it."""
    stored, created = IndicatorValue.objects.get_or_create(
        report=report, indicator=indicator, defaults={"value": value, "source": source}
    )
    if created:
        for order, (label, amount) in enumerate(parts.items()):
            IndicatorValuePart(value=stored, label=label, amount=amount, order=order).save()
    return stored


def _indicators(demo: DemoCountry, country: Country, cycles: dict[int, ReportingCycle]) -> None:
    reports = {r.cycle_id: r for r in Report.objects.filter(country=country)}
    for order, (name, unit, source, area, values, parts) in enumerate(demo.indicators, start=1):
        indicator, _ = Indicator.objects.get_or_create(
            country=country,
            name=name,
            defaults={"unit": unit, "source": source, "work_area": area, "order": order},
        )
        for year, value in zip(YEARS, values, strict=True):
            report = reports.get(cycles[year].pk)
            if value is None or report is None:
                continue
            split = {}
            if parts:  # an even-ish break-down that adds up to the value
                shares = [len(parts) - i + 1 for i in range(len(parts))]
                split = {p: value * s // sum(shares) for p, s in zip(parts, shares, strict=True)}
                split[parts[0]] += value - sum(split.values())
            value_with_parts(report, indicator, Decimal(value), split, source=source)


def _viet_nam(
    framework: Framework, cycles: dict[int, ReportingCycle], users: dict, now: dt.datetime
) -> None:
    """Viet Nam's 2020-2021 report (invented, accepted), then its 2021-2022 report filled
    in from the facts of the seed (only the answers still missing)."""
    viet_nam = Country.objects.get(code="VN")
    if not viet_nam.region:
        Country.objects.filter(pk=viet_nam.pk).update(region=VIET_NAM_2020.region)
    roadmap = Roadmap.objects.get(country=viet_nam, framework=framework, version=1)
    report_2020, created = Report.objects.get_or_create(
        country=viet_nam, cycle=cycles[2020], defaults={"roadmap": roadmap}
    )
    if created:
        Filler(report_2020, VIET_NAM_2020, 2020, users["vn-focal"], now=now).fill()
        hand_in(
            report_2020,
            ReportState.ACCEPTED,
            -10,
            users["vn-focal"],
            users["ilo-reviewer"],
            now=now,
        )
    for indicator in Indicator.objects.filter(country=viet_nam, name__in=VN_2020_INDICATORS):
        IndicatorValue.objects.get_or_create(
            report=report_2020,
            indicator=indicator,
            defaults={
                "value": Decimal(VN_2020_INDICATORS[indicator.name]),
                "source": indicator.source,
            },
        )

    report_2021 = Report.objects.with_context().get(country=viet_nam, cycle=cycles[2021])
    items = list(build_layout(report_2021).items())
    per_priority = [i for i in items if i.question.code == "priority_progress"]
    filler = Filler(report_2021, VIET_NAM_2020, 2021, users["vn-focal"])
    for position, item in enumerate(per_priority, start=1):
        Answer.objects.get_or_create(
            report=report_2021,
            question=item.question,
            priority=item.priority,
            defaults={"text": VN_2021_PRIORITY_ANSWERS[position], "updated_by": filler.user},
        )
    by_code = {i.question.code: i for i in items if i.priority is None and i.next_step is None}
    for code, fields in VN_2021_PLAIN_ANSWERS.items():
        Answer.objects.get_or_create(
            report=report_2021,
            question=by_code[code].question,
            priority=None,
            next_step=None,
            defaults={**fields, "updated_by": filler.user},
        )
    for item in items:
        if item.next_step is not None:
            filler._answer(item, {})
    if not report_2021.activities.exists():
        positions = [i.priority for i in per_priority]
        for title, kind, start, provinces, women, men, served in VN_2021_ACTIVITIES:
            activity = Activity.objects.create(
                report=report_2021,
                title=title,
                kind=kind,
                starts_on=dt.date(*start),
                organisers="MOLISA",
                participants_women=women,
                participants_men=men,
                participants_total=women + men,
            )
            name_places(activity, provinces)
            activity.priorities.set(positions[p - 1] for p in served)
