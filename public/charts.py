"""The country page's charts, drawn from snapshots with the monitoring charts' code
(``monitoring.charts.Chart``: inline SVG, no script, its data table beside it), worded as
the trends page words them; the facts against baseline and target are the ones the
snapshot recorded with ``roadmap.progress``'s rule."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from monitoring.charts import Chart, fmt

from . import selectors
from .selectors import IndicatorRow, Snapshot


def _point_text(point: tuple[int, object] | None) -> str:
    return f"{fmt(point[1])} ({point[0]})" if point else "—"


def _lines(row: IndicatorRow) -> list[tuple[str, object, str]]:
    lines = []
    if row.target is not None:
        year, value = row.target
        lines.append(
            (_("Target %(year)s: %(value)s") % {"year": year, "value": fmt(value)}, value, "target")
        )
    if row.baseline is not None:
        year, value = row.baseline
        lines.append(
            (
                _("Baseline %(year)s: %(value)s") % {"year": year, "value": fmt(value)},
                value,
                "baseline",
            )
        )
    return lines


def _facts(row: IndicatorRow) -> list[tuple[str, str]]:
    return [
        (_("Baseline"), _point_text(row.baseline)),
        (_("Baseline source"), row.baseline_source or "—"),
        (_("Target"), _point_text(row.target)),
        (_("Latest value"), _point_text(row.latest)),
        (
            _("Share of the way"),
            "—" if row.share_percent is None else f"{fmt(row.share_percent)} %",
        ),
        (_("Status"), row.status or "—"),
    ]


def indicator_charts(*, snapshots: Sequence[Snapshot], language: str) -> list[Chart]:
    cycles = selectors.cycle_codes(snapshots=snapshots)
    charts = []
    for n, row in enumerate(selectors.indicator_rows(snapshots=snapshots, language=language), 1):
        given = [(c, v) for c, v in zip(cycles, row.values, strict=True) if v is not None]
        summary = (
            _("%(name)s: %(first)s in %(start)s, %(last)s in %(end)s (%(unit)s).")
            % {
                "name": row.name,
                "first": fmt(given[0][1]),
                "start": given[0][0],
                "last": fmt(given[-1][1]),
                "end": given[-1][0],
                "unit": row.unit,
            }
            if given
            else _("No value reported yet.")
        )
        charts.append(
            Chart(
                title=f"{row.name} ({row.unit})",
                summary=summary,
                categories=cycles,
                series=[(row.unit, row.values)],
                unit=row.unit,
                slug=f"indicator-{n}",
                corner=_("Cycle"),
                extra=[(_("Break-down"), row.breakdowns), (_("Source"), row.sources)],
                lines=_lines(row),
                facts=_facts(row),
            )
        )
    return charts


def people_charts(*, snapshots: Sequence[Snapshot], language: str) -> list[Chart]:
    cycles = selectors.cycle_codes(snapshots=snapshots)
    by_sex = [selectors.people_by_sex(snapshot=s) for s in snapshots]
    total, women = sum(t for *_r, t in by_sex), sum(w for w, *_r in by_sex)
    sex = Chart(
        title=_("People reached by sex, per cycle"),
        summary=_("%(total)s people reached over %(n)s cycles, %(women)s of them women.")
        % {"total": fmt(total), "n": len(cycles), "women": fmt(women)},
        categories=cycles,
        series=[
            (_("Women"), [w for w, _m, _o, _t in by_sex]),
            (_("Men"), [m for _w, m, _o, _t in by_sex]),
            (_("Not given by sex"), [o for _w, _m, o, _t in by_sex]),
        ],
        unit=_("people"),
        slug="people-sex",
        corner=_("Cycle"),
        extra=[(_("Total"), [fmt(t) for *_r, t in by_sex])],
    )
    themes = selectors.people_by_theme(snapshots=snapshots, language=language)
    theme = Chart(
        title=_("People reached by theme"),
        summary=_("Each bar is one cycle; an activity serving several groups counts in each."),
        categories=[name or _("Not given") for name, _counts in themes],
        series=[(cycle, [counts[i] for _name, counts in themes]) for i, cycle in enumerate(cycles)],
        unit=_("people"),
        slug="people-theme",
        corner=_("Theme"),
    )
    return [sex, theme]


def rating_chart(*, snapshots: Sequence[Snapshot]) -> Chart:
    ratings = selectors.ratings(snapshots=snapshots)
    given = [r for r in ratings if r is not None]
    return Chart(
        title=_("Progress rating per cycle (stars out of 5)"),
        summary=(
            _("Progress rated from %(first)s to %(last)s stars out of 5.")
            % {"first": given[0], "last": given[-1]}
            if given
            else _("No rating given yet.")
        ),
        categories=selectors.cycle_codes(snapshots=snapshots),
        series=[(_("Stars"), ratings)],
        unit=_("stars"),
        slug="rating",
        max_value=5,
        corner=_("Cycle"),
    )
