"""Search across the reports a person may read: the one interface of the search page and
its export. What is searched and for whom: README, "Search".

Queries: the person's roles (once per request), the grid (one aggregate query, which also
gives the total, and the names of its countries and cycles), the page of hits (one query,
titles joined): five, whatever the number of reports or hits. ``search_rows`` reads its
hits in one query.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, Func, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.safestring import SafeString

from reports.layout import item_text
from reports.models import Activity, NextStep, Report, ReportingCycle
from reports.permissions import comment_scope, visible_reports
from roadmap.models import Country, Priority

from . import backends
from .folding import snippet
from .models import HitKind, SearchEntry
from .query import ParsedQuery, parse

__all__ = ["GridCell", "Hit", "HitKind", "Results", "SearchFilters", "search", "search_rows"]


@dataclass(frozen=True)
class SearchFilters:
    """All optional ids / codes, from the GET form."""

    framework: int | None = None
    country: int | None = None
    region: str | None = None
    cycle: int | None = None
    theme: int | None = None
    priority: int | None = None
    question: int | None = None
    state: str | None = None


@dataclass(frozen=True)
class Hit:
    kind: str  # HitKind: answer, next_step, activity, indicator, comment
    report_id: int
    country_id: int
    country_name: str
    cycle_id: int
    cycle_label: str
    # The question's number and text / activity title / indicator name (reader's language).
    title: str
    # Escaped text around the match, the matched words in <mark>.
    snippet: SafeString
    # The reading view + anchor of the exact question/activity/indicator + "?q=" terms.
    url: str
    rank: float
    # Which text of the row matched: "text", "title", "description", "partners", ...
    field: str = ""


@dataclass(frozen=True)
class GridCell:
    country_id: int
    country_name: str
    cycle_id: int
    cycle_label: str
    count: int


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int
    page: int
    pages: int
    # (country, cycle, count) for all hits, not only this page.
    grid: list[GridCell]
    # "" or a clear message about the query (e.g. a quote closed at the end).
    message: str
    # The folded terms to mark (``folding.mark``).
    terms: tuple[str, ...]


def search(
    *, user, query: str, filters: SearchFilters, page: int = 1, per_page: int = 20
) -> Results:
    """One page of the hits of ``query`` among what ``user`` may read, best first."""
    parsed = parse(query)
    if parsed.is_empty:
        return Results([], 0, 1, 1, [], parsed.message, parsed.terms)
    entries = _matching(user=user, parsed=parsed, filters=filters)
    grid = _grid(entries)
    total = sum(cell.count for cell in grid)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    rows = _ranked(entries, parsed)[start : start + per_page] if total else []
    hits = [_hit(entry, parsed) for entry in rows]
    return Results(hits, total, page, pages, grid, parsed.message, parsed.terms)


def search_rows(*, user, query: str, filters: SearchFilters, limit: int = 5000) -> Iterator[Hit]:
    """Every hit (up to ``limit``), best first, for the export: one query."""
    parsed = parse(query)
    if parsed.is_empty:
        return
    entries = _matching(user=user, parsed=parsed, filters=filters)
    for entry in _ranked(entries, parsed)[:limit].iterator(chunk_size=500):
        yield _hit(entry, parsed)


# --------------------------------------------------------------------------------------


def _matching(*, user, parsed: ParsedQuery, filters: SearchFilters) -> QuerySet[SearchEntry]:
    """The entries matching ``parsed`` that ``user`` may read, filtered."""
    readable = visible_reports(user).values("pk")
    reviewed = Report.objects.filter(comment_scope(user)).values("pk")
    scope = Q(is_comment=False, report__in=readable) | Q(is_comment=True, report__in=reviewed)
    entries = backends.matching(SearchEntry.objects.filter(scope), parsed)
    return entries.filter(_filters(filters))


def _filters(f: SearchFilters) -> Q:
    q = Q()
    for name in ("framework", "country", "cycle", "question"):
        if getattr(f, name) is not None:
            q &= Q(**{f"{name}_id": getattr(f, name)})
    if f.region:
        q &= Q(country__region=f.region)
    if f.state:
        q &= Q(report__state=f.state)
    # An activity serves several priorities: its entries match through them.
    through = Activity.priorities.through.objects.filter(activity_id=OuterRef("activity_id"))
    if f.priority is not None:
        q &= Q(priority_id=f.priority) | Exists(through.filter(priority_id=f.priority))
    if f.theme is not None:
        q &= Q(priority__theme_id=f.theme) | Exists(through.filter(priority__theme_id=f.theme))
    return q


def _grid(entries: QuerySet[SearchEntry]) -> list[GridCell]:
    """Hits per country and cycle: one aggregate query over the entries alone (joining the
    names in it let SQLite run the full-text match once per country), then the names of
    the countries and cycles it counts (two small queries)."""
    counts = list(entries.order_by().values_list("country_id", "cycle_id").annotate(n=Count("pk")))
    if not counts:
        return []
    countries = Country.objects.filter(pk__in={c for c, _y, _n in counts}).only(
        "name", "translations"
    )
    names = {country.pk: country.shown_name for country in countries}
    cycles = {
        cycle.pk: cycle
        for cycle in ReportingCycle.objects.filter(pk__in={y for _c, y, _n in counts}).only(
            "starts_on", "ends_on"
        )
    }
    # Countries by name in the reader's language, each one's cycles in time order.
    counts.sort(key=lambda row: (names[row[0]], cycles[row[1]].starts_on))
    return [
        GridCell(country_id, names[country_id], cycle_id, cycles[cycle_id].label, n)
        for country_id, cycle_id, n in counts
    ]


def _item_position() -> Coalesce:
    """The item's "#{n}" in the same query as the hit: its priority's place among its
    roadmap's active priorities (``in_order``), or its next step's among its report's."""
    priority = Priority.objects.active().filter(roadmap_id=OuterRef("priority__roadmap_id"))
    before_priority = priority.filter(
        Q(theme__number__lt=OuterRef("priority__theme__number"))
        | Q(
            theme__number=OuterRef("priority__theme__number"), order__lt=OuterRef("priority__order")
        )
        | Q(
            theme__number=OuterRef("priority__theme__number"),
            order=OuterRef("priority__order"),
            number__lte=OuterRef("priority__number"),
        )
    )
    steps = NextStep.objects.filter(report_id=OuterRef("next_step__report_id"))
    before_step = steps.filter(
        Q(order__lt=OuterRef("next_step__order"))
        | Q(order=OuterRef("next_step__order"), pk__lte=OuterRef("next_step_id"))
    )
    return Coalesce(_count(before_priority), _count(before_step))


