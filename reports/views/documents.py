"""Downloads: a report's PDF (kept per revision) and the exports for analysts.

Access is the reading rule (``permissions.can_view_report`` via ``selectors.report_for``
and ``permissions.visible_reports``): whoever may read a report may download it; anyone
else gets a 404, as for the report itself.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from .. import exports, permissions, selectors
from ..models import Report, ReportingCycle
from ..documents.printer import pdf_filename
from ..documents.report_pdf import pdf_for


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
    return FileResponse(
        pdf.file.open("rb"),
        as_attachment=True,
        filename=pdf_filename(report, pdf.revision, pdf.language),
        content_type="application/pdf",
    )


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
