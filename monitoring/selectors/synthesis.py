"""The synthesis of one cycle across every country of a framework, for the Alliance's
global report: reporting status, next-step completion per country and per work area,
people reached by sex, ratings, highlights and challenges.

Only reports handed in count (``permissions.HANDED_IN``): a draft's state is shown, never
its content. A fixed number of queries, whatever the number of countries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.http import Http404

from reports import permissions
from reports.layout import previous_cycle
from reports.models import Activity, Answer, IndicatorValue, NextStep, Report, ReportingCycle
from roadmap.models import Country, Framework, Indicator, WorkArea
from roadmap.progress import Point, Progress
from roadmap.selectors.targets import NO_FIGURES, Figures, roadmap_figures

from .board import BoardStatus, CountryStatus, board_countries

COMPLETED = "completed"


def synthesis_scope(*, user, slug: str, code: str) -> tuple[Framework, ReportingCycle]:
    """The framework and cycle if the user may read the synthesis, else 404."""
    framework = Framework.objects.filter(slug=slug).first()
    if framework is None or not permissions.can_see_synthesis(user, framework.pk):
        raise Http404
    try:
        cycle = framework.cycles.get_by_code(code)
    except (ReportingCycle.DoesNotExist, ReportingCycle.MultipleObjectsReturned):
        raise Http404 from None
    return framework, cycle


@dataclass
class CountryLine(CountryStatus):
    country: Country
    report: Report | None
    handed_in: bool
    steps_set: int = 0  # next steps carried into this cycle (set in the previous one)
    steps_completed: int = 0
    women: int = 0
    men: int = 0
    people: int = 0
    rating: int | None = None
    highlights: str = ""
    challenges: str = ""

    @property
    def not_given_by_sex(self) -> int:
        return max(0, self.people - self.women - self.men)

    @property
    def completion_rate(self) -> int | None:
        if not self.handed_in or not self.steps_set:
            return None
        return round(100 * self.steps_completed / self.steps_set)


@dataclass
class IndicatorLine:
    """A handed-in report's indicator against its roadmap version's baseline and target."""

    country: Country
    indicator: Indicator
    figures: Figures
    latest: Point | None  # this cycle's value
    progress: Progress


@dataclass
class Synthesis:
    framework: Framework
    cycle: ReportingCycle
    lines: list[CountryLine]
    # work area -> [completed, set]
    by_area: dict[str, list[int]] = field(default_factory=dict)
    indicators: list[IndicatorLine] = field(default_factory=list)

    @property
    def handed_in(self) -> list[CountryLine]:
        return [line for line in self.lines if line.handed_in]

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        counts = Counter(line.status for line in self.lines)
        return [(str(label), counts.get(value, 0)) for value, label in BoardStatus.CHOICES]

    @property
    def ratings(self) -> list[tuple[int, int]]:
        counts = Counter(line.rating for line in self.handed_in if line.rating)
        return [(stars, counts.get(stars, 0)) for stars in range(1, 6)]

    @property
    def totals(self) -> dict[str, int]:
        lines = self.handed_in
        return {
            "women": sum(line.women for line in lines),
            "men": sum(line.men for line in lines),
            "not_given": sum(line.not_given_by_sex for line in lines),
            "people": sum(line.people for line in lines),
            "steps_set": sum(line.steps_set for line in lines),
            "steps_completed": sum(line.steps_completed for line in lines),
        }

    def area_rows(self) -> list[tuple[str, int, int, int | None]]:
        """(work area, completed, set, rate %) in the order of the work areas."""
        rows = []
        for value, label in WorkArea.choices:
            done, total = self.by_area.get(value, [0, 0])
            rows.append((str(label), done, total, round(100 * done / total) if total else None))
        return rows


def _country_lines(
    countries: list, cycle: ReportingCycle
) -> tuple[dict[int, CountryLine], dict[int, CountryLine], set[int]]:
    """A line per country (by country, and by its report), and the ids of the reports
    handed in: two queries."""
    reports = {
        r.country_id: r
        for r in Report.objects.filter(cycle=cycle, country__in=countries).select_related("cycle")
    }
    handed_in_ids = set(
        Report.objects.filter(cycle=cycle, country__in=countries)
        .filter(permissions.HANDED_IN)
        .values_list("pk", flat=True)
    )
    lines = {}
    for country in countries:
        report = reports.get(country.pk)
        handed_in = report is not None and report.pk in handed_in_ids
        lines[country.pk] = CountryLine(country, report, handed_in)
    by_report = {r.pk: lines[r.country_id] for r in reports.values()}
    return lines, by_report, handed_in_ids


def _read_answers(by_report: dict[int, CountryLine], handed_in_ids: set[int]) -> dict[int, str]:
    """Rating, highlights and challenges onto each handed-in report's line; the status
    each gave its previous cycle's next steps (next step id -> status) returned."""
    statuses: dict[int, str] = {}
    for report_id, code, next_step_id, value, text in Answer.objects.filter(
        report_id__in=handed_in_ids,
        question__code__in=["next_step_status", "overall_rating", "highlights", "challenges"],
    ).values_list("report_id", "question__code", "next_step_id", "value", "text"):
        line = by_report[report_id]
        if code == "next_step_status" and next_step_id and value:
            statuses[next_step_id] = str(value)
        elif code == "overall_rating" and value not in (None, "", []):
            line.rating = int(value)
        elif code in ("highlights", "challenges"):
            setattr(line, code, text.strip())
    return statuses


