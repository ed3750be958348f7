"""A report as a printed publication: HTML from a Django template (``printed_context``),
PDF from WeasyPrint. Printing only: keeping what is printed is ``documents.store``'s job."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from ..models import Report
from .printed import printed_context


def render_html(report: Report) -> str:
    return render_to_string("reports/pdf/report.html", printed_context(report))


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint alone. Imported here: it loads Pango and fonts, which a web worker
    that never renders a PDF should not pay for at start-up."""
    # (settings.LOGGING quiets WeasyPrint's per-step INFO log "weasyprint.progress".)

    # No base_url: the template is self-contained (inline CSS, system fonts), so nothing
    # is fetched over the network or from disk while rendering.
    return HTML(string=html).write_pdf()


def pdf_language(language: str | None) -> str:
    """One of the portal's languages (``vi`` for ``vi-VN``), the site's by default."""
    try:
        return translation.get_supported_language_variant(language or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def render_pdf(report: Report, language: str | None = None) -> bytes:
    """A fresh PDF of ``report`` as it is now, in ``language`` (the site's by default)."""
    with translation.override(pdf_language(language)):
        return html_to_pdf(render_html(report))


def pdf_filename(report: Report, revision: int | None = None, language: str | None = None) -> str:
    """``VN-2022-2023-r17.pdf`` (``...-r17-vi.pdf`` in another language than the site's):
    country, cycle and revision, so two downloads never overwrite each other on a desk."""
    suffix = (
        "" if pdf_language(language) == settings.LANGUAGE_CODE else f"-{pdf_language(language)}"
    )
    return f"{report.country.code}-{report.cycle.code}-r{revision or report.revision}{suffix}.pdf"
