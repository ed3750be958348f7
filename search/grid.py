"""The country × cycle table of hit counts above the results: which countries speak of it,
in which years. The engine gives the non-zero cells; this lays them out as rows and
columns, each count with the link that narrows the search to its country and cycle."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from .selectors import GridCell

# Parameters a grid link replaces or drops: the page starts again at 1.
DROPPED = ("page",)


@dataclass(frozen=True)
class GridColumn:
    cycle_id: int
    label: str  # "May 2022 – April 2023"
    code: str  # "2022-2023", the heading


@dataclass(frozen=True)
class GridLink:
    count: int
    href: str
    cycle_label: str


@dataclass(frozen=True)
class GridRow:
    country_id: int
    country_name: str
    # One per column, in the columns' order; None where nothing was found (an empty cell).
    cells: tuple[GridLink | None, ...]
    total: int


@dataclass(frozen=True)
class HitGrid:
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]


def hit_grid(
    *,
    cells: list[GridCell],
    params: QueryDict,
    cycle_order: tuple[int, ...],
    cycle_codes: dict[int, str],
) -> HitGrid:
    """Countries (by name) as rows, cycles (oldest first, as ``cycle_order`` says, headed
    by ``cycle_codes``) as columns; ``params`` are the page's GET parameters, kept in each
    link."""
    labels = {cell.cycle_id: cell.cycle_label for cell in cells}
    rank = {cycle_id: index for index, cycle_id in enumerate(cycle_order)}
    columns = tuple(
        GridColumn(cycle_id, labels[cycle_id], cycle_codes.get(cycle_id, labels[cycle_id]))
        for cycle_id in sorted(labels, key=lambda c: (rank.get(c, len(rank)), c))
    )
    counts: dict[int, dict[int, int]] = {}
    names: dict[int, str] = {}
    for cell in cells:
        counts.setdefault(cell.country_id, {})[cell.cycle_id] = cell.count
        names[cell.country_id] = cell.country_name
    rows = []
    for country_id in sorted(names, key=lambda c: names[c].casefold()):
        by_cycle = counts[country_id]
        rows.append(
            GridRow(
                country_id=country_id,
                country_name=names[country_id],
                cells=tuple(
                    GridLink(
                        by_cycle[col.cycle_id],
                        _link(params, country_id, col.cycle_id),
                        col.label,
                    )
                    if by_cycle.get(col.cycle_id)
                    else None
                    for col in columns
                ),
                total=sum(by_cycle.values()),
            )
        )
    return HitGrid(columns=columns, rows=tuple(rows))


def _link(params: QueryDict, country_id: int, cycle_id: int) -> str:
    query = params.copy()
    for name in DROPPED:
        query.pop(name, None)
    query["country"] = str(country_id)
    query["cycle"] = str(cycle_id)
    return f"?{query.urlencode()}"
