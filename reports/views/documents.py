"""Downloads: a report's PDF (kept per revision, ``documents.report_pdf``) and the exports
for analysts.

Access is the reading rule (``permissions.can_view_report`` via ``selectors.reports.report_for``
and ``permissions.visible_reports``): whoever may read a report may download it; anyone
else gets a 404, as for the report itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import exports, permissions, tasks
from ..documents.printer import pdf_language
from ..documents.report_pdf import kept_pdf, latest_kept_pdf
from ..models import KeptDocument, Report, ReportingCycle
from ..selectors.reports import report_for

# Seconds between two reloads of the "being prepared" page.
PREPARING_REFRESH = 5


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


@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's kept PDF, at once: a PDF is never rendered while someone waits (the
    worker does it, ``tasks.render_report_pdfs``). The current revision's if it is kept;
    else the newest kept one, with a note saying which revision it shows, while the
    worker renders the current one; else a page that says it is being prepared and
    reloads itself."""
    report = report_for(user=request.user, pk=pk)
    # In the reader's language: the ministry reads Vietnamese, the secretariat English.
    language = pdf_language(request.LANGUAGE_CODE)
    current = kept_pdf(report=report, revision=report.revision, language=language)
    if current is not None:
        return _document_response(current)
    tasks.render_report_pdfs(report.pk, language)
    # (With jobs run in-process, JOBS_IMMEDIATE, the render has just happened.)
    latest = latest_kept_pdf(report=report, language=language)
    if latest is None:
        response = render(
            request,
            "reports/pdf_preparing.html",
            {"report": report, "refresh": PREPARING_REFRESH},
            status=202,
        )
        response["Retry-After"] = str(PREPARING_REFRESH)
        return response
    if latest.revision != report.revision:
        messages.info(
            request,
            _(
                "The PDF you downloaded shows revision %(revision)s of %(kept_at)s. The "
                "report has changed since (now revision %(current)s): its new PDF is being "
                "prepared, download it again in a minute."
            )
            % {
                "revision": latest.revision,
                "kept_at": date_format(localtime(latest.created_at), "DATETIME_FORMAT"),
                "current": report.revision,
            },
        )
    return _document_response(latest)


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
