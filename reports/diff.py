"""What changed between two submissions of a report, item by item, word by word.

Each submission keeps a snapshot of its answers as plain text, and of its activities,
indicator values and next steps as plain rows (``reports.snapshot``); this compares the
latest with the one before it, answers here and rows in ``reports.diff_rows``. The
word diff tokenises into words, punctuation and runs of white space so that the
marked-up result keeps the answer's spacing and paragraphs, and escapes every token
before it wraps changes in ``<ins>`` and ``<del>``: what a country typed can never
become markup.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .diff_rows import ROW_KINDS, ChangeKind, RowChange, RowNames, compare_rows
from .models import QuestionKind, Report, Transition, TransitionAction

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def _is_bridge(text: str) -> bool:
    return not text.strip() or (len(text) == 1 and not text.isalnum())


def _grouped(a: list[str], b: list[str]) -> list[tuple[str, str, str]]:
    """(op, old text, new text) runs, op "equal" or "change". Changes separated only by
    white space or a lone punctuation mark are merged into one: "<del>from MOLISA</del>
    <ins>took part</ins>" reads better than four alternating fragments."""
    result: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            result.append(("equal", old, new))
            continue
        if len(result) >= 2 and result[-1][0] == "equal" and _is_bridge(result[-1][1]):
            if result[-2][0] == "change":
                _eq, bridge_old, bridge_new = result.pop()
                _ch, prev_old, prev_new = result.pop()
                old, new = prev_old + bridge_old + old, prev_new + bridge_new + new
        elif result and result[-1][0] == "change":
            _ch, prev_old, prev_new = result.pop()
            old, new = prev_old + old, prev_new + new
        result.append(("change", old, new))
    return result


def word_diff(old: str, new: str) -> SafeString:
    """``new`` as HTML with the words removed since ``old`` in ``<del>`` and the words
    added in ``<ins>``. Unchanged text is kept as it is (escaped)."""
    out: list[str] = []
    for op, removed, added in _grouped(tokens(old), tokens(new)):
        if op == "equal":
            out.append(escape(added))
            continue
        if removed:
            out.append(f"<del>{escape(removed)}</del>")
        if added:
            out.append(f"<ins>{escape(added)}</ins>")
    # Safe: every piece above went through escape().
    return mark_safe("".join(out))


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


def marked_diff(theirs: str, yours: str, *, theirs_label: str, yours_label: str) -> SafeString:
    """Two versions of one answer in one text, for a person settling a conflict: the words
    only in ``theirs`` in ``<del>``, those only in ``yours`` in ``<ins>``, each opened by a
    visually hidden label so that a screen reader (and anyone not seeing the colours and
    strokes) hears whose words they are."""
    out: list[str] = []
    for op, only_theirs, only_yours in _grouped(tokens(theirs), tokens(yours)):
        if op == "equal":
            out.append(escape(only_yours))
            continue
        if only_theirs:
            out.append(
                f'<del><span class="visually-hidden">[{escape(theirs_label)} </span>'
                f'{escape(only_theirs)}<span class="visually-hidden">]</span></del>'
            )
        if only_yours:
            out.append(
                f'<ins><span class="visually-hidden">[{escape(yours_label)} </span>'
                f'{escape(only_yours)}<span class="visually-hidden">]</span></ins>'
            )
    # Safe: every piece of text above went through escape().
    return mark_safe("".join(out))


def combined_start(yours: str, theirs: str) -> str:
    """The text a combined version starts from: both versions word by word, what they
    share once, what only one has kept (yours first where both changed the same words),
    so that nothing either person typed is missing before the person edits it."""
    if not theirs.strip():
        return yours
    if not yours.strip():
        return theirs
    out: list[str] = []
    for op, only_theirs, only_yours in _grouped(tokens(theirs), tokens(yours)):
        if op == "equal":
            out.append(only_yours)
        elif only_theirs and only_yours:
            separator = "\n" if "\n" in only_theirs + only_yours else " "
            out.append(only_yours.rstrip() + separator + only_theirs.lstrip())
        else:
            out.append(only_yours or only_theirs)
    return "".join(out)
