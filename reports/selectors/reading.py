"""The reading view: a report's layout with, per item, its chosen values marked, whether
it was asked, and its review threads."""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap.models import WorkArea

from ..layout import Item, ReportLayout, SectionLayout
from ..models import CommentThread, NextStep
from ..quality import is_shown, plain_values


@dataclass
class ReadingItem:
    """An item as the reading view shows it: its answer, the choices with the chosen
    ones marked, and its threads."""

    item: Item
    threads: list[CommentThread]
    choices: list[tuple[str, bool]]  # (label, chosen)
    other_text: str  # the text typed with a choice ("Other: ...")
    # For the next-steps question: each of the report's next steps with its work areas.
    next_steps: list[tuple[NextStep, str]] = field(default_factory=list)
    # False for a conditional question whose condition does not hold: it was not asked.
    asked: bool = True

    @property
    def unresolved(self) -> int:
        return sum(1 for t in self.threads if t.resolved_at is None)


@dataclass
class ReadingSection:
    layout: SectionLayout
    items: list[ReadingItem]

    @property
    def unresolved(self) -> int:
        return sum(i.unresolved for i in self.items)


def reading_sections(
    *, layout: ReportLayout, threads: dict[str, list[CommentThread]]
) -> list[ReadingSection]:
    """The layout with what the reading view needs per item; no queries (choices come
    prefetched with the layout)."""
    values = plain_values(layout)
    sections = []
    for section in layout.sections:
        items = []
        for item in section.items:
            choices: list[tuple[str, bool]] = []
            other_text = ""
            if item.question.has_choices:
                value = item.answer.value if item.answer is not None else None
                chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
                choices = [(c.shown_label, c.value in chosen) for c in item.question.choices.all()]
                other_text = item.answer.text if item.answer is not None else ""
            areas = dict(WorkArea.choices)
            next_steps = [
                (ns, ", ".join(str(areas.get(a, a)) for a in ns.work_areas))
                for ns in item.rows or []
            ]
            items.append(
                ReadingItem(
                    item=item,
                    threads=threads.get(item.key, []),
                    choices=choices,
                    other_text=other_text,
                    next_steps=next_steps,
                    asked=is_shown(item, values),
                )
            )
        sections.append(ReadingSection(layout=section, items=items))
    return sections
