"""A section save's plan (``services.answers``): what it will write, decided from the
stored revisions it records, and the part of it that concerns the report's own next steps
(question 41), under the same conflict rule as answers: a row refused for a conflict is
settled as an answer is (``RowInput.resolution``: keep mine, take theirs, a combined row),
from the colleague's revision, and its history records how."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..answer_states import (
    Conflict,
    RowFields,
    RowInput,
    RowState,
    SectionSaveResult,
    next_step_digest,
    person_name,
    row_text,
)
from ..layout import Item
from ..models import Answer, NextStep, Report
from ..resolution import Resolution, resolution_reason


@dataclass
class SavePlan:
    """What a save will write, and the stored revisions it was decided from."""

    result: SectionSaveResult
    items: dict[str, Item]
    report: Report
    answer_revisions: dict[str, int] | None = None  # None: no answers posted
    row_revisions: dict[int, int] | None = None  # None: no rows posted
    answers_new: list[Answer] = field(default_factory=list)
    answers_changed: list[Answer] = field(default_factory=list)
    rows_new: list[tuple[RowInput, NextStep]] = field(default_factory=list)
    rows_changed: list[tuple[RowInput, NextStep]] = field(default_factory=list)
    rows_deleted: list[int] = field(default_factory=list)
    # Rows removed to settle a conflict, each with its reason (``_change_reason``).
    rows_removed: list[NextStep] = field(default_factory=list)
    # Conflicts settled without changing the answer or row: a history record each, with
    # the reason.
    answers_recorded: list[tuple[Answer, str]] = field(default_factory=list)
    rows_recorded: list[tuple[NextStep, str]] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(
            self.answers_new
            or self.answers_changed
            or self.rows_new
            or self.rows_changed
            or self.rows_deleted
            or self.rows_removed
        )

    @property
    def writes(self) -> bool:
        return self.changes or bool(self.answers_recorded or self.rows_recorded)


def plan_rows(*, report: Report, user, rows: list[RowInput], plan: SavePlan) -> None:
    """The report's own next steps (question 41), under the same rule as answers."""
    stored = {s.pk: s for s in NextStep.objects.filter(report=report)}
    plan.row_revisions = {pk: s.revision for pk, s in stored.items()}
    by_key = {s.client_key: s for s in stored.values() if s.client_key}
    orders = itertools.count(max((s.order for s in stored.values()), default=0) + 1)
    conflicted: dict[str, tuple[NextStep, RowInput]] = {}
    for row in rows:
        if row.key in by_key and row.id not in stored:
            # Made by an earlier attempt whose answer was lost: that row, as it made it.
            row = dataclasses.replace(row, id=by_key[row.key].pk, revision=1)
        current = stored.get(row.id) if row.id else None
        if row.id and current is None:
            _plan_removed(plan=plan, row=row, orders=orders)
        elif current is None:
            if not row.delete:
                plan.rows_new.append((row, _new_step(report, row, next(orders))))
        elif row.resolution:
            if not _plan_row_resolution(plan=plan, row=row, current=current):
                conflicted[row.prefix] = (current, row)
        elif not _plan_row_change(plan=plan, row=row, current=current):
            conflicted[row.prefix] = (current, row)
    if conflicted:
        _row_conflicts(user=user, conflicted=conflicted, result=plan.result)


def _plan_removed(*, plan: SavePlan, row: RowInput, orders: Iterator[int]) -> None:
    """A row removed by someone else meanwhile. Untouched: let it go. Changed: keep the
    person's text as a new row and tell them."""
    if row.delete or row.digest == row.original:
        plan.result.rows[row.prefix] = RowState(None, 0, "", deleted=True)
        return
    plan.rows_new.append((row, _new_step(plan.report, row, next(orders))))
    plan.result.row_conflicts[row.prefix] = Conflict(
        revision=0, digest="", theirs="", at=None, by="", removed=True
    )


def _plan_row_change(*, plan: SavePlan, row: RowInput, current: NextStep) -> bool:
    """A row as posted, under the conflict rule; False when it is a conflict."""
    current_digest = next_step_digest(current)
    result = plan.result
    if row.delete:
        if row.revision != current.revision and current_digest != row.original:
            return False
        plan.rows_deleted.append(current.pk)
        result.rows[row.prefix] = RowState(None, 0, "", deleted=True)
    elif row.digest == current_digest:
        result.rows[row.prefix] = RowState(current.pk, current.revision, current_digest)
    elif row.revision == current.revision:
        _change_step(plan=plan, row=row, current=current)
    elif row.digest == row.original:
        result.rows[row.prefix] = RowState(
            current.pk, current.revision, current_digest, refresh=True, step=current
        )
    else:
        return False
    return True


def _plan_row_resolution(*, plan: SavePlan, row: RowInput, current: NextStep) -> bool:
    """A conflict on a row settled (``reports.resolution``), under the same rule as an
    answer's: the choice was made from the colleague's revision, so a third person saving
    since makes it a conflict again (False). Taking theirs, or a row equal to theirs,
    writes no row: the history records the choice. Keeping one's own removal removes it."""
    current_digest = next_step_digest(current)
    reason = resolution_reason(row.resolution)
    fresh = row.revision == current.revision
    same = not row.delete and row.digest == current_digest
    if row.resolution == Resolution.THEIRS or same:
        if not fresh and not same:
            return False
        if fresh:
            plan.rows_recorded.append((current, reason))
        plan.result.rows[row.prefix] = RowState(
            current.pk, current.revision, current_digest, refresh=True, step=current
        )
        return True
    if not fresh:
        return False
    if row.delete:
        current._change_reason = reason  # simple-history: the removal's reason
        plan.rows_removed.append(current)
        plan.result.rows[row.prefix] = RowState(None, 0, "", deleted=True)
    else:
        _change_step(plan=plan, row=row, current=current, reason=reason)
    return True


def _change_step(*, plan: SavePlan, row: RowInput, current: NextStep, reason: str = "") -> None:
    current.title, current.targets, current.evidence = row.title, row.targets, row.evidence
    current.work_areas = list(row.work_areas)
    current.revision += 1
    if reason:
        current._change_reason = reason  # simple-history: this record's reason
    plan.rows_changed.append((row, current))


def _row_conflicts(
    *, user, conflicted: dict[str, tuple[NextStep, RowInput]], result: SectionSaveResult
) -> None:
    # NextStep keeps no "updated by": its history does. One query, conflicts only.
    latest: dict[int, Any] = {}
    for record in (
        NextStep.history.filter(id__in=[s.pk for s, _row in conflicted.values()])
        .select_related("history_user")
        .order_by("history_date")
    ):
        latest[record.id] = record
    for prefix, (step, row) in conflicted.items():
        record = latest.get(step.pk)
        who = record.history_user if record else None
        result.row_conflicts[prefix] = Conflict(
            revision=step.revision,
            digest=next_step_digest(step),
            theirs=row_text(step),
            at=record.history_date if record else None,
            by=person_name(who),
            by_you=who is not None and who.pk == user.pk,
            yours="" if row.delete else row_text(row),
            row=RowFields.of(step),
            removing=row.delete,
        )


def write_rows(*, report: Report, plan: SavePlan, history: dict[str, Any]) -> None:
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
    for step in plan.rows_removed:
        # One by one, rare: the instance carries the reason its history record keeps.
        step.delete()


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
