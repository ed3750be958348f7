"""Saving a section of a report: its answers and, in the next-steps section, the report's
own next steps. One service for the explicit Save and for autosave. What it takes and
gives back (posted items, states, conflicts, digests) is in ``answer_states``.

Optimistic concurrency, item by item. Each item comes back with the revision and a digest
of the value it was loaded with. For each item:

- the posted value equals the stored one: nothing to do;
- the stored revision is the one the person loaded: save (revision + 1);
- the person did not touch the field: keep the stored value (someone else's newer text
  wins) and hand it back so the form shows it;
- otherwise: a conflict. Nothing of that item is saved; the caller shows both texts and
  the form carries the new revision, so the person's next save (their merge) goes
  through. Items without a conflict in the same request are saved.

Locking: the report's row is locked only for the write. The stored answers are read and
compared with what was posted first, without a lock (a plan); then, under the lock, the
revisions the plan was made from are read again (one small query). Unchanged: the plan is
written. Changed (a colleague saved this section meanwhile): nothing is written and the
plan is made again from what is stored now, so no save is ever lost or applied on top of
a text its author never saw. After a few such rounds the last one plans under the lock.
Ten people saving different answers of one report no longer queue behind each other's
reads and comparisons, only behind each other's writes. A save that changes nothing takes
no lock at all.

Cost: a fixed number of queries whatever the number of items (bulk writes), so the
autosave request does not grow with the roadmap.

Sent twice: a new next-step row carries a client key (``models`` "Client keys"). A row
without id whose key is stored is the row a previous attempt made: it is saved as that
row, loaded at revision 1, so the same body again changes nothing and answers as the
first attempt did, and a body typed further since updates it. Two attempts racing each
other: the loser trips the unique key and the whole save runs again, finding it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .. import permissions
from ..answer_states import (
    AnswerInput,
    Conflict,
    ItemState,
    RowInput,
    RowState,
    SectionSaveResult,
    answer_digest,
    next_step_digest,
    person_name,
    row_digest,
    row_text,
    stored_digest,
    stored_value,
)
from ..layout import Item, SectionLayout, key_of
from ..models import Answer, NextStep, Report
from ..revisions import report_touch
from ..snapshot import answer_as_text

__all__ = [
    "AnswerInput",
    "Conflict",
    "ItemState",
    "RowInput",
    "RowState",
    "SectionSaveResult",
    "answer_digest",
    "next_step_digest",
    "row_digest",
    "section_save",
    "stored_digest",
]

# Plans made without the lock before the last one is made under it.
OPTIMISTIC_ROUNDS = 3


@dataclass
class _Plan:
    """What a save will write, and the stored revisions it was decided from."""

    result: SectionSaveResult
    items: dict[str, Item]
    answer_revisions: dict[str, int] | None = None  # None: no answers posted
    row_revisions: dict[int, int] | None = None  # None: no rows posted
    answers_new: list[Answer] = field(default_factory=list)
    answers_changed: list[Answer] = field(default_factory=list)
    rows_new: list[tuple[RowInput, NextStep]] = field(default_factory=list)
    rows_changed: list[tuple[RowInput, NextStep]] = field(default_factory=list)
    rows_deleted: list[int] = field(default_factory=list)

    @property
    def writes(self) -> bool:
        return bool(
            self.answers_new
            or self.answers_changed
            or self.rows_new
            or self.rows_changed
            or self.rows_deleted
        )


class _Stale(Exception):
    """The stored revisions changed between the plan and the lock."""


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
    if not permissions.can_edit_report(user, report):
        raise PermissionDenied(_("This report cannot be edited now."))
    items: dict[str, Item] = {i.key: i for i in layout_section.items}
    arguments = {
        "report": report,
        "user": user,
        "items": items,
        "answers": [a for a in answers if a.key in items],
        "rows": list(rows),
    }
    for _round in range(OPTIMISTIC_ROUNDS):
        plan = _plan(**arguments)
        if not plan.writes:
            return _unchanged(plan, report)
        try:
            return _write(plan, report=report, user=user, change_reason=change_reason)
        except _Stale:
            continue
        except IntegrityError:
            # Another attempt of the same save (or a colleague's) wrote a row this one
            # meant to add between our read and our insert. Nothing of ours was kept
            # (atomic): plan again from what is stored now.
            continue
    with transaction.atomic():
        _lock(report, user)
        plan = _plan(**arguments)
        if not plan.writes:
            return _unchanged(plan, report)
        return _write(plan, report=report, user=user, change_reason=change_reason, check=False)


def _unchanged(plan: _Plan, report: Report) -> SectionSaveResult:
    plan.result.saved_at = timezone.now()
    plan.result.report_revision = report.revision
    return plan.result


def _lock(report: Report, user) -> None:
    """Lock the report's row: writes to one report run one after another. It also
    re-reads the state: a report submitted a second ago is no longer editable."""
    locked = Report.objects.select_for_update().only("state", "country").get(pk=report.pk)
    if not permissions.can_edit_report(user, locked):
        raise PermissionDenied(_("This report cannot be edited now."))


def _answer_revisions(report: Report, items: dict[str, Item]) -> dict[str, int]:
    question_ids = {i.question.pk for i in items.values()}
    return {
        key_of(a): a.revision
        for a in Answer.objects.filter(report=report, question_id__in=question_ids).only(
            "question_id", "priority_id", "next_step_id", "revision"
        )
    }


def _row_revisions(report: Report) -> dict[int, int]:
    return dict(NextStep.objects.filter(report=report).values_list("pk", "revision"))


@transaction.atomic
def _write(
    plan: _Plan, *, report: Report, user, change_reason: str | None, check: bool = True
) -> SectionSaveResult:
    if check:
        _lock(report, user)
        if plan.answer_revisions is not None and plan.answer_revisions != _answer_revisions(
            report, plan.items
        ):
            raise _Stale
        if plan.row_revisions is not None and plan.row_revisions != _row_revisions(report):
            raise _Stale
    now = timezone.now()
    result = plan.result
    for answer in plan.answers_new + plan.answers_changed:
        answer.updated_by, answer.updated_at = user, now
    history = {"default_user": user, "default_date": now, "default_change_reason": change_reason}
    if plan.answers_new:
        bulk_create_with_history(plan.answers_new, Answer, **history)
    if plan.answers_changed:
        bulk_update_with_history(
            plan.answers_changed,
            Answer,
            ["text", "value", "revision", "updated_by", "updated_at"],
            **history,
        )
    _write_rows(report=report, plan=plan, history=history)
    result.changed = True
    report_touch(report=report)
    result.saved_at = now
    result.report_revision = report.revision
    return result


def _plan(
    *,
    report: Report,
    user,
    items: dict[str, Item],
    answers: list[AnswerInput],
    rows: list[RowInput],
) -> _Plan:
    """Read what is stored and decide, item by item, under the rule above."""
    plan = _Plan(result=SectionSaveResult(), items=items)
    result = plan.result
    stored: dict[str, Answer] = {}
    if answers:
        for answer in Answer.objects.filter(
            report=report, question_id__in={i.question.pk for i in items.values()}
        ).select_related("updated_by"):
            stored[key_of(answer)] = answer
        plan.answer_revisions = {key: a.revision for key, a in stored.items()}

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
                plan.answers_new.append(current)
            else:
                current.revision += 1
                plan.answers_changed.append(current)
            current.text, current.value = posted.text, stored_value(posted.value)
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
                by=person_name(current.updated_by if current else None),
                by_you=current is not None and current.updated_by_id == user.pk,
            )
    if rows:
        _plan_rows(report=report, user=user, rows=rows, plan=plan)
    return plan


def _plan_rows(*, report: Report, user, rows: list[RowInput], plan: _Plan) -> None:
    """The report's own next steps (question 41), under the same rule as answers."""
    stored = {s.pk: s for s in NextStep.objects.filter(report=report)}
    plan.row_revisions = {pk: s.revision for pk, s in stored.items()}
    by_key = {s.client_key: s for s in stored.values() if s.client_key}
    next_order = max((s.order for s in stored.values()), default=0) + 1
    result = plan.result
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
            plan.rows_new.append((row, _new_step(report, row, next_order)))
            next_order += 1
            result.row_conflicts[row.prefix] = Conflict(
                revision=0, digest="", theirs="", at=None, by="", removed=True
            )
            continue
        if current is None:
            if not row.delete:
                plan.rows_new.append((row, _new_step(report, row, next_order)))
                next_order += 1
            continue
        current_digest = next_step_digest(current)
        if row.delete:
            if row.revision == current.revision or current_digest == row.original:
                plan.rows_deleted.append(current.pk)
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
            plan.rows_changed.append((row, current))
        elif row.digest == row.original:
            result.rows[row.prefix] = RowState(
                current.pk, current.revision, current_digest, refresh=True, step=current
            )
        else:
            conflicted[row.prefix] = current
    if conflicted:
        _row_conflicts(user=user, conflicted=conflicted, result=result)


def _row_conflicts(*, user, conflicted: dict[str, NextStep], result: SectionSaveResult) -> None:
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
            theirs=row_text(step),
            at=record.history_date if record else None,
            by=person_name(who),
            by_you=who is not None and who.pk == user.pk,
        )


def _write_rows(*, report: Report, plan: _Plan, history: dict[str, Any]) -> None:
    result = plan.result
    if plan.rows_new:
        bulk_create_with_history([s for _r, s in plan.rows_new], NextStep, **history)
    if plan.rows_changed:
        bulk_update_with_history(
            [s for _r, s in plan.rows_changed],
            NextStep,
            ["title", "targets", "evidence", "work_areas", "revision"],
            **history,
        )
    for row, step in plan.rows_new + plan.rows_changed:
        result.rows[row.prefix] = RowState(step.pk, step.revision, next_step_digest(step))
    if plan.rows_deleted:
        NextStep.objects.filter(report=report, pk__in=plan.rows_deleted).delete()


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
