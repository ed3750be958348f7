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
  the choices of ``reports.resolution`` (keep mine, take theirs, a combined text), with
  the revision and digest of the colleague's version. The choice comes back with that
  revision (``AnswerInput.resolution``) and goes through this same rule: a third person
  saving meanwhile makes it a conflict again. The history records how it was settled.
  Items without a conflict in the same request are saved.

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

from collections.abc import Iterable

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
    RowFields,
    RowInput,
    RowState,
    SectionSaveResult,
    answer_digest,
    next_step_digest,
    person_name,
    row_digest,
    stored_digest,
    stored_value,
)
from ..layout import Item, SectionLayout, key_of
from ..models import Answer, NextStep, QuestionKind, Report
from ..resolution import Resolution, resolution_reason
from ..revisions import report_touch
from ..selectors.contributions import writer_agency_id
from ..snapshot import answer_as_text
from .conflicts import record_resolutions
from .save_plan import SavePlan, plan_rows, write_rows

__all__ = [
    "AnswerInput",
    "Conflict",
    "ItemState",
    "RowFields",
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
    Raise PermissionDenied (and change nothing) if ``user`` may not edit the report now,
    or (a contributor) posts an item not assigned to them or accepted by the focal point,
    whatever page the post came from. ``change_reason`` is kept with each change in the
    audit trail (e.g. the Word file an import came from)."""
    if not permissions.can_write_in(user, report):
        raise PermissionDenied(_("This report cannot be edited now."))
    items: dict[str, Item] = {i.key: i for i in layout_section.items}
    arguments = {
        "report": report,
        "user": user,
        "items": items,
        "answers": [a for a in answers if a.key in items],
        "rows": list(rows),
    }
    _check_parts(**arguments)
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


NOT_YOUR_PART = _(
    "You can change only the parts of this report assigned to you that the focal point "
    "has not accepted. Nothing was saved."
)


def _check_parts(
    *, report: Report, user, items: dict[str, Item], answers: list[AnswerInput], rows: list
) -> None:
    """A contributor writes only their open parts: every posted item (and the next-steps
    rows, which belong to the next-steps question) must be one. Country staff: no check."""
    if permissions.can_edit_report(user, report):
        return
    posted = [items[a.key] for a in answers]
    if rows:
        posted += [i for i in items.values() if i.question.kind == QuestionKind.NEXT_STEPS]
        if not posted:
            raise PermissionDenied(NOT_YOUR_PART)
    for item in posted:
        if not permissions.can_edit_part(
            user,
            report,
            question_id=item.question.pk,
            section_id=item.question.section_id,
            priority_id=item.priority.pk if item.priority else None,
        ):
            raise PermissionDenied(NOT_YOUR_PART)


def _unchanged(plan: SavePlan, report: Report) -> SectionSaveResult:
    plan.result.saved_at = timezone.now()
    plan.result.report_revision = report.revision
    return plan.result


def _lock(report: Report, user) -> None:
    """Lock the report's row: writes to one report run one after another. It also
    re-reads the state: a report submitted a second ago is no longer editable."""
    locked = Report.objects.select_for_update().only("state", "country").get(pk=report.pk)
    if not permissions.can_write_in(user, locked):
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
    plan: SavePlan, *, report: Report, user, change_reason: str | None, check: bool = True
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
    # The agency the writer writes for (a contributor's; None: the country team).
    agency_id = writer_agency_id(user=user, country_id=report.country_id)
    for answer in plan.answers_new + plan.answers_changed:
        answer.updated_by, answer.updated_at, answer.agency_id = user, now, agency_id
    history = {"default_user": user, "default_date": now, "default_change_reason": change_reason}
    if plan.answers_new:
        bulk_create_with_history(plan.answers_new, Answer, **history)
    if plan.answers_changed:
        bulk_update_with_history(
            plan.answers_changed,
            Answer,
            ["text", "value", "revision", "updated_by", "updated_at", "agency"],
            **history,
        )
    write_rows(report=report, plan=plan, history=history)
    if plan.answers_recorded or plan.rows_recorded:
        recorded = [*plan.answers_recorded, *plan.rows_recorded]
        record_resolutions(recorded=recorded, user=user, history=history)
    if plan.changes:
        # A conflict settled by taking the colleague's text changes nothing the report
        # shows: its revision (and kept PDF) stays.
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
) -> SavePlan:
    """Read what is stored and decide, item by item, under the rule above."""
    plan = SavePlan(result=SectionSaveResult(), items=items, report=report)
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
        if posted.resolution:
            _plan_resolution(plan=plan, posted=posted, item=item, current=current, user=user)
            continue
        current_rev = current.revision if current else 0
        current_digest = stored_digest(current)
        posted_digest = answer_digest(posted.text, posted.value)
        if posted_digest == current_digest:
            result.items[posted.key] = ItemState(current_rev, current_digest)
        elif posted.revision == current_rev:
            _plan_change(plan=plan, posted=posted, item=item, current=current)
        elif posted_digest == posted.original:
            result.items[posted.key] = ItemState(
                current_rev,
                current_digest,
                refresh=True,
                text=current.text if current else "",
                value=current.value if current else None,
            )
        else:
            result.conflicts[posted.key] = _conflict(item, current, user, posted.text)
    if rows:
        plan_rows(report=report, user=user, rows=rows, plan=plan)
    return plan


def _plan_change(
    *, plan: SavePlan, posted: AnswerInput, item: Item, current: Answer | None, reason: str = ""
) -> None:
    """Write ``posted`` over ``current`` (made from the stored revision)."""
    if current is None:
        current = Answer(
            report=plan.report,
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
    if reason:
        current._change_reason = reason  # simple-history: this record's reason
    plan.result.items[posted.key] = ItemState(
        current.revision, answer_digest(posted.text, posted.value)
    )


def _plan_resolution(
    *, plan: SavePlan, posted: AnswerInput, item: Item, current: Answer | None, user
) -> None:
    """A conflict settled (``reports.resolution``), under the same rule: the choice was made
    from the colleague's revision; if a third person saved since, it is a conflict again
    (the person's text kept in it). Taking theirs, or a text equal to theirs, writes no
    answer: the history records the choice."""
    current_rev = current.revision if current else 0
    current_digest = stored_digest(current)
    posted_digest = answer_digest(posted.text, posted.value)
    reason = resolution_reason(posted.resolution)
    if posted.resolution == Resolution.THEIRS or posted_digest == current_digest:
        if posted.revision != current_rev and posted_digest != current_digest:
            plan.result.conflicts[posted.key] = _conflict(item, current, user, posted.text)
            return
        if current is not None and posted.revision == current_rev:
            plan.answers_recorded.append((current, reason))
        plan.result.items[posted.key] = ItemState(
            current_rev,
            current_digest,
            refresh=True,
            text=current.text if current else "",
            value=current.value if current else None,
        )
    elif posted.revision == current_rev:
        _plan_change(plan=plan, posted=posted, item=item, current=current, reason=reason)
    else:
        plan.result.conflicts[posted.key] = _conflict(item, current, user, posted.text)


def _conflict(item: Item, current: Answer | None, user, yours: str) -> Conflict:
    return Conflict(
        revision=current.revision if current else 0,
        digest=stored_digest(current),
        theirs=answer_as_text(item.question, current) if current else "",
        at=current.updated_at if current else None,
        by=person_name(current.updated_by if current else None),
        by_you=current is not None and current.updated_by_id == user.pk,
        yours=yours,
    )
