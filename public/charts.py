"""The country page's charts, drawn from snapshots with the monitoring charts' code
(``monitoring.charts.Chart``: inline SVG, no script, its data table beside it), worded as
the trends page words them; the facts against baseline and target are the ones the
snapshot recorded with ``roadmap.progress``'s rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from monitoring.charts import Chart, fmt, values_summary

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


def breakdown_text(breakdown: Mapping[str, Any]) -> str:
    """ "information: 1.788; counselling: 541 (partial)" in the reader's number format;
    then any text kept as typed. Parts are parted by ";" since a Vietnamese number holds a
    comma ("1.234,5")."""
    cell = "; ".join(
        f"{part['label']}: {fmt(selectors.number(part['amount']))}"
        for part in breakdown.get("breakdown") or []
    )
    if cell and breakdown.get("breakdown_partial"):
        cell += " " + _("(partial)")
    return "; ".join(c for c in (cell, breakdown.get("breakdown_text") or "") if c)


def _indicator_summary(row: IndicatorRow, cycles: Sequence[str]) -> str:
    given = [(c, v) for c, v in zip(cycles, row.values, strict=True) if v is not None]
    return values_summary(row.name, row.unit, given)


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


def _filled(columns: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The extra table columns with something in them: no "Break-down" column of blanks."""
    return [(heading, cells) for heading, cells in columns if any(cells)]


def indicator_charts(*, snapshots: Sequence[Snapshot], language: str) -> list[Chart]:
    cycles = selectors.cycle_codes(snapshots=snapshots)
    charts = []
    for n, row in enumerate(selectors.indicator_rows(snapshots=snapshots, language=language), 1):
        charts.append(
            Chart(
                title=f"{row.name} ({row.unit})",
                summary=_indicator_summary(row, cycles),
                categories=cycles,
                series=[(row.unit, row.values)],
                unit=row.unit,
                slug=f"indicator-{n}",
                corner=_("Cycle"),
                extra=_filled(
                    [
                        (_("Break-down"), [breakdown_text(b) for b in row.breakdowns]),
                        (_("Source"), row.sources),
                    ]
                ),
                lines=_lines(row),
                facts=_facts(row),
            )
        )
    return charts


def _people_summary(*, total: int, women: int, cycles: Sequence[str]) -> str:
    if len(cycles) == 1:  # not "over 1 cycles"
        return _("%(total)s people reached in %(cycle)s, %(women)s of them women.") % {
            "total": fmt(total),
            "cycle": cycles[0],
            "women": fmt(women),
        }
    return _("%(total)s people reached over %(n)s cycles, %(women)s of them women.") % {
        "total": fmt(total),
        "n": len(cycles),
        "women": fmt(women),
    }


def people_charts(*, snapshots: Sequence[Snapshot], language: str) -> list[Chart]:
    cycles = selectors.cycle_codes(snapshots=snapshots)
    by_sex = [selectors.people_by_sex(snapshot=s) for s in snapshots]
    total, women = sum(t for *_r, t in by_sex), sum(w for w, *_r in by_sex)
    sex = Chart(
        title=_("People reached by sex, per cycle"),
        summary=_people_summary(total=total, women=women, cycles=cycles),
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
    # No activity in any cycle: no charts of zeros and an empty table (the page says so).
    return [sex, theme] if themes else []


def rating_chart(*, snapshots: Sequence[Snapshot]) -> Chart | None:
    """None when no cycle gave a rating: no empty drawing (the page says so)."""
    ratings = selectors.ratings(snapshots=snapshots)
    cycles = selectors.cycle_codes(snapshots=snapshots)
    given = [(c, r) for c, r in zip(cycles, ratings, strict=True) if r is not None]
    if not given:
        return None
    if len(given) == 1:  # not "rated from 4 to 4 stars"
        summary = _("Progress rated %(stars)s stars out of 5 in %(cycle)s.") % {
            "stars": given[0][1],
            "cycle": given[0][0],
        }
    else:
        summary = _("Progress rated from %(first)s to %(last)s stars out of 5.") % {
            "first": given[0][1],
            "last": given[-1][1],
        }
    return Chart(
        title=_("Progress rating per cycle (stars out of 5)"),
        summary=summary,
        categories=cycles,
        series=[(_("Stars"), ratings)],
        unit=_("stars"),
        slug="rating",
        max_value=5,
        corner=_("Cycle"),
    )
