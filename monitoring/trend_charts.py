"""The charts of a country's trends, built from ``selectors.trends.Trends`` (no query):
the page and the PDF draw the same ``Chart`` objects."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports.places import activity_places, place_names
from roadmap.models import WorkArea
from roadmap.progress import Point, Progress, Status
from roadmap.selectors.targets import Figures

from .charts import Chart, fmt, values_summary
from .selectors.trends import DROPPED, IndicatorTrend, Trends, people_by, people_by_sex


def point_text(point: Point | None) -> str:
    """ "3,808 (2021)"; "—" for none."""
    return f"{fmt(point.value)} ({point.year})" if point else "—"


def share_text(progress: Progress | None) -> str:
    return "—" if progress is None or progress.percent is None else f"{fmt(progress.percent)} %"


def progress_facts(
    figures: Figures, progress: Progress | None, latest: Point | None
) -> list[tuple[str, str]]:
    """Baseline, target, latest value, share of the way and status, as the table beside
    an indicator's chart (and the synthesis) gives them."""
    target = progress.target if progress else None
    return [
        (_("Baseline"), point_text(figures.baseline_point)),
        # Where the baseline comes from (the demo says "Invented for the demo" here).
        (_("Baseline source"), figures.baseline.shown_source if figures.baseline else "—"),
        (_("Target"), point_text(target)),
        (_("Latest value"), point_text(latest)),
        (_("Share of the way"), share_text(progress)),
        (_("Status"), str(Status(progress.status).label) if progress else "—"),
    ]


def reference_lines(track: IndicatorTrend) -> list[tuple[str, object, str]]:
    """The target measured against (else the last) and the baseline, as chart lines."""
    lines = []
    target = track.progress.target if track.progress else None
    target = target or (track.figures.target_points or [None])[-1]
    if target is not None:
        lines.append(
            (
                _("Target %(year)s: %(value)s") % {"year": target.year, "value": fmt(target.value)},
                target.value,
                "target",
            )
        )
    if (base := track.figures.baseline_point) is not None:
        lines.append(
            (
                _("Baseline %(year)s: %(value)s") % {"year": base.year, "value": fmt(base.value)},
                base.value,
                "baseline",
            )
        )
    return lines


def _shown(trends: Trends) -> list[int]:
    """The cycles with a report the user may read."""
    return [i for i, report in enumerate(trends.reports) if report is not None]


def indicator_charts(trends: Trends) -> list[Chart]:
    shown = _shown(trends)
    charts = []
    for n, track in enumerate(trends.indicators, start=1):
        indicator = track.indicator
        values = [track.values[i].value if track.values[i] else None for i in shown]
        given = [(trends.cycles[i].code, v) for i, v in zip(shown, values, strict=True) if v]
        summary = values_summary(indicator.shown_name, indicator.shown_unit, given)
        breakdown = [
            ", ".join(f"{part.label}: {fmt(part.amount)}" for part in track.values[i].parts.all())
            if track.values[i]
            else ""
            for i in shown
        ]
        sources = [
            (track.values[i].shown_source or indicator.shown_source) if track.values[i] else ""
            for i in shown
        ]
        charts.append(
            Chart(
                title=f"{indicator.shown_name} ({indicator.shown_unit})",
                summary=summary,
                categories=[trends.cycles[i].code for i in shown],
                series=[(indicator.shown_unit, values)],
                unit=indicator.shown_unit,
                slug=f"indicator-{n}",
                corner=_("Cycle"),
                extra=[(_("Break-down"), breakdown), (_("Source"), sources)],
                lines=reference_lines(track),
                facts=progress_facts(track.figures, track.progress, track.latest),
            )
        )
    return charts


def _sex_chart(trends: Trends, shown: list[int], cycles: list[str]) -> Chart:
    """People reached per cycle, split by sex, with the total beside each cycle."""
    by_sex = [people_by_sex(trends.activities[i]) for i in shown]
    total = sum(t for *_rest, t in by_sex)
    women = sum(w for w, *_rest in by_sex)
    return Chart(
        title=_("People reached by sex, per cycle"),
        summary=_("%(total)s people reached over %(n)s cycles, %(women)s of them women.")
        % {"total": fmt(total), "n": len(shown), "women": fmt(women)},
        categories=cycles,
        series=[
            (_("Women"), [w for w, _m, _o, _t in by_sex]),
            (_("Men"), [m for _w, m, _o, _t in by_sex]),
            (_("Not given by sex"), [o for _w, _m, o, _t in by_sex]),
        ],
        unit=_("people"),
        slug="people-sex",
        corner=_("Cycle"),
        extra=[(_("Total"), [fmt(t) for *_rest, t in by_sex])],
    )


