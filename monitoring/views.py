"""Monitoring pages: the board of a cycle, a country's trends, the cycle's synthesis.
Thin: access and reads in ``reports.permissions`` and ``monitoring.selectors``."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from reports import permissions
from reports.documents.store import DocumentNotStored
from reports.spreadsheets import csv_bytes, xlsx_bytes
from roadmap.models import Framework

from . import exports, synthesis_doc, trend_charts
from .forms import SORT_LABELS, BoardFilterForm
from .selectors import board as board_selectors
from .selectors import synthesis as synthesis_selectors
from .selectors import trends as trends_selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


def _download(content: bytes, *, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The frameworks whose board the user may see; straight to it when there is one."""
    frameworks = [
        f for f in Framework.objects.all() if permissions.can_see_board(request.user, f.pk)
    ]
    if not frameworks:
        raise Http404
    if len(frameworks) == 1:
        return redirect("monitoring:board", slug=frameworks[0].slug)
    return render(request, "monitoring/index.html", {"frameworks": frameworks})


def _board(request: HttpRequest, slug: str):
    framework = board_selectors.board_framework(user=request.user, slug=slug)
    cycles = board_selectors.board_cycles(framework=framework)
    form = BoardFilterForm(request.GET, cycles=cycles)
    by_code = {c.code: c for c in cycles}
    cycle = by_code.get(form.value("cycle")) or board_selectors.current_cycle(
        cycles=cycles, today=timezone.localdate()
    )
    if cycle is None:
        raise Http404
    sort = form.value("sort", "country")
    rows = board_selectors.board_rows(
        user=request.user,
        framework=framework,
        cycle=cycle,
        status=form.value("status"),
        late=form.value("late", False),
        region=form.value("region"),
        sort=sort,
        descending=form.value("desc", False),
    )
    return framework, cycles, cycle, form, sort, rows


@require_GET
def board(request: HttpRequest, slug: str) -> HttpResponse:
    """Every country of the framework in one cycle: who has reported, who is late."""
    framework, cycles, cycle, form, sort, rows = _board(request, slug)
    params = request.GET.copy()
    params["cycle"] = cycle.code
    columns = []
    for key, label in SORT_LABELS.items():
        link = params.copy()
        descending = sort == key and not form.value("desc", False)
        link["sort"] = key
        link["desc"] = "on" if descending else ""
        state = ""
        if sort == key:
            state = "descending" if form.value("desc", False) else "ascending"
        columns.append({"key": key, "label": label, "query": link.urlencode(), "sort": state})
    return render(
        request,
        "monitoring/board.html",
        {
            "framework": framework,
            "cycle": cycle,
            "cycles": cycles,
            "form": form,
            "rows": rows,
            "columns": columns,
            "query": params.urlencode(),
            "can_see_synthesis": permissions.can_see_synthesis(request.user, framework.pk),
        },
    )


@require_GET
def board_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The board as filtered and sorted on the page, as a spreadsheet."""
    if fmt not in ("xlsx", "csv"):
        raise Http404
    framework, _cycles, cycle, _form, _sort, rows = _board(request, slug)
    header, body = exports.board_table(rows)
    if fmt == "csv":
        content = csv_bytes(header, body)
    else:
        content = xlsx_bytes([(f"{framework.slug} {cycle.code}", header, body)])
    return _download(content, fmt=fmt, filename=f"board-{framework.slug}-{cycle.code}")


@require_GET
def trends(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """A country's history under a framework: indicators, next steps followed to the end,
    people reached, rating and coverage, each chart beside its data table. 404 for a
    country the user has no part in."""
    framework, country = trends_selectors.trends_scope(user=request.user, slug=slug, code=code)
    data = trends_selectors.country_trends(user=request.user, framework=framework, country=country)
    shown = [i for i, report in enumerate(data.reports) if report is not None]
    return render(
        request,
        "monitoring/trends.html",
        {
            "trends": data,
            "shown_cycles": [data.cycles[i] for i in shown],
            "indicator_charts": trend_charts.indicator_charts(data),
            "people_charts": trend_charts.people_charts(data),
            "rating_chart": trend_charts.rating_chart(data),
            "coverage_chart": trend_charts.coverage_chart(data),
            "steps": trend_charts.step_rows(data, shown),
            "can_see_board": permissions.can_see_board(request.user, framework.pk),
        },
    )


def _synthesis(request: HttpRequest, slug: str, code: str):
    framework, cycle = synthesis_selectors.synthesis_scope(user=request.user, slug=slug, code=code)
    return synthesis_selectors.cycle_synthesis(user=request.user, framework=framework, cycle=cycle)


@require_GET
def synthesis(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The cycle across all countries, for the Alliance's global report (secretariat)."""
    data = _synthesis(request, slug, code)
    return render(
        request,
        "monitoring/synthesis.html",
        {
            "synthesis": data,
            "charts": synthesis_doc.charts(data),
            "indicator_rows": synthesis_doc.indicator_rows(data),
        },
    )


# Seconds between two checks of the "cannot be produced now" page (its script, and
# Retry-After).
UNAVAILABLE_RETRY = 60


def _synthesis_pdf(request: HttpRequest, data) -> HttpResponse:
    """Kept per revision of the cycle's reports and language, like a report's PDF. When
    it cannot be stored (a full disk): the newest kept one, its revision in its name and
    in a note on the next page; with none, a page saying it cannot be produced now (503)."""
    revision = synthesis_selectors.synthesis_revision(cycle=data.cycle)
    language = request.LANGUAGE_CODE
    try:
        document = synthesis_doc.kept_pdf(data, revision=revision, language=language)
    except DocumentNotStored:
        document = synthesis_doc.latest_kept_pdf(data, language=language)
        if document is None:
            response = render(
                request,
                "monitoring/synthesis_unavailable.html",
                {"synthesis": data, "refresh": UNAVAILABLE_RETRY},
                status=503,
            )
            response["Retry-After"] = str(UNAVAILABLE_RETRY)
            return response
        messages.warning(
            request,
            _(
                "The synthesis PDF you downloaded shows revision %(revision)s of %(kept_at)s: "
                "the current one (revision %(current)s) cannot be stored on the server now."
            )
            % {
                "revision": document.revision,
                "kept_at": date_format(localtime(document.created_at), "DATETIME_FORMAT"),
                "current": revision,
            },
        )
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type="application/pdf",
    )
    response["X-Document-Revision"] = str(document.revision)
    return response


# HEAD too: the "cannot be produced now" page's script asks with HEAD (pdf-wait.js).
@require_safe
def synthesis_download(request: HttpRequest, slug: str, code: str, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    data = _synthesis(request, slug, code)
    if fmt == "pdf":
        return _synthesis_pdf(request, data)
    content = xlsx_bytes(synthesis_doc.tables(data))
    return _download(content, fmt=fmt, filename=f"synthesis-{slug}-{data.cycle.code}")
