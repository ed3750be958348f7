"""Documents made once and kept (a report's PDF), keyed by what they are about, its
revision and their language."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..storage import documents_storage


class DocumentKind(models.TextChoices):
    """What a kept document is. Its subject says of what: a report's PDF is about a report;
    a cycle's synthesis would be about a cycle."""

    REPORT_PDF = "report_pdf", _("report PDF")
    SYNTHESIS_PDF = "synthesis_pdf", _("synthesis PDF of a cycle")


class KeptDocument(models.Model):
    """A document made once and kept (a report's PDF costs ~1.5 s to render), keyed by
    what it is, what it is about, the subject's revision it shows and its language: the
    secretariat reads English, the ministry Vietnamese. ``reports.documents.store`` writes
    and reads these rows; the row is published only once its file is complete."""

    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), on_delete=models.CASCADE
    )
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    revision = models.PositiveIntegerField()
    language = models.CharField(max_length=10)
    # The MIME type served with the file ("content type"; named so to stay clear of
    # Django's ContentType above).
    media_type = models.CharField(max_length=100)
    # The name a download gets: "VN-2022-2023-r17-vi.pdf".
    filename = models.CharField(max_length=200)
    # Blank while no file could be written for this key (a full disk): the row then
    # records the failure, so a download says "cannot be produced now" instead of
    # "being prepared" forever. The next successful write fills it and clears it.
    file = models.FileField(storage=documents_storage, max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("kept document")
        verbose_name_plural = _("kept documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "revision", "language"],
                name="one_document_per_revision_language",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="kept_document_kind_valid"
            ),
            # A row is a kept file or a recorded failure, never neither.
            models.CheckConstraint(
                condition=~Q(file="") | Q(failed_at__isnull=False),
                name="kept_document_file_or_failure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.subject} · revision {self.revision}"
