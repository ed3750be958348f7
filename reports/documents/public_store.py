"""Storing a publication's public PDFs (``public_pdf``) on the publication: the job
``tasks.render_public_pdfs`` runs this after publishing."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from ..models import Publication
from .public_pdf import render_public_pdf

logger = logging.getLogger(__name__)


def public_pdf_filename(publication: Publication, language: str) -> str:
    report = publication.report
    return (
        f"{report.country.code}-{report.cycle.code}-r{publication.revision}-public-{language}.pdf"
    )


def public_pdfs_store(*, report_id: int) -> int:
    """Render and store each language's PDF the live publication of the report lacks;
    the number stored (0 when there is no live publication, or nothing is missing)."""
    publication = (
        Publication.objects.select_related("report__country", "report__cycle")
        .filter(report_id=report_id, withdrawn_at__isnull=True)
        .first()
    )
    if publication is None:
        return 0
    made = 0
    for language, _name in settings.LANGUAGES:
        field = f"pdf_{language}"
        if not hasattr(publication, field) or getattr(publication, field):
            continue
        pdf = render_public_pdf(
            publication.snapshot,
            language=language,
            revision=publication.revision,
            published_at=publication.published_at,
        )
        file = getattr(publication, field)
        name = file.storage.save(
            file.field.generate_filename(publication, public_pdf_filename(publication, language)),
            ContentFile(pdf),
        )
        # Only where still blank: a second job that rendered too keeps the first file.
        with transaction.atomic():
            stored = Publication.objects.filter(pk=publication.pk, **{field: ""}).update(
                **{field: name}
            )
        if stored:
            made += 1
        else:
            file.storage.delete(name)
    return made