def _count(rows: QuerySet) -> Subquery:
    # COUNT as a plain function, not an aggregate: no GROUP BY, one row per subquery.
    return Subquery(rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1])


def _ranked(entries: QuerySet[SearchEntry], parsed: ParsedQuery) -> QuerySet[SearchEntry]:
    return (
        backends.ranked(entries, parsed)
        .annotate(item_position=_item_position())
        .select_related(
            "country",
            "cycle",
            "question",
            "priority__theme",
            "activity",
            "next_step",
            "indicator_value__indicator",
        )
        .order_by("-rank", "country__name", "-cycle__starts_on", "pk")
    )


def _title(entry: SearchEntry) -> str:
    if entry.activity_id is not None:
        return entry.activity.title
    if entry.indicator_value_id is not None:
        return entry.indicator_value.indicator.tr("name")
    if entry.next_step_id is not None and entry.question_id is None:
        return entry.next_step.title
    if entry.question_id is None:
        return ""
    # As the form words the item: its months, its priority or next step, its "#{n}".
    return item_text(
        entry.question,
        cycle=entry.cycle,
        n=getattr(entry, "item_position", None),
        priority=entry.priority,
        next_step=entry.next_step,
    )


def _hit(entry: SearchEntry, parsed: ParsedQuery) -> Hit:
    terms = parsed.terms
    url = reverse("reports:read", args=[entry.report_id])
    url = f"{url}?{urlencode({'q': ' '.join(_quoted(t) for t in terms)})}#{entry.anchor}"
    return Hit(
        kind=entry.kind,
        report_id=entry.report_id,
        country_id=entry.country_id,
        country_name=entry.country.shown_name,
        cycle_id=entry.cycle_id,
        cycle_label=entry.cycle.label,
        title=_title(entry),
        snippet=snippet(entry.text, terms),
        url=url,
        rank=float(getattr(entry, "rank", 0.0) or 0.0),
        field=entry.field,
    )


def _quoted(term: str) -> str:
    return f'"{term}"' if " " in term else term
