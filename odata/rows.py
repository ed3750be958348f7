"""One page of an entity set: the rows the person may read (``reports.selectors.
odata_rows``), filtered, ordered and cut to a page in the database, then written as the
feed types them. A page is one query (two with ``$count``) whatever the data's size, and
never more than ``PAGE_SIZE`` rows are held: the rest is reached by ``@odata.nextLink``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from reports.models import ReportingCycle

from .entities import DATE, DECIMAL, MOMENT, STRING, EntitySet, Prop
from .filters import filter_q
from .options import Options


def page_size() -> int:
    return settings.ODATA_PAGE_SIZE


@dataclass
class Page:
    rows: list[dict]
    count: int | None
    next_skip: int | None  # where the next page starts, if there is one
    next_top: int | None  # what is left of the client's $top for it


def _queryset(entity_set: EntitySet, base, options: Options, cycles: dict):
    """Each part of the set (one for most; one per sex for participants) annotated with the
    feed's names and filtered, then UNIONed; ordered with the key last, so pages are
    stable."""
    where = filter_q(options.filter, entity_set, cycles)
    names = [p.name for p in entity_set.props]
    common = {p.name: p.expression for p in entity_set.props}
    parts = [
        base.annotate(**(common | part.annotations))
        .filter(part.condition)
        .filter(where)
        .values(*names)
        for part in entity_set.parts
    ]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    key = entity_set.key.name
    order = [o for o in options.orderby if o.lstrip("-") != key]
    return query.order_by(*order, key)


def count_rows(*, entity_set: EntitySet, base, options: Options, cycles: dict) -> int:
    return _queryset(entity_set, base, options, cycles).count()


def read_page(*, entity_set: EntitySet, base, options: Options, cycles: dict) -> Page:
    query = _queryset(entity_set, base, options, cycles)
    count = query.count() if options.count else None
    size = page_size()
    take = size if options.top is None else min(options.top, size)
    wants_more = options.top is None or options.top > take
    # One row beyond the page says whether there is a next one, without counting.
    rows = list(query[options.skip : options.skip + take + (1 if wants_more else 0)])
    more = wants_more and len(rows) > take
    return Page(
        rows=rows[:take],
        count=count,
        next_skip=options.skip + take if more else None,
        next_top=(options.top - take) if more and options.top is not None else None,
    )


def _json_value(prop: Prop, value, cycle_codes: dict[int, str]):
    if value is None:
        return None
    if prop.is_cycle:
        return cycle_codes[value]
    if prop.type == MOMENT:
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if prop.type == DATE:
        return value.isoformat()
    if prop.type == DECIMAL:
        # A JSON number, as Edm.Decimal is written; an integral value without ".00".
        value = Decimal(value)
        return int(value) if value == value.to_integral_value() else float(value)
    if prop.type == STRING:
        if isinstance(value, list):  # work areas, provinces, several choices
            return "; ".join(str(v) for v in value)
        return value if isinstance(value, str) else str(value)
    return value


def as_json(
    page: Page, entity_set: EntitySet, options: Options, cycles: list[ReportingCycle]
) -> list[dict]:
    codes = {c.pk: c.code for c in cycles}
    shown = [p for p in entity_set.props if not options.select or p.name in options.select]
    return [{p.name: _json_value(p, row[p.name], codes) for p in shown} for row in page.rows]
