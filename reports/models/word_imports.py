"""A Word import waiting between upload and confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .report import Report


class PendingWordImport(models.Model):
    """A Word import between upload and confirmation (``reports.word.pending``): what
    was read from the file, never the file, under a random token, for the person who
    uploaded it and that report only. Kept here rather than in the session: a large file's
    answers would otherwise be read and written with every later request of that person.
    Deleted when imported, cancelled or expired."""

    token = models.CharField(max_length=43, unique=True)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=200)
    from_portal = models.BooleanField(default=False)
    file_revision = models.CharField(max_length=50, blank=True)
    proposals = models.JSONField(default=dict)
    unmatched = models.JSONField(default=list)
    # Paragraphs answering no question that were read but not kept (beyond what is shown).
    unmatched_left_out = models.PositiveIntegerField(default=0)
    # The file held more text than any report: its end was not read (reader.read_docx).
    file_cut = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("pending Word import")
        verbose_name_plural = _("pending Word imports")

    def __str__(self) -> str:
        return self.source
