"""A country's trends under one framework: indicators, next steps followed to the end,
people reached, progress rating and coverage, across every cycle.

Only the reports the user may read feed the page (``permissions.visible_reports``): a
reviewer never sees a draft's figures. A fixed number of queries, whatever the number of
cycles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BooleanField, Case, Prefetch, Q, Value, When
from django.http import Http404

from reports import permissions
from reports.models import (
    Activity,
    Answer,
    IndicatorValue,
    NextStep,
    Report,
    ReportingCycle,
)
from roadmap.models import Country, Framework, Indicator, Priority
from roadmap.progress import Point, Progress
from roadmap.selectors.targets import NO_FIGURES, Figures, roadmap_figures

STATUS_CODE, RATING_CODE, PROGRESS_CODE = "next_step_status", "overall_rating", "priority_progress"
COMPLETED = "completed"
DROPPED = "dropped"  # the next report gave no status
UNREPORTED = "unreported"  # no later report (yet), or none the user may read


def trends_scope(*, user, slug: str, code: str) -> tuple[Framework, Country]:
    """The framework and country if the user may see the country's trends, else 404."""
    framework = Framework.objects.filter(slug=slug).first()
    country = Country.objects.filter(code=code.upper()).first()
    if (
        framework is None
        or country is None
        or not permissions.can_view_trends(user, country_id=country.pk, framework_id=framework.pk)
    ):
        raise Http404
    return framework, country


@dataclass
class IndicatorTrend:
    indicator: Indicator
    values: list[IndicatorValue | None]  # one per cycle
    # Baseline and targets in the roadmap version of the latest report shown, and where
    # the latest value stands between them (roadmap.progress).
    figures: Figures = field(default_factory=Figures)
    progress: Progress | None = None
    latest: Point | None = None


@dataclass
class StepTrack:
    """A next step from the cycle that set it through each later cycle's status. A step
    the country lists again (same title) in the next report continues the same track."""

    title: str
    work_areas: list[str]
    set_in: int  # index of the cycle
    statuses: list[str] = field(default_factory=list)  # from cycle set_in + 1 on

    @property
    def completed(self) -> bool:
        return COMPLETED in self.statuses

    @property
    def overdue(self) -> bool:
        """Still not completed two cycles after it was set."""
        reported = [s for s in self.statuses[:2] if s != UNREPORTED]
        return len(reported) == 2 and COMPLETED not in reported

    @property
    def dropped(self) -> bool:
        return DROPPED in self.statuses

    def cell(self, index: int) -> str:
        """What the timeline shows in cycle ``index``: "set", a status, or ""."""
        if index == self.set_in:
            return "set"
        k = index - self.set_in - 1
        return self.statuses[k] if 0 <= k < len(self.statuses) else ""


@dataclass
class Trends:
    framework: Framework
    country: Country
    cycles: list[ReportingCycle]
    reports: list[Report | None]  # one per cycle (None: no report the user may read)
    indicators: list[IndicatorTrend]
    steps: list[StepTrack]
    activities: list[list[Activity]]  # per cycle
    ratings: list[int | None]
    priorities: list[list[Priority]]  # active priorities of each report's roadmap
    progressed: list[set[int]]  # per cycle, the priorities with progress reported

    def coverage_gaps(self, index: int) -> list[Priority]:
        return [p for p in self.priorities[index] if p.pk not in self.progressed[index]]


