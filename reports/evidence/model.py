"""The evidence file model. Imported at the end of ``reports.models`` (so Django finds
it), it names the report's models by string and finds ``Report`` through the app
registry when it checks: it imports nothing of ``reports.models``.

Frozen with its report: a file of a handed-in report (submitted or accepted) is neither
added, changed nor deleted, by any path (the service, the admin, a script): ``save``
refuses, and a ``pre_delete`` receiver refuses a delete, also a queryset's or a
cascade's, unless the whole report is being removed. A returned report is open again:
files may be added and the country's own removed. Whether a file may be shown publicly
(``is_public``) is frozen too: the country decides it while the report is open (the
service ``evidence_set_public``); once handed in, the files published with an accepted
report are those it was handed in with. A queryset's ``update`` and ``bulk_create`` are
held to the same rule (``EvidenceQuerySet``), as they call no ``save``.
"""

from __future__ import annotations

import uuid
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from ..storage import documents_storage

FROZEN_MESSAGE = _(
    "This report has been handed in, so its evidence files can no longer be added, changed "
    "or deleted."
)


class EvidenceLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    VIETNAMESE = "vi", _("Vietnamese")
    OTHER = "other", _("Another language")


class EvidenceType(models.TextChoices):
    """What a file is, judged by its content (``checks``); the value is its extension."""

    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word document")
    XLSX = "xlsx", _("Excel workbook")
    PNG = "png", _("PNG image")
    JPEG = "jpg", _("JPEG image")


MEDIA_TYPES = {
    EvidenceType.PDF: "application/pdf",
    EvidenceType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    EvidenceType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    EvidenceType.PNG: "image/png",
    EvidenceType.JPEG: "image/jpeg",
}


def storage_name(instance: Evidence, filename: str) -> str:
    """A name the portal makes: the uploaded name is never used for a path (it may hold
    ``../``, a drive letter or a name another file has)."""
    return f"evidence/{instance.report_id}/{uuid.uuid4().hex}.{instance.file_type}"


class EvidenceQuerySet(models.QuerySet["Evidence"]):
    """The freeze for the bulk paths, which call no ``save``: refused when a row written
    belongs to a handed-in report."""

    def update(self, **kwargs) -> int:
        check_reports_open(self.values_list("report_id", flat=True))
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs) -> list:
        objs = list(objs)
        check_reports_open({obj.report_id for obj in objs})
        return super().bulk_create(objs, *args, **kwargs)


class Evidence(models.Model):
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    # Exactly one target (the constraint below). A question stands for its answer (or
    # answers, one per priority): the evidence proves what the country said there.
    question = models.ForeignKey(
        "reports.Question",
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
    )
    # As a thread on an activity: the file goes with the row it proves.
    activity = models.ForeignKey(
        "reports.Activity",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    indicator_value = models.ForeignKey(
        "reports.IndicatorValue",
        verbose_name=_("indicator value"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=10, choices=EvidenceLanguage.choices)
    file = models.FileField(
        _("file"), storage=documents_storage, upload_to=storage_name, max_length=300
    )
    # As uploaded, for display only (never a path, never the download's header unescaped).
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    file_type = models.CharField(_("type"), max_length=10, choices=EvidenceType.choices)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # The country's word that the file may be shown on the public pages (linked from a
    # published report's snapshot); off, the public never learns the file exists.
    is_public = models.BooleanField(
        _("may be shown on the public pages"),
        default=False,
        help_text=_("Once the report is published, anyone may read and download this file."),
    )
    # As Activity.client_key: the upload form's key, so a resent upload keeps one file.
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["report", "uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    question__isnull=False, activity__isnull=True, indicator_value__isnull=True
                )
                | Q(question__isnull=True, activity__isnull=False, indicator_value__isnull=True)
                | Q(question__isnull=True, activity__isnull=True, indicator_value__isnull=False),
                name="evidence_on_one_target",
                violation_error_message=_(
                    "An evidence file is attached to exactly one question, activity or "
                    "indicator value."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="evidence_titled",
                violation_error_message=_("Please give the file a title."),
            ),
            models.CheckConstraint(
                condition=Q(language__in=EvidenceLanguage.values),
                name="evidence_language_valid",
                violation_error_message=_("Choose the language of the file."),
            ),
            models.CheckConstraint(
                condition=Q(file_type__in=EvidenceType.values),
                name="evidence_type_valid",
                violation_error_message=_("This type of file is not accepted."),
            ),
            models.CheckConstraint(
                condition=Q(size__gt=0),
                name="evidence_not_empty",
                violation_error_message=_("The file is empty."),
            ),
            models.UniqueConstraint(
                fields=["report", "client_key"],
                name="one_evidence_per_client_key",
                violation_error_message=_("This upload was already received."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        check_report_open(self.report_id)
        super().save(*args, **kwargs)

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[EvidenceType(self.file_type)]

    @property
    def target_id(self) -> tuple[str, int]:
        """What the file is attached to, as ("question" | "activity" | "indicator_value", pk)."""
        for name in ("question", "activity", "indicator_value"):
            pk = getattr(self, f"{name}_id")
            if pk is not None:
                return name, pk
        raise ValueError("An evidence file without a target.")


def check_report_open(report_id: int | None) -> None:
    """Refuse (ValidationError) a change to the evidence of a handed-in report: one that
    ``Report.is_editable_state`` says is neither a draft nor returned."""
    report = _report_model().objects.filter(pk=report_id).only("state").first()
    if report is None or not report.is_editable_state:
        raise ValidationError(FROZEN_MESSAGE, code="report_locked")


def check_reports_open(report_ids) -> None:
    """``check_report_open`` for the reports of many rows (a queryset's ``update`` or
    ``bulk_create``): one query, whatever their number. The states found are judged by
    ``Report.is_editable_state`` itself, so the rule stays in one place."""
    report = _report_model()
    states = set(report.objects.filter(pk__in=report_ids).values_list("state", flat=True))
    if any(not report(state=state).is_editable_state for state in states):
        raise ValidationError(FROZEN_MESSAGE, code="report_locked")


def _report_model() -> type[models.Model]:
    # By name: ``reports.models`` imports this module, never the other way round.
    return apps.get_model("reports", "Report")


def _report_removed(origin) -> bool:
    """Whether a delete started at a report (or reports): the whole report goes, and its
    files with it (an admin's removal of a report is not a change of its evidence)."""
    model = getattr(origin, "model", type(origin))
    return model is _report_model()


@receiver(pre_delete, sender=Evidence, dispatch_uid="evidence-frozen-delete")
def evidence_deleting(sender, instance: Evidence, origin=None, **kwargs) -> None:
    if not _report_removed(origin):
        check_report_open(instance.report_id)


@receiver(post_delete, sender=Evidence, dispatch_uid="evidence-file-delete")
def evidence_deleted(sender, instance: Evidence, **kwargs) -> None:
    # Once the row is gone for good: a rolled-back delete keeps its file.
    if instance.file.name:
        transaction.on_commit(
            partial(instance.file.storage.delete, instance.file.name), robust=True
        )
