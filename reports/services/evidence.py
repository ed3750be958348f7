"""Evidence files: the one way a file is attached to a report, and the one way it is
removed. The upload page, the demo seeding and any script come through here, so every
file is checked (``reports.evidence.checks``) before anything is kept.

Order of work on an upload: permission, a retried upload (the form's client key finds
the file its first attempt kept), the title and language, the file's content; only then
the file is written to the documents storage and the row made, under the report's row
lock (a file racing a submission loses, and the stored file is removed again).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import permissions, tasks
from ..evidence.checks import CheckedFile, check_upload
from ..evidence.model import EvidenceLanguage, check_report_open
from ..models import Activity, Evidence, IndicatorValue, Question, Report
from ..revisions import report_touch

TITLE_MAX_LENGTH = 300


@dataclass(frozen=True)
class EvidenceTarget:
    """What a file proves: a question (its answer), an activity or an indicator value
    (exactly one)."""

    question: Question | None = None
    activity: Activity | None = None
    indicator_value: IndicatorValue | None = None

    def fields(self, report: Report) -> dict:
        chosen = {
            name: row
            for name, row in (
                ("question", self.question),
                ("activity", self.activity),
                ("indicator_value", self.indicator_value),
            )
            if row is not None
        }
        if len(chosen) != 1:
            raise ValueError("An evidence file is attached to exactly one thing.")
        rows = [r for r in (self.activity, self.indicator_value) if r is not None]
        if any(row.report_id != report.pk for row in rows):
            raise PermissionDenied(_("You may not attach files to this report."))
        if self.question is not None and (
            self.question.section.questionnaire.cycle_id != report.cycle_id
        ):
            raise PermissionDenied(_("You may not attach files to this report."))
        return chosen

    def part(self) -> dict[str, int]:
        """The part of the report it belongs to, as ``permissions.can_edit_part`` asks."""
        if self.activity is not None:
            return {"activity_id": self.activity.pk}
        if self.indicator_value is not None:
            return {"indicator_id": self.indicator_value.indicator_id}
        if self.question is not None:
            return {"question_id": self.question.pk, "section_id": self.question.section_id}
        return {}


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(
            {"title": ValidationError(_("Please give the file a title."), code="required")}
        )
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {
                "title": ValidationError(
                    _("Please keep the title under %(max)d characters."),
                    code="max_length",
                    params={"max": TITLE_MAX_LENGTH},
                )
            }
        )
    return title


def _clean_language(language: str) -> str:
    if language not in EvidenceLanguage.values:
        raise ValidationError(
            {"language": ValidationError(_("Choose the language of the file."), code="invalid")}
        )
    return language


def keyed_evidence(*, report: Report, key: uuid.UUID | None) -> Evidence | None:
    """The file a first attempt of the same upload form kept, if any."""
    if key is None:
        return None
    return report.evidence.filter(client_key=key).first()


def evidence_add(
    *,
    report: Report,
    user,
    target: EvidenceTarget,
    title: str,
    language: str,
    upload,
    key: uuid.UUID | None = None,
    is_public: bool = False,
) -> Evidence:
    """Attach ``upload`` to ``target`` of ``report``: checked, then kept once (a resent
    form with the same ``key`` returns the file its first attempt kept)."""
    # Country staff: the editing rule; a contributor: a part of theirs still open.
    if not permissions.can_edit_part(user, report, **target.part()):
        raise PermissionDenied(_("You may not attach files to this report."))
    fields = target.fields(report)
    existing = keyed_evidence(report=report, key=key)
    if existing is not None:
        return existing
    errors: dict[str, list] = {}
    cleaned = {}
    for name, clean, value in (
        ("title", _clean_title, title),
        ("language", _clean_language, language),
        ("file", check_upload, upload),
    ):
        try:
            cleaned[name] = clean(value)
        except ValidationError as exc:
            errors |= exc.update_error_dict({})
    if errors:
        raise ValidationError(errors)
    try:
        return _keep(
            report=report,
            user=user,
            fields=fields,
            title=cleaned["title"],
            language=cleaned["language"],
            checked=cleaned["file"],
            original_name=getattr(upload, "name", "") or "",
            key=key,
            is_public=is_public,
        )
    except IntegrityError:
        existing = keyed_evidence(report=report, key=key)
        if existing is None:
            raise
        return existing  # the first attempt committed between our look-up and insert


def _keep(
    *,
    report: Report,
    user,
    fields: dict,
    title: str,
    language: str,
    checked: CheckedFile,
    original_name: str,
    key: uuid.UUID | None,
    is_public: bool,
) -> Evidence:
    evidence = Evidence(
        report=report,
        title=title,
        language=language,
        original_name=original_name.replace("\\", "/").rsplit("/", 1)[-1][:255],
        file_type=checked.file_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user,
        client_key=key,
        is_public=is_public,
        **fields,
    )
    try:
        with transaction.atomic():
            Report.objects.select_for_update().only("pk").get(pk=report.pk)
            check_report_open(report.pk)
            # The name is made by ``storage_name``; the uploaded one is never used.
            evidence.file.save("upload", ContentFile(checked.content), save=False)
            evidence.save()
            _touched(report)
    except BaseException:
        if evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def _touched(report: Report) -> None:
    """The report's PDF lists its evidence: a new revision, and its PDF renewed."""
    report_touch(report=report, carry_over=False)
    transaction.on_commit(partial(tasks.schedule_render, report.pk, report.revision), robust=True)


def evidence_delete(*, evidence: Evidence, user) -> None:
    """Remove a file of a draft or returned report (refused once handed in, by the model
    too). Its stored file goes once the deletion is committed."""
    report = evidence.report
    if not permissions.can_change_evidence(user, report):
        raise PermissionDenied(_("You may not remove files of this report."))
    with transaction.atomic():
        Report.objects.select_for_update().only("pk").get(pk=report.pk)
        evidence.delete()
        _touched(report)


def evidence_set_public(*, evidence: Evidence, user, is_public: bool) -> bool:
    """Say whether a file of a draft or returned report may be shown on the public pages
    (once the accepted report is published). Returns whether anything changed: the same
    value again (a resent form, a double click) changes nothing and bumps no revision.

    Refused to whoever may not change the report's files (PermissionDenied: also a
    report read as handed in), and (ValidationError) to a report handed in since it was
    read, as its locked row says: what a handed-in report states stays as handed in,
    which of its files may be public too (the model refuses it on every path as well:
    ``reports.evidence.model``)."""
    report = evidence.report
    if not permissions.can_change_evidence(user, report):
        raise PermissionDenied(_("You may not change files of this report."))
    with transaction.atomic():
        Report.objects.select_for_update().only("pk").get(pk=report.pk)
        check_report_open(report.pk)
        # Read under the report's lock: a second request waits here, then finds the value
        # its twin set and leaves.
        row = Evidence.objects.filter(pk=evidence.pk)
        current = row.values_list("is_public", flat=True).first()
        if current is None:
            raise ValidationError(_("This file has been removed meanwhile."), code="gone")
        evidence.is_public = is_public
        if current == is_public:
            return False
        row.update(is_public=is_public)
        _touched(report)
    return True
