"""The search page and its exports. Thin: what may be read is decided by the engine
(``search.selectors``, through ``reports.permissions``), what the filters offer by
``reports.selectors.search_choices``; these views read the form and lay the answer out."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reports.models import Report, ReportState
from reports.selectors.search_choices import search_filter_choices
from reports.spreadsheets import csv_bytes, xlsx_bytes

from . import exports
from .forms import SearchForm
from .grid import hit_grid
from .selectors import Hit, search, search_rows

PER_PAGE = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}


def _page_number(request: HttpRequest) -> int:
    """The page asked for; anything but a number from 1 up is the first page."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _without(params: QueryDict, *names: str) -> str:
    query = params.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """The search box, its filters and, once something was asked, the answer: the hit
    table by country and cycle, then the ranked hits, a page at a time."""
    choices = search_filter_choices(user=request.user)
    form = SearchForm(request.GET or None, choices=choices)
    results = grid = page = None
    hits: list[dict] = []
    if form.is_bound and form.is_valid() and form.query:
        results = search(
            user=request.user,
            query=form.query,
            filters=form.filters(),
            page=_page_number(request),
            per_page=PER_PAGE,
        )
        grid = hit_grid(
            cells=results.grid,
            params=request.GET,
            cycle_order=choices.cycle_order,
            cycle_codes=choices.cycle_codes,
        )
        # A Page over the count alone (no query): what the shared pagination links read.
        page = Paginator(range(results.total), PER_PAGE).get_page(results.page)
        hits = _shown(results.hits)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "results": results,
            "grid": grid,
            "hits": hits,
            "page": page,
            "filter_count": form.active_filters() if form.is_bound and not form.errors else 0,
            "query": _without(request.GET, "page"),
            "filters_open": form.is_bound and (bool(form.errors) or _any_filter(form)),
        },
    )


def _shown(hits: list[Hit]) -> list[dict]:
    """The page's hits with what the list says beside each: where it was found, and the
    state of its report (one query for the page)."""
    states = dict(
        Report.objects.filter(pk__in={h.report_id for h in hits}).values_list("pk", "state")
    )
    labels = dict(ReportState.choices)
    return [
        {
            "hit": hit,
            "kind_label": exports.kind_label(hit.kind),
            "state": states.get(hit.report_id, ""),
            "state_label": labels.get(states.get(hit.report_id), ""),
        }
        for hit in hits
    ]


def _any_filter(form: SearchForm) -> bool:
    return hasattr(form, "cleaned_data") and form.active_filters() > 0


@require_GET
def search_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every hit of the search (up to the engine's limit) as CSV or XLSX, with the same
    GET parameters as the page; a query the page would refuse gives the header alone."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    choices = search_filter_choices(user=request.user)
    form = SearchForm(request.GET or None, choices=choices)
    hits = []
    if form.is_bound and form.is_valid() and form.query:
        hits = search_rows(user=request.user, query=form.query, filters=form.filters())
    header, body = exports.hit_table(hits, absolute=request.build_absolute_uri)
    if fmt == "csv":
        content = csv_bytes(header, body)
    else:
        content = xlsx_bytes([(exports.sheet_name(), header, body)])
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="search.{fmt}"'
    return response
