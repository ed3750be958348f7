"""Downloads: a report's PDF (kept per revision, ``documents.report_pdf``) and the exports
for analysts.

Access is the reading rule (``permissions.can_view_report`` via ``selectors.report_for``
and ``permissions.visible_reports``): whoever may read a report may download it; anyone
else gets a 404, as for the report itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import exports, permissions, selectors
from ..documents.report_pdf import latest_kept_pdf, pdf_for
from ..documents.store import DocumentNotStored
from ..models import KeptDocument, Report, ReportingCycle


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
    report = selectors.report_for(request.user, pk)
    try:
        # In the reader's language: the ministry reads Vietnamese, the secretariat English.
        pdf = pdf_for(report=report, language=request.LANGUAGE_CODE)
    except ValidationError as error:
        # Only "report_changing": edits kept landing while it rendered.
        response = HttpResponse(" ".join(error.messages), status=503, content_type="text/plain")
        response["Retry-After"] = "5"
        return response
    except DocumentNotStored:
        # The store logged the cause (a full disk, the storage down) and kept nothing
        # partial. An older PDF is better than none, said to be older.
        previous = latest_kept_pdf(report=report, language=request.LANGUAGE_CODE)
        if previous is None:
            response = render(
                request, "reports/document_unavailable.html", {"report": report}, status=503
            )
            response["Retry-After"] = "60"
            return response
        messages.warning(
            request,
            _(
                "The PDF of the report as it is now could not be produced. The PDF you "
                "downloaded shows revision %(revision)s of %(kept_at)s, without the changes "
                "made since (now revision %(current)s)."
            )
            % {
                "revision": previous.revision,
                "kept_at": date_format(localtime(previous.created_at), "DATETIME_FORMAT"),
                "current": report.revision,
            },
        )
        return _document_response(previous)
    return _document_response(pdf)


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
    report = selectors.report_for(request.user, pk)
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
