"""Downloads: a report's PDF (kept per revision, ``documents.report_pdf``) and the exports
for analysts.

Access is the reading rule (``permissions.can_view_report`` via ``selectors.reports.report_for``
and ``permissions.visible_reports``): whoever may read a report may download it; anyone
else gets a 404, as for the report itself.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_safe

from .. import exports, permissions, tasks
from ..documents.printer import pdf_language
from ..documents.report_pdf import kept_pdf, latest_kept_pdf, render_failure
from ..models import KeptDocument, Report, ReportingCycle
from ..selectors.reports import report_for

# Seconds between two checks of the "being prepared" page (its script, and Retry-After).
PREPARING_REFRESH = 5
# ... and of the "cannot be produced now" page: the worker retries after 10, 20, 40 s.
FAILED_REFRESH = 60


def _document_response(document: KeptDocument) -> HttpResponse:
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.media_type,
    )
    # Which revision the file shows, for scripts; people read it in the file name.
    response["X-Document-Revision"] = str(document.revision)
    return response


# HEAD too: the waiting page's script asks with HEAD whether the PDF is ready, without
# taking the file (Django answers a HEAD as the GET, without the body).
@require_safe
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF of the report's current revision, at once: a PDF is never rendered while
    someone waits (the worker does it, ``tasks.render_report_pdfs``). When the current
    revision's is not kept yet, a page says so and checks again (by script, with a pause
    button; without script by hand: it never reloads itself): 202 while it is being
    prepared, 503 once its render failed for lack of storage (a full disk; the worker
    retries). The page offers the previous kept version, labelled with its revision and
    date: an older PDF is never handed over as if it were the current one."""
    report = report_for(user=request.user, pk=pk)
    # In the reader's language: the ministry reads Vietnamese, the secretariat English.
    language = pdf_language(request.LANGUAGE_CODE)
    current = kept_pdf(report=report, revision=report.revision, language=language)
    if current is not None:
        return _document_response(current)
    tasks.render_report_pdfs(report.pk, language)
    # (With jobs run in-process, JOBS_IMMEDIATE, the render has just happened.)
    latest = latest_kept_pdf(report=report, language=language)
    if latest is not None and latest.revision == report.revision:
        return _document_response(latest)
    failed = render_failure(report=report, revision=report.revision, language=language)
    refresh = FAILED_REFRESH if failed else PREPARING_REFRESH
    response = render(
        request,
        "reports/pdf_preparing.html",
        {
            "report": report,
            "refresh": refresh,
            "previous": latest,
            "failed": failed,
        },
        status=503 if failed else 202,
    )
    response["Retry-After"] = str(refresh)
    return response


@require_GET
def report_pdf_revision(request: HttpRequest, pk: int, revision: int) -> HttpResponse:
    """An earlier revision's PDF, while it is still kept (until the current one is): what
    the "being prepared" page offers. Its revision is in its file name and its header;
    once gone (or when it is the current one), the current download answers instead."""
    report = report_for(user=request.user, pk=pk)
    language = pdf_language(request.LANGUAGE_CODE)
    document = kept_pdf(report=report, revision=revision, language=language)
    if document is None or revision == report.revision:
        return redirect("reports:pdf", pk=report.pk)
    response = _document_response(document)
    response["X-Document-Current-Revision"] = str(report.revision)
    return response


def _export_response(*, reports, fmt: str, stem: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    content = exports.export_reports(reports=reports, fmt=fmt)
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    filename = exports.export_filename(stem=stem, fmt=fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def report_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    return _export_response(
        reports=[report],
        fmt=fmt,
        stem=f"{report.country.code}-{report.cycle.code}-r{report.revision}",
    )


@require_GET
def cycle_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Every report of the cycle that the user may read (possibly none)."""
    try:
        cycle = ReportingCycle.objects.get_by_code(code)
    except (ReportingCycle.DoesNotExist, ReportingCycle.MultipleObjectsReturned):
        raise Http404 from None
    reports: list[Report] = list(
        permissions.visible_reports(request.user)
        .filter(cycle=cycle)
        .with_context()
        .order_by("country__code")
    )
    return _export_response(reports=reports, fmt=fmt, stem=f"pathfinder-{cycle.code}")