def _grouped_chart(trends: Trends, shown: list[int], cycles: list[str], grouping: tuple) -> Chart:
    """People reached per group (theme, priority, province), a bar per cycle."""
    slug, corner, title, key = grouping
    per_cycle = [people_by(trends.activities[i], key) for i in shown]
    groups = sorted({g for counts in per_cycle for g in counts}, key=lambda g: (g == "", g))
    return Chart(
        title=title,
        summary=_("Each bar is one cycle; an activity serving several groups counts in each."),
        categories=[g or _("Not given") for g in groups],
        series=[
            (cycle, [counts.get(g) for g in groups])
            for cycle, counts in zip(cycles, per_cycle, strict=True)
        ],
        unit=_("people"),
        slug=slug,
        corner=corner,
    )


def people_charts(trends: Trends) -> list[Chart]:
    shown = _shown(trends)
    cycles = [trends.cycles[i].code for i in shown]
    names = place_names(a for i in shown for a in trends.activities[i])
    groupings = [
        (
            "people-theme",
            _("Theme"),
            _("People reached by theme"),
            lambda a: [p.theme.shown_name for p in a.priorities.all()],
        ),
        (
            "people-priority",
            _("Priority"),
            _("People reached by priority"),
            lambda a: [p.short_label for p in a.priorities.all()],
        ),
        (
            "people-province",
            _("Province"),
            _("People reached by province"),
            # By area code (one row per area, named in the reader's language) or a name
            # not in the list by its folded text (reports.places).
            lambda a: [names[p.key] for p in activity_places(a)],
        ),
    ]
    return [_sex_chart(trends, shown, cycles)] + [
        _grouped_chart(trends, shown, cycles, grouping) for grouping in groupings
    ]


def rating_chart(trends: Trends) -> Chart:
    shown = _shown(trends)
    ratings = [trends.ratings[i] for i in shown]
    given = [r for r in ratings if r is not None]
    summary = (
        _("Progress rated from %(first)s to %(last)s stars out of 5.")
        % {"first": given[0], "last": given[-1]}
        if given
        else _("No rating given yet.")
    )
    return Chart(
        title=_("Progress rating per cycle (stars out of 5)"),
        summary=summary,
        categories=[trends.cycles[i].code for i in shown],
        series=[(_("Stars"), ratings)],
        unit=_("stars"),
        slug="rating",
        max_value=5,
        corner=_("Cycle"),
    )


def coverage_chart(trends: Trends) -> Chart:
    shown = _shown(trends)
    with_progress = [len(trends.priorities[i]) - len(trends.coverage_gaps(i)) for i in shown]
    gaps = [len(trends.coverage_gaps(i)) for i in shown]
    per_cycle = ", ".join(f"{trends.cycles[i].code}: {g}" for i, g in zip(shown, gaps, strict=True))
    return Chart(
        title=_("Priorities with and without progress reported"),
        summary=_("Priorities without progress reported, per cycle: %(gaps)s.")
        % {"gaps": per_cycle},
        categories=[trends.cycles[i].code for i in shown],
        series=[(_("With progress"), with_progress), (_("Without progress"), gaps)],
        unit=_("priorities"),
        slug="coverage",
        corner=_("Cycle"),
        extra=[
            (
                _("No progress reported on"),
                ["; ".join(p.short_label for p in trends.coverage_gaps(i)) or "—" for i in shown],
            )
        ],
    )


def status_labels() -> dict[str, str]:
    return {
        "set": _("Set"),
        "planned": _("Planned"),
        "ongoing": _("Ongoing"),
        "completed": _("Completed"),
        "not_achieved": _("Not achieved"),
        DROPPED: _("Dropped (no status given)"),
    }


def step_rows(trends: Trends, shown: list[int]) -> list[dict]:
    """The next-step timeline: one row per step, one cell per cycle shown."""
    labels = dict(WorkArea.choices)
    names = status_labels()
    return [
        {
            "track": track,
            "areas": ", ".join(str(labels.get(a, a)) for a in track.work_areas),
            "cells": [(track.cell(i), names.get(track.cell(i), "")) for i in shown],
        }
        for track in trends.steps
    ]
