"""What the public pages show: a frozen snapshot of an accepted report, published by the
framework's secretariat (or an admin) through ``reports.workflow``.

Imported at the end of ``reports.models`` (so Django finds it); it names the report by
string and imports nothing of that module, so the two never import each other.

A publication is never edited: republishing a newer revision withdraws the older one and
adds a row; withdrawing stamps ``withdrawn_*`` on the live row. So the rows are the record
of what the public could read, and when. The database allows at most one live
(not withdrawn) publication per report, whatever path writes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .storage import documents_storage


def public_pdf_name(instance: Publication, filename: str) -> str:
    # Made by the portal; the revision and language are in it, as the kept PDFs'.
    return f"public/{instance.report_id}/{filename}"


class Publication(models.Model):
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    # The report's revision this snapshot was taken from.
    revision = models.PositiveIntegerField(_("revision"))
    # Plain JSON: reports.publication_snapshot.public_snapshot (nothing private in it).
    snapshot = models.JSONField(_("snapshot"))
    published_at = models.DateTimeField(_("published at"), db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_reason = models.TextField(_("reason for withdrawing"), blank=True)
    # The public PDF in each language, rendered from the snapshot by the worker after
    # publishing (reports.tasks.render_public_pdfs); blank until then.
    pdf_en = models.FileField(
        _("public PDF (English)"),
        storage=documents_storage,
        upload_to=public_pdf_name,
        max_length=300,
        blank=True,
    )
    pdf_vi = models.FileField(
        _("public PDF (Vietnamese)"),
        storage=documents_storage,
        upload_to=public_pdf_name,
        max_length=300,
        blank=True,
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_live_publication_per_report",
                violation_error_message=_("This report is already published."),
            ),
            # Withdrawn means by someone, at a time: both or neither.
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True)
                | Q(withdrawn_at__isnull=False, withdrawn_by__isnull=False),
                name="publication_withdrawn_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · revision {self.revision}"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None
