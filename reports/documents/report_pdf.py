"""A report's kept PDF: the printer's output for the report's current revision, kept in
the document store per revision and language.

Rendering costs one to two seconds of CPU, so a report's PDF is rendered once per
revision and kept (``pdf_for``); every change to a report bumps its revision
(``services.revisions.report_touch``), so a kept file is never stale. The download
comes in the reader's language (the ministry reads Vietnamese, the secretariat
English), at most one render of each.
"""

from __future__ import annotations

import logging
from functools import partial

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import DocumentKind, KeptDocument, Report
from . import printer, store
from .printer import pdf_filename, pdf_language

logger = logging.getLogger(__name__)

MEDIA_TYPE = "application/pdf"


def _key(report: Report, *, revision: int, language: str | None) -> store.DocumentKey:
    return store.DocumentKey(
        kind=DocumentKind.REPORT_PDF,
        subject=report,
        revision=revision,
        language=pdf_language(language),
    )


def _current_revision(report: Report) -> int:
    return Report.objects.filter(pk=report.pk).values_list("revision", flat=True).get()


def kept_pdf(*, report: Report, revision: int, language: str | None = None) -> KeptDocument | None:
    """The PDF kept for ``revision`` of ``report`` in ``language``, if its file is there."""
    return store.kept(_key(report, revision=revision, language=language))


def render_failure(*, report: Report, revision: int, language: str | None = None):
    """The recorded failure to keep ``revision``'s PDF (a full disk), if not kept since."""
    return store.failure(_key(report, revision=revision, language=language))


def latest_kept_pdf(*, report: Report, language: str | None = None) -> KeptDocument | None:
    """The newest PDF kept of ``report`` in ``language``, of whichever revision."""
    return store.latest_kept(
        kind=DocumentKind.REPORT_PDF, subject=report, language=pdf_language(language)
    )


def _render(report: Report, language: str) -> bytes:
    report.refresh_from_db(fields=["revision", "state", "submitted_at", "accepted_at"])
    return printer.render_pdf(report, language)


def _is_current(report: Report, revision: int) -> bool:
    return _current_revision(report) == revision


def pdf_for(*, report: Report, language: str | None = None, attempts: int = 3) -> KeptDocument:
    """The kept PDF of ``report``'s current revision in ``language`` (the site's by
    default), rendering and keeping it first if there is none. Older revisions' files are
    removed once a newer one is kept.

    Raises ``ValidationError`` (code "report_changing") when edits keep landing during
    the render, and ``store.DocumentNotStored`` when the file cannot be written."""
    language = pdf_language(language)
    for _attempt in range(attempts):
        revision = _current_revision(report)
        document = store.kept_or_render(
            _key(report, revision=revision, language=language),
            render=partial(_render, report, language),
            filename=pdf_filename(report, revision, language),
            media_type=MEDIA_TYPE,
            # A save that landed while we rendered may be half in this file: render
            # again rather than keep it under either revision.
            still_current=partial(_is_current, report, revision),
        )
        if document is not None:
            return document
        logger.info("Report %s changed while its PDF rendered; rendering again.", report.pk)
    raise ValidationError(
        _("This report is being edited right now. Please try again in a moment."),
        code="report_changing",
    )
