"""What changed between two submissions of a report, item by item, word by word.

Each submission keeps a snapshot of its answers as plain text, and of its activities,
indicator values and next steps as plain rows (``reports.snapshot``); this compares the
latest with the one before it, answers here and rows in ``reports.diff_rows``. The
word diff itself is ``reports.textdiff``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString

from .diff_rows import ROW_KINDS, ChangeKind, RowChange, RowNames, compare_rows
from .models import QuestionKind, Report, Transition, TransitionAction
from .textdiff import word_diff


@dataclass
class ItemChange:
    key: str
    number: str
    text: str
    old: str
    new: str
    status: str  # "changed", "unchanged", "added" (new item) or "removed" (item gone)
    kind: str = ChangeKind.ANSWER

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"

    @property
    def html(self) -> SafeString:
        return word_diff(self.old, self.new)


@dataclass(frozen=True)
class ItemLabel:
    """How the changes page names an item today: its number, its wording in the reader's
    language, and its question's kind and code (to count it under its kind)."""

    number: str
    text: str
    kind: str = ""
    code: str = ""


@dataclass
class KindCount:
    kind: str
    label: str
    count: int


@dataclass
class SubmissionDiff:
    latest: Transition
    previous: Transition
    items: list[ItemChange]
    rows: list[RowChange] = field(default_factory=list)
    # False when the earlier submission was kept before rows were (no "activities" in
    # its snapshot): the page says so instead of calling every row new.
    rows_recorded: bool = True

    @property
    def changed(self) -> list[ItemChange]:
        return [i for i in self.items if i.changed]

    @property
    def unchanged(self) -> list[ItemChange]:
        return [i for i in self.items if not i.changed]

    @property
    def counts(self) -> list[KindCount]:
        """Changes per kind, every kind listed (a zero says "looked, nothing changed")."""
        tally = dict.fromkeys(ChangeKind.values, 0)
        for change in self.changed:
            tally[change.kind] += 1
        for row in self.rows:
            tally[row.kind] += 1
        return [KindCount(k, str(ChangeKind(k).label), n) for k, n in tally.items()]

    @property
    def changed_by_kind(self) -> list[tuple[str, str, list[ItemChange]]]:
        """(kind, its name, the changed items) for the item kinds with a change, each
        kind's items in form order."""
        groups = []
        for kind in ChangeKind.values:
            items = [i for i in self.changed if i.kind == kind]
            if items:
                groups.append((kind, str(ChangeKind(kind).label), items))
        return groups

    @property
    def total(self) -> int:
        return len(self.changed) + len(self.rows)

    def rows_of(self, kind: str) -> list[RowChange]:
        return [r for r in self.rows if r.kind == kind]

    @property
    def activities(self) -> list[RowChange]:
        return self.rows_of(ChangeKind.ACTIVITY)

    @property
    def indicators(self) -> list[RowChange]:
        return self.rows_of(ChangeKind.INDICATOR)

    @property
    def next_steps(self) -> list[RowChange]:
        return self.rows_of(ChangeKind.NEXT_STEP)


def item_kind(question_kind: str, code: str) -> str:
    if question_kind in (QuestionKind.STATUS_PER_NEXT_STEP, QuestionKind.TEXT_PER_NEXT_STEP):
        return ChangeKind.NEXT_STEP_STATUS
    if code.startswith("evidence"):
        return ChangeKind.EVIDENCE
    return ChangeKind.ANSWER


def _item_change(key: str, entry: dict, label: ItemLabel | None, old: str, new: str, status: str):
    return ItemChange(
        key=key,
        number=label.number if label else str(entry.get("number", "")),
        # Today's wording in the reader's language; the kept (submitter's) wording only
        # for an item no longer laid out.
        text=label.text if label else entry.get("text", ""),
        old=old,
        new=new,
        status=status,
        kind=item_kind(
            entry.get("kind") or (label.kind if label else ""),
            entry.get("code") or (label.code if label else ""),
        ),
    )


def compare_snapshots(
    old: dict[str, Any],
    new: dict[str, Any],
    labels: dict[str, ItemLabel] | None = None,
    *,
    skip_next_steps_item: bool = False,
) -> list[ItemChange]:
    """Item by item, in the order of ``new`` (then items only ``old`` had). ``labels``
    names the items as laid out today; it falls back to what the snapshot kept.
    ``skip_next_steps_item`` leaves out the next-steps question, whose rows are then
    compared one by one."""
    labels = labels or {}
    old_items: dict[str, dict] = old.get("items", {})
    new_items: dict[str, dict] = new.get("items", {})
    changes: list[ItemChange] = []

    def skipped(key: str, entry: dict) -> bool:
        kind = entry.get("kind") or (labels[key].kind if key in labels else "")
        return skip_next_steps_item and kind == QuestionKind.NEXT_STEPS

    for key, entry in new_items.items():
        if skipped(key, entry):
            continue
        before = old_items.get(key)
        old_answer = before["answer"] if before else ""
        if before is None:
            status = "added"
        elif old_answer.strip() == entry["answer"].strip():
            status = "unchanged"
        else:
            status = "changed"
        changes.append(
            _item_change(key, entry, labels.get(key), old_answer, entry["answer"], status)
        )
    for key, entry in old_items.items():
        if key not in new_items and not skipped(key, entry):
            changes.append(
                _item_change(key, entry, labels.get(key), entry["answer"], "", "removed")
            )
    return changes


def submissions(report: Report) -> list[Transition]:
    """The report's submissions that kept a snapshot, oldest first."""
    return list(
        report.transitions.filter(action=TransitionAction.SUBMIT, snapshot__isnull=False)
        .select_related("by")
        .order_by("at", "pk")
    )


def snapshot_diff(
    previous: Transition,
    latest: Transition,
    labels: dict[str, ItemLabel] | None = None,
    names: RowNames | None = None,
) -> SubmissionDiff:
    old, new = previous.snapshot or {}, latest.snapshot or {}
    recorded = all(key in old and key in new for key in ROW_KINDS)
    rows: list[RowChange] = []
    if recorded:
        for key, kind in ROW_KINDS.items():
            rows += compare_rows(kind, old[key], new[key], names or RowNames())
    return SubmissionDiff(
        latest=latest,
        previous=previous,
        items=compare_snapshots(old, new, labels, skip_next_steps_item=recorded),
        rows=rows,
        rows_recorded=recorded,
    )


def last_resubmission_diff(
    report: Report,
    labels: dict[str, ItemLabel] | None = None,
    names: RowNames | None = None,
) -> SubmissionDiff | None:
    """The latest submission against the one before it; None before a resubmission."""
    kept = submissions(report)
    if len(kept) < 2:
        return None
    return snapshot_diff(kept[-2], kept[-1], labels, names)
