"""The reading view: a report's layout with, per item, its chosen values marked and its
review threads; whether it was asked and its open threads are the layout's facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap.models import Agency, WorkArea

from ..layout import Item, ReportLayout, SectionLayout, attach_open_threads
from ..models import CommentThread, NextStep


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
    # The agency whose contributor wrote the answer last (None: the country team).
    contributed_by: Agency | None = None


@dataclass
class ReadingSection:
    layout: SectionLayout
    items: list[ReadingItem]

    @property
    def unresolved(self) -> int:
        return self.layout.unresolved


def report_agencies(*, country_id: int) -> dict[int, Agency]:
    """The country's agencies by id (one query): who contributed what, for the reading
    view, without a query per answer, activity or figure."""
    return Agency.objects.filter(country_id=country_id).in_bulk()


def reading_sections(
    *,
    layout: ReportLayout,
    threads: dict[str, list[CommentThread]],
    agencies: dict[int, Agency] | None = None,
) -> list[ReadingSection]:
    """The layout with what the reading view needs per item, its open threads counted
    (``attach_open_threads``, as the entry navigation counts them); no queries (choices
    come prefetched with the layout)."""
    attach_open_threads(layout, threads)
    areas = dict(WorkArea.choices)
    sections = []
    for section in layout.sections:
        items = []
        for item in section.items:
            choices: list[tuple[str, bool]] = []
            other_text = ""
            if item.question.has_choices:
                chosen = item.values
                choices = [(c.shown_label, c.value in chosen) for c in item.question.choices.all()]
                other_text = item.answer_text
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
                    contributed_by=(agencies or {}).get(
                        getattr(item.answer, "agency_id", None)  # type: ignore[arg-type]
                    ),
                )
            )
        sections.append(ReadingSection(layout=section, items=items))
    return sections
