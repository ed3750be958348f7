"""Saving a section of a report: its answers and, in the next-steps section, the report's
own next steps. One service for the explicit Save and for autosave.

Optimistic concurrency, item by item. Each item comes back with the revision and a digest
of the value it was loaded with. For each item:

- the posted value equals the stored one: nothing to do;
- the stored revision is the one the person loaded: save (revision + 1);
- the person did not touch the field: keep the stored value (someone else's newer text
  wins) and hand it back so the form shows it;
- otherwise: a conflict. Nothing of that item is saved; the caller shows both texts and
  the form carries the new revision, so the person's next save (their merge) goes
  through. Items without a conflict in the same request are saved.

Cost: a fixed number of queries whatever the number of items (bulk writes), so the
autosave request does not grow with the roadmap.

Sent twice: a new next-step row carries a client key (``models`` "Client keys"). A row
without id whose key is stored is the row a previous attempt made: it is saved as that
row, loaded at revision 1, so the same body again changes nothing and answers as the
first attempt did, and a body typed further since updates it. Two attempts racing each
other: the loser trips the unique key and the whole save runs again once, finding it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .. import permissions
from ..digest import digest
from ..layout import Item, SectionLayout, key_of
from ..models import Answer, NextStep, Report, is_blank
from ..snapshot import answer_as_text
from .revisions import report_touch


def _normal_value(value: Any) -> Any:
    if is_blank(value):
        return None
    if isinstance(value, list | tuple):
        return sorted(str(v) for v in value)
    return str(value)


def answer_digest(text: str, value: Any) -> str:
    """A short digest of an answer as a person sees it: the form carries it so the server
    can tell whether the person changed the field since loading it."""
    return digest(text or "", _normal_value(value))


def row_digest(title: str, targets: str, evidence: str, work_areas: Iterable[str]) -> str:
    return digest(title or "", targets or "", evidence or "", sorted(work_areas or []))


def stored_digest(answer: Answer | None) -> str:
    return answer_digest(answer.text, answer.value) if answer else answer_digest("", None)


def next_step_digest(step: NextStep) -> str:
    return row_digest(step.title, step.targets, step.evidence, step.work_areas)


@dataclass(frozen=True)
class AnswerInput:
    """One item as posted: its new text / value and what it was loaded with."""

    key: str
    text: str
    value: Any
    revision: int
    original: str


@dataclass(frozen=True)
class RowInput:
    """One next-step row as posted. ``prefix`` names the form row (e.g. ``q41-2``)."""

    prefix: str
    id: int | None
    revision: int
    original: str
    title: str = ""
    targets: str = ""
    evidence: str = ""
    work_areas: list[str] = field(default_factory=list)
    delete: bool = False
    key: uuid.UUID | None = None  # the client key of a new row

    @property
    def digest(self) -> str:
        return row_digest(self.title, self.targets, self.evidence, self.work_areas)


@dataclass
class ItemState:
    """What the form must carry for an item after the save. ``refresh`` is set when the
    form should show the stored value (the person had not touched the field)."""

    revision: int
    digest: str
    refresh: bool = False
    text: str = ""
    value: Any = None


@dataclass
class RowState:
    id: int | None
    revision: int
    digest: str
    refresh: bool = False
    deleted: bool = False
    step: NextStep | None = None


@dataclass
class Conflict:
    """A stale save refused: what is stored now, when and by whom."""

    revision: int
    digest: str
    theirs: str
    at: dt.datetime | None
    by: str
    by_you: bool = False
    removed: bool = False

    @property
    def message(self) -> str:
        if self.removed:
            return _(
                "Someone else removed this next step while you were changing it: "
                "your version was saved as a new next step."
            )
        when = timezone.localtime(self.at).strftime("%H:%M") if self.at else "?"
        if self.by_you:
            return _("You saved this answer in another window at %(at)s.") % {"at": when}
        return _("Someone else saved this answer at %(at)s (%(by)s).") % {
            "at": when,
            "by": self.by,
        }


@dataclass
class SectionSaveResult:
    items: dict[str, ItemState] = field(default_factory=dict)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    rows: dict[str, RowState] = field(default_factory=dict)
    row_conflicts: dict[str, Conflict] = field(default_factory=dict)
    changed: bool = False
    saved_at: dt.datetime | None = None
    report_revision: int = 0

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflicts or self.row_conflicts)

    @property
    def conflict_count(self) -> int:
        return len(self.conflicts) + len(self.row_conflicts)


def _person(user) -> str:
    if user is None:
        return _("unknown")
    return user.get_full_name() or user.get_username()


def _stored_value(value: Any) -> Any:
    return None if is_blank(value) else value


def _row_text(step: NextStep) -> str:
    return "\n".join(
        part
        for part in (step.title, step.targets, step.evidence, ", ".join(step.work_areas))
        if part
    )


def section_save(
    *,
    report: Report,
    user,
    layout_section: SectionLayout,
    answers: Iterable[AnswerInput] = (),
    rows: Iterable[RowInput] = (),
    change_reason: str | None = None,
) -> SectionSaveResult:
    """Save what was posted for one section of ``report`` under the conflict rule above.
    Raise PermissionDenied (and change nothing) if ``user`` may not edit the report now.
    ``change_reason`` is kept with each change in the audit trail (e.g. the Word file
    an import came from)."""
    answers, rows = list(answers), list(rows)
    arguments = {
        "report": report,
        "user": user,
        "layout_section": layout_section,
        "answers": answers,
        "rows": rows,
        "change_reason": change_reason,
    }
    try:
        return _section_save(**arguments)
    except IntegrityError:
        # Another attempt of the same save (or a colleague's) wrote a row this one meant to
        # add between our read and our insert. Nothing of ours was kept (atomic): read
        # again and apply the rule to what is stored now.
        return _section_save(**arguments)


@transaction.atomic
def _section_save(
    *,
    report: Report,
    user,
    layout_section: SectionLayout,
    answers: list[AnswerInput],
    rows: list[RowInput],
    change_reason: str | None,
) -> SectionSaveResult:
    # Lock the report row: saves of one report run one after another, so two people's
    # revisions can't both pass the check. It also re-reads the state: a report submitted
    # a second ago is no longer editable.
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if not permissions.can_edit_report(user, locked):
        raise PermissionDenied(_("This report cannot be edited now."))

    now = timezone.now()
    result = SectionSaveResult()
    items: dict[str, Item] = {i.key: i for i in layout_section.items}
    question_ids = {i.question.pk for i in layout_section.items}
    stored: dict[str, Answer] = {}
    answers = [a for a in answers if a.key in items]
    if answers:
        for answer in Answer.objects.filter(
            report=report, question_id__in=question_ids
        ).select_related("updated_by"):
            stored[key_of(answer)] = answer

    to_create: list[Answer] = []
    to_update: list[Answer] = []
    for posted in answers:
        item = items[posted.key]
        current = stored.get(posted.key)
        current_rev = current.revision if current else 0
        current_digest = stored_digest(current)
        posted_digest = answer_digest(posted.text, posted.value)
        if posted_digest == current_digest:
            result.items[posted.key] = ItemState(current_rev, current_digest)
        elif posted.revision == current_rev:
            if current is None:
                current = Answer(
                    report=report,
                    question=item.question,
                    priority=item.priority,
                    next_step=item.next_step,
                    revision=1,
                )
                to_create.append(current)
            else:
                current.revision += 1
                to_update.append(current)
            current.text, current.value = posted.text, _stored_value(posted.value)
            current.updated_by, current.updated_at = user, now
            result.items[posted.key] = ItemState(current.revision, posted_digest)
        elif posted_digest == posted.original:
            result.items[posted.key] = ItemState(
                current_rev,
                current_digest,
                refresh=True,
                text=current.text if current else "",
                value=current.value if current else None,
            )
        else:
            result.conflicts[posted.key] = Conflict(
                revision=current_rev,
                digest=current_digest,
                theirs=answer_as_text(item.question, current) if current else "",
                at=current.updated_at if current else None,
                by=_person(current.updated_by if current else None),
                by_you=current is not None and current.updated_by_id == user.pk,
            )
    history = {"default_user": user, "default_date": now, "default_change_reason": change_reason}
    if to_create:
        bulk_create_with_history(to_create, Answer, **history)
    if to_update:
        bulk_update_with_history(
            to_update, Answer, ["text", "value", "revision", "updated_by", "updated_at"], **history
        )
    rows_changed = _save_rows(
        report=report, user=user, rows=rows, now=now, result=result, history=history
    )

    result.changed = bool(to_create or to_update or rows_changed)
    if result.changed:
        report_touch(report=report)
    result.saved_at = now
    result.report_revision = report.revision
    return result


def _save_rows(
    *,
    report: Report,
    user,
    rows: list[RowInput],
    now: dt.datetime,
    result: SectionSaveResult,
    history: dict[str, Any],
) -> bool:
    """The report's own next steps (question 41), under the same rule as answers."""
    if not rows:
        return False
    stored = {s.pk: s for s in NextStep.objects.filter(report=report)}
    by_key = {s.client_key: s for s in stored.values() if s.client_key}
    next_order = max((s.order for s in stored.values()), default=0) + 1
    to_create: list[tuple[RowInput, NextStep]] = []
    to_update: list[tuple[RowInput, NextStep]] = []
    to_delete: list[int] = []
    conflicted: dict[str, NextStep] = {}

    for row in rows:
        if row.key in by_key and row.id not in stored:
            # Made by an earlier attempt whose answer was lost: that row, as it made it.
            row = dataclasses.replace(row, id=by_key[row.key].pk, revision=1)
        current = stored.get(row.id) if row.id else None
        if row.id and current is None:
            # Removed by someone else meanwhile. Untouched: let it go. Changed: keep the
            # person's text as a new row and tell them.
            if row.delete or row.digest == row.original:
                result.rows[row.prefix] = RowState(None, 0, "", deleted=True)
                continue
            step = _new_step(report, row, next_order)
            next_order += 1
            to_create.append((row, step))
            result.row_conflicts[row.prefix] = Conflict(
                revision=0, digest="", theirs="", at=None, by="", removed=True
            )
            continue
        if current is None:
            if row.delete:
                continue
            step = _new_step(report, row, next_order)
            next_order += 1
            to_create.append((row, step))
            continue
        current_digest = next_step_digest(current)
        if row.delete:
            if row.revision == current.revision or current_digest == row.original:
                to_delete.append(current.pk)
                result.rows[row.prefix] = RowState(None, 0, "", deleted=True)
            else:
                conflicted[row.prefix] = current
            continue
        if row.digest == current_digest:
            result.rows[row.prefix] = RowState(current.pk, current.revision, current_digest)
        elif row.revision == current.revision:
            current.title, current.targets, current.evidence = row.title, row.targets, row.evidence
            current.work_areas = list(row.work_areas)
            current.revision += 1
            to_update.append((row, current))
        elif row.digest == row.original:
            result.rows[row.prefix] = RowState(
                current.pk, current.revision, current_digest, refresh=True, step=current
            )
        else:
            conflicted[row.prefix] = current

    if to_create:
        bulk_create_with_history([s for _r, s in to_create], NextStep, **history)
        for row, step in to_create:
            result.rows[row.prefix] = RowState(step.pk, step.revision, next_step_digest(step))
    if to_update:
        bulk_update_with_history(
            [s for _r, s in to_update],
            NextStep,
            ["title", "targets", "evidence", "work_areas", "revision"],
            **history,
        )
        for row, step in to_update:
            result.rows[row.prefix] = RowState(step.pk, step.revision, next_step_digest(step))
    if to_delete:
        NextStep.objects.filter(report=report, pk__in=to_delete).delete()
    if conflicted:
        # NextStep keeps no "updated by": its history does. One query, conflicts only.
        latest: dict[int, Any] = {}
        for record in (
            NextStep.history.filter(id__in=[s.pk for s in conflicted.values()])
            .select_related("history_user")
            .order_by("history_date")
        ):
            latest[record.id] = record
        for prefix, step in conflicted.items():
            record = latest.get(step.pk)
            who = record.history_user if record else None
            result.row_conflicts[prefix] = Conflict(
                revision=step.revision,
                digest=next_step_digest(step),
                theirs=_row_text(step),
                at=record.history_date if record else None,
                by=_person(who),
                by_you=who is not None and who.pk == user.pk,
            )
    return bool(to_create or to_update or to_delete)


def _new_step(report: Report, row: RowInput, order: int) -> NextStep:
    return NextStep(
        report=report,
        order=order,
        title=row.title,
        targets=row.targets,
        evidence=row.evidence,
        work_areas=list(row.work_areas),
        revision=1,
        client_key=row.key,
    )
