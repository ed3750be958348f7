"""What an import would change, item by item: the file's answer beside the current one.

Reads only (the layout with its answers): the preview page shows this, and the import
service recomputes it under the report's lock before saving anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString

from roadmap.models import WorkArea

from ..answer_states import answer_digest, next_step_digest, stored_digest
from ..digest import digest
from ..layout import Item, ReportLayout
from ..models import NextStep, QuestionKind
from ..snapshot import answer_display
from ..textdiff import word_diff
from .text import compact, normal_answer

SAME, NEW, CHANGED, ABSENT = "same", "new", "changed", "absent"
# How much of each text the preview page shows (and compares word by word): enough to
# recognise an answer; the page stays small whatever the file. The whole text is imported.
PREVIEW_CHARS = 3_000


@dataclass
class RowChange:
    """One next step of the file: a new one, or an update of the step with that title."""

    row: dict[str, Any]
    step: NextStep | None = None


@dataclass
class PreviewRow:
    item: Item
    proposal: dict[str, Any] | None
    status: str
    current: str
    imported: str = ""
    # What the page was shown with, for the conflict rule: the stored answer's
    # revision and digest (for the next steps, a digest of all of them).
    revision: int = 0
    digest: str = ""
    row_changes: list[RowChange] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def current_shown(self) -> str:
        return self.current[:PREVIEW_CHARS]

    @property
    def imported_shown(self) -> str:
        return self.imported[:PREVIEW_CHARS]

    @property
    def shown_cut(self) -> bool:
        """Whether the page shows only the beginning of either text."""
        return max(len(self.current), len(self.imported)) > PREVIEW_CHARS

    @property
    def diff(self) -> SafeString:
        return word_diff(self.current_shown, self.imported_shown)

    @property
    def accept_by_default(self) -> bool:
        """Only what fills a blank: nothing typed in the portal is replaced unless chosen,
        nor an answer the import would have to cut."""
        return self.status == NEW and "cut" not in (self.proposal or {}).get("notes", [])


def rows_digest(steps: list[NextStep]) -> str:
    return digest(*[(s.pk, s.revision, next_step_digest(s)) for s in steps])


def _step_text(title: str, targets: str, evidence: str, work_areas: list[str]) -> str:
    """A next step as the preview shows it: its work areas by label, in the reader's
    language, as the entry page and the PDF name them (never the stored code)."""
    labels = dict(WorkArea.choices)
    areas = ", ".join(str(labels.get(area, area)) for area in work_areas)
    return "\n".join([title, targets, evidence, areas])


def _row_text(row: dict[str, Any]) -> str:
    return _step_text(row["title"], row["targets"], row["evidence"], row["work_areas"])


def _steps_text(steps: list[NextStep]) -> str:
    return "\n\n".join(_step_text(s.title, s.targets, s.evidence, s.work_areas) for s in steps)


def row_changes(steps: list[NextStep], rows: list[dict[str, Any]]) -> list[RowChange]:
    """The file's next steps against the report's, matched by title: new steps, and
    steps whose targets, evidence or work areas differ. Steps only in the portal stay."""
    by_title = {compact(s.title): s for s in steps}
    changes = []
    for row in rows:
        step = by_title.pop(compact(row["title"]), None)
        if step is None:
            changes.append(RowChange(row))
            continue
        areas = row["work_areas"] or step.work_areas
        if (
            normal_answer(row["targets"]) != normal_answer(step.targets)
            or normal_answer(row["evidence"]) != normal_answer(step.evidence)
            or sorted(areas) != sorted(step.work_areas)
            or row["title"] != step.title
        ):
            changes.append(RowChange(row, step))
    return changes


def _imported_text(item: Item, proposal: dict[str, Any]) -> str:
    if item.question.kind == QuestionKind.NEXT_STEPS:
        return "\n\n".join(_row_text(r) for r in proposal.get("rows") or [])
    labels = item.question.labels_of(proposal.get("value")) if item.question.has_choices else []
    return "\n".join(filter(None, ["; ".join(labels), proposal.get("text", "")]))


def preview_row(item: Item, proposal: dict[str, Any] | None) -> PreviewRow:
    if item.question.kind == QuestionKind.NEXT_STEPS:
        steps = list(item.rows or [])
        row = PreviewRow(item, proposal, ABSENT, _steps_text(steps), digest=rows_digest(steps))
        if proposal is not None:
            row.row_changes = row_changes(steps, proposal.get("rows") or [])
            row.imported = _imported_text(item, proposal)
            row.status = SAME if not row.row_changes else NEW if not steps else CHANGED
        return row
    answer = item.answer
    row = PreviewRow(
        item,
        proposal,
        ABSENT,
        answer_display(item),
        revision=answer.revision if answer else 0,
        digest=stored_digest(answer),
    )
    if proposal is None:
        return row
    row.imported = _imported_text(item, proposal)
    theirs = answer_digest(normal_answer(proposal.get("text", "")), proposal.get("value"))
    ours = answer_digest(
        normal_answer(answer.text if answer else ""), answer.value if answer else None
    )
    row.status = SAME if theirs == ours else CHANGED if item.is_answered else NEW
    return row


def preview_rows(layout: ReportLayout, proposals: dict[str, dict[str, Any]]) -> list[PreviewRow]:
    return [preview_row(item, proposals.get(item.key)) for item in layout.items()]