def _norm(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().casefold()


def country_trends(*, user, framework: Framework, country: Country) -> Trends:
    cycles = list(framework.cycles.order_by("starts_on"))
    visible = {
        r.cycle_id: r
        for r in permissions.visible_reports(user)
        .filter(country=country, cycle__framework=framework)
        .select_related("cycle")
    }
    return _trends(framework=framework, country=country, cycles=cycles, visible=visible)


def report_trends(*, report: Report) -> Trends:
    """The trends as a report's PDF prints them: its own cycle and the earlier ones only,
    so the PDF does not change when a later cycle is reported; earlier cycles count only
    when handed in (as a reviewer reads them), the report itself whatever its state."""
    framework, country = report.cycle.framework, report.country
    cycles = list(
        framework.cycles.filter(starts_on__lte=report.cycle.starts_on).order_by("starts_on")
    )
    visible = {
        r.cycle_id: r
        for r in Report.objects.filter(
            permissions.HANDED_IN,
            country=country,
            cycle__framework=framework,
            cycle__starts_on__lt=report.cycle.starts_on,
        ).select_related("cycle")
    }
    visible[report.cycle_id] = report
    return _trends(framework=framework, country=country, cycles=cycles, visible=visible)


def _trends(
    *,
    framework: Framework,
    country: Country,
    cycles: list[ReportingCycle],
    visible: dict[int, Report],
) -> Trends:
    reports = [visible.get(c.pk) for c in cycles]
    ids = [r.pk for r in reports if r is not None]
    index_of = {r.pk: i for i, r in enumerate(reports) if r is not None}
    steps_by_report: dict[int, list[NextStep]] = defaultdict(list)
    for step in NextStep.objects.filter(report_id__in=ids).order_by("order", "pk"):
        steps_by_report[step.report_id].append(step)
    statuses, ratings, progressed = _answer_facts(ids, index_of, len(cycles))
    activities = _activities(ids, index_of, len(cycles), progressed)
    roadmap_priorities = _roadmap_priorities({r.roadmap_id for r in reports if r})
    indicators = _indicator_trends(ids, index_of, len(cycles))
    latest = next((r for r in reversed(reports) if r is not None), None)
    if latest is not None:
        _with_progress(indicators, cycles, roadmap_figures(roadmap_ids=[latest.roadmap_id]))
    return Trends(
        framework=framework,
        country=country,
        cycles=cycles,
        reports=reports,
        indicators=indicators,
        steps=_tracks(reports, steps_by_report, statuses),
        activities=activities,
        ratings=ratings,
        priorities=[roadmap_priorities[r.roadmap_id] if r else [] for r in reports],
        progressed=progressed,
    )


def _indicator_trends(ids: list[int], index_of: dict[int, int], width: int) -> list[IndicatorTrend]:
    """Each indicator reported in any of the reports, with its value per cycle."""
    values: dict[tuple[int, int], IndicatorValue] = {}
    indicators: dict[int, Indicator] = {}
    rows = IndicatorValue.objects.filter(report_id__in=ids).select_related("indicator")
    for value in rows.prefetch_related("parts"):
        values[(value.indicator_id, index_of[value.report_id])] = value
        indicators[value.indicator_id] = value.indicator
    return [
        IndicatorTrend(ind, [values.get((ind.pk, i)) for i in range(width)])
        for ind in sorted(indicators.values(), key=lambda ind: (ind.order, ind.name))
    ]


def _with_progress(
    indicators: list[IndicatorTrend],
    cycles: list[ReportingCycle],
    figures: dict[tuple[int, int], Figures],
) -> None:
    """Each indicator's figures and progress; an indicator with a baseline or target but
    no value yet is added (its status says so). A value's year: its cycle's first year."""
    shown = {track.indicator.pk for track in indicators}
    for fig in figures.values():
        ind = (fig.baseline or fig.targets[0]).indicator
        if ind.pk not in shown:
            shown.add(ind.pk)
            indicators.append(IndicatorTrend(ind, [None] * len(cycles)))
    indicators.sort(key=lambda track: (track.indicator.order, track.indicator.name))
    for track in indicators:
        given = [(c, v) for c, v in zip(cycles, track.values, strict=True) if v is not None]
        track.latest = Point(given[-1][0].starts_on.year, given[-1][1].value) if given else None
        roadmap_id = next(iter(figures))[0] if figures else 0
        track.figures = figures.get((roadmap_id, track.indicator.pk), NO_FIGURES)
        track.progress = track.figures.progress(track.latest)


def _answer_facts(
    ids: list[int], index_of: dict[int, int], width: int
) -> tuple[dict[int, str], list[int | None], list[set[int]]]:
    """Next-step statuses, the rating per cycle and the priorities with a progress text."""
    statuses: dict[int, str] = {}
    ratings: list[int | None] = [None] * width
    progressed: list[set[int]] = [set() for _ in range(width)]
    # Whether a progress text was written, not the text: the page never shows it.
    has_text = Case(
        When(Q(text__regex=r"\S"), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    answers = (
        Answer.objects.filter(
            report_id__in=ids, question__code__in=[STATUS_CODE, RATING_CODE, PROGRESS_CODE]
        )
        .annotate(has_text=has_text)
        .values_list(
            "report_id", "question__code", "priority_id", "next_step_id", "value", "has_text"
        )
    )
    for report_id, code, priority_id, next_step_id, value, has_text in answers:
        i = index_of[report_id]
        if code == STATUS_CODE and next_step_id and value not in (None, "", []):
            statuses[next_step_id] = str(value)
        elif code == RATING_CODE and value not in (None, "", []):
            ratings[i] = int(value)
        elif code == PROGRESS_CODE and priority_id and has_text:
            progressed[i].add(priority_id)
    return statuses, ratings, progressed


def _activities(
    ids: list[int], index_of: dict[int, int], width: int, progressed: list[set[int]]
) -> list[list[Activity]]:
    """The activities per cycle; each priority an activity serves counts as progressed."""
    activities: list[list[Activity]] = [[] for _ in range(width)]
    for activity in Activity.objects.filter(report_id__in=ids).prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.select_related("theme")), "areas"
    ):
        i = index_of[activity.report_id]
        activities[i].append(activity)
        progressed[i].update(p.pk for p in activity.priorities.all())
    return activities


def _roadmap_priorities(roadmap_ids: set[int]) -> dict[int, list[Priority]]:
    by_roadmap: dict[int, list[Priority]] = defaultdict(list)
    for priority in (
        Priority.objects.filter(roadmap_id__in=roadmap_ids, is_active=True)
        .select_related("theme")
        .order_by("theme__number", "order", "number")
    ):
        by_roadmap[priority.roadmap_id].append(priority)
    return by_roadmap


def _tracks(
    reports: list[Report | None],
    steps_by_report: dict[int, list[NextStep]],
    statuses: dict[int, str],
) -> list[StepTrack]:
    """Follow each next step: its status comes from the next cycle's report; listed again
    there under the same title, it goes on in the same track."""
    tracks: list[StepTrack] = []
    listed_before: dict[str, StepTrack] = {}
    for i, report in enumerate(reports):
        listed_now: dict[str, StepTrack] = {}
        for step in steps_by_report.get(report.pk, []) if report else []:
            key = _norm(step.title)
            track = listed_before.get(key)
            if track is None:
                track = StepTrack(title=step.title, work_areas=list(step.work_areas), set_in=i)
                tracks.append(track)
            listed_now[key] = track
            later = reports[i + 1] if i + 1 < len(reports) else None
            if later is None:
                track.statuses.append(UNREPORTED)
            else:
                track.statuses.append(statuses.get(step.pk, DROPPED))
        listed_before = listed_now
    for track in tracks:  # a trailing "no later report" says nothing: not shown
        while track.statuses and track.statuses[-1] == UNREPORTED:
            track.statuses.pop()
    return tracks


def people_by_sex(activities: list[Activity]) -> tuple[int, int, int, int]:
    """(women, men, not given by sex, total), counting an activity as the pages do."""
    women = sum(a.participants_women or 0 for a in activities)
    men = sum(a.participants_men or 0 for a in activities)
    total = sum(a.people_reached for a in activities)
    return women, men, max(0, total - women - men), total


def people_by(activities: list[Activity], key) -> dict[str, int]:
    """People reached per group (theme, priority, province); an activity in several groups
    counts in each of them, so groups may add up to more than the total."""
    counts: dict[str, int] = defaultdict(int)
    for activity in activities:
        for group in set(key(activity)) or {""}:
            counts[group] += activity.people_reached
    return dict(counts)


def as_number(value: IndicatorValue | None) -> Decimal | None:
    return value.value if value is not None else None
