"""A reporter's word to the focal point that the report is ready for them (issue 24): no
change of state (only the focal point submits), a line of the report's history, shown on
the report hub, and a notice to the country's focal points.

Imported by ``reports.models`` (so Django registers it); the report is named by string,
so the two modules never import each other."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReadyForFocalPoint(models.Model):
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="ready_marks",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("marked at"), auto_now_add=True)
    # The report's revision when it was marked: marking the same revision again (a retried
    # POST, a second click) is the same mark, and tells nobody twice.
    revision = models.PositiveIntegerField(_("revision"))

    class Meta:
        ordering = ["report", "-at", "-pk"]
        verbose_name = _("ready for the focal point")
        verbose_name_plural = _("ready for the focal point")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "revision"], name="one_ready_mark_per_revision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.at:%Y-%m-%d %H:%M}"
