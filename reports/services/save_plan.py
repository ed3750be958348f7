"""A section save's plan (``services.answers``): what it will write, decided from the
stored revisions it records, and the part of it that concerns the report's own next steps
(question 41), under the same conflict rule as answers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..answer_states import (
    Conflict,
    RowInput,
    RowState,
    SectionSaveResult,
    next_step_digest,
    person_name,
    row_text,
)
from ..layout import Item
from ..models import Answer, NextStep, Report


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
    # Conflicts settled without changing the answer: a history record each, with the reason.
    answers_recorded: list[tuple[Answer, str]] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(
            self.answers_new
            or self.answers_changed
            or self.rows_new
            or self.rows_changed
            or self.rows_deleted
        )

    @property
    def writes(self) -> bool:
        return self.changes or bool(self.answers_recorded)


def plan_rows(*, report: Report, user, rows: list[RowInput], plan: SavePlan) -> None:
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