def _count_steps(
    *, lines: dict[int, CountryLine], countries: list, cycle: ReportingCycle, statuses: dict
) -> dict[str, list[int]]:
    """The previous cycle's next steps set and completed, per line and per work area
    ([completed, set])."""
    by_area: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    earlier = previous_cycle(cycle)
    if earlier is None:
        return by_area
    for pk, country_id, areas in NextStep.objects.filter(
        report__cycle=earlier, report__country__in=countries
    ).values_list("pk", "report__country_id", "work_areas"):
        line = lines[country_id]
        if not line.handed_in:
            continue  # the country has not said yet what became of its steps
        done = statuses.get(pk) == COMPLETED
        line.steps_set += 1
        line.steps_completed += done
        for area in areas or []:
            by_area[area][0] += done
            by_area[area][1] += 1
    return by_area


def _count_people(by_report: dict[int, CountryLine], handed_in_ids: set[int]) -> None:
    """People the handed-in reports' activities reached, onto their lines: one query."""
    for report_id, women, men, total in Activity.objects.filter(
        report_id__in=handed_in_ids
    ).values_list("report_id", "participants_women", "participants_men", "participants_total"):
        line = by_report[report_id]
        line.women += women or 0
        line.men += men or 0
        # As Activity.people_reached counts it: the total, else women + men.
        line.people += total if total is not None else (women or 0) + (men or 0)


def _indicator_lines(
    by_report: dict[int, CountryLine], handed_in_ids: set[int], year: int
) -> list[IndicatorLine]:
    """Every indicator with a value this cycle or a baseline or target in the roadmap
    version of a handed-in report, against them: three queries. ``year``: the year this
    cycle's values are of (its first)."""
    roadmap_of = {line.report.pk: line.report.roadmap_id for line in by_report.values()}
    roadmaps = {roadmap_of[pk]: by_report[pk].country for pk in handed_in_ids}
    figures = roadmap_figures(roadmap_ids=roadmaps)
    found: dict[tuple[int, int], tuple[Indicator, Point | None]] = {
        key: ((fig.baseline or fig.targets[0]).indicator, None) for key, fig in figures.items()
    }
    for value in IndicatorValue.objects.filter(report_id__in=handed_in_ids).select_related(
        "indicator"
    ):
        key = (roadmap_of[value.report_id], value.indicator_id)
        found[key] = (value.indicator, Point(year, value.value))
    lines = []
    for (roadmap_id, indicator_id), (indicator, latest) in found.items():
        fig = figures.get((roadmap_id, indicator_id), NO_FIGURES)
        lines.append(
            IndicatorLine(roadmaps[roadmap_id], indicator, fig, latest, fig.progress(latest))
        )
    return sorted(lines, key=lambda x: (x.country.name, x.indicator.order, x.indicator.name))


def cycle_synthesis(*, user, framework: Framework, cycle: ReportingCycle) -> Synthesis:
    countries = list(board_countries(user=user, framework=framework))
    lines, by_report, handed_in_ids = _country_lines(countries, cycle)
    statuses = _read_answers(by_report, handed_in_ids)
    by_area = _count_steps(lines=lines, countries=countries, cycle=cycle, statuses=statuses)
    _count_people(by_report, handed_in_ids)
    return Synthesis(
        framework=framework,
        cycle=cycle,
        lines=[lines[c.pk] for c in countries],
        by_area=dict(by_area),
        indicators=_indicator_lines(by_report, handed_in_ids, cycle.starts_on.year),
    )


def synthesis_revision(*, cycle: ReportingCycle) -> int:
    """A number that grows whenever anything the synthesis shows may have changed: every
    change to a report bumps its revision, and a new report adds one. It keys the kept PDF,
    so a download after any change renders anew and an unchanged cycle is served as kept."""
    cycles = [cycle.pk]
    if (earlier := previous_cycle(cycle)) is not None:
        cycles.append(earlier.pk)
    totals = Report.objects.filter(cycle_id__in=cycles).aggregate(
        revisions=Sum("revision"), reports=Count("pk")
    )
    return (totals["revisions"] or 0) + totals["reports"] + 1
