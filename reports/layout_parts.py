"""What a laid-out report is made of (``layout.build_layout`` makes them): its items,
sections and the whole, with what every reader of them needs worked out once (keys,
answered or not, counts). No property here queries. Imported through ``reports.layout``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.functional import cached_property

from roadmap.models import Priority

from .models import Answer, NextStep, Question, QuestionKind, Report, Section, is_blank


def item_key(
    question_id: int, priority_id: int | None = None, next_step_id: int | None = None
) -> str:
    """The stable key of an answerable item: form field name, anchor, export column."""
    if priority_id:
        return f"q{question_id}-p{priority_id}"
    if next_step_id:
        return f"q{question_id}-n{next_step_id}"
    return f"q{question_id}"


class Anchored(Protocol):
    """A row anchored on an item: an answer, a comment thread, a historical answer."""

    question_id: int
    priority_id: int | None
    next_step_id: int | None


class OpenAnchored(Anchored, Protocol):
    resolved_at: object
    activity_id: int | None
    indicator_value_id: int | None


def key_of(row: Anchored) -> str:
    """The item key of a row anchored on an item (see ``item_key``)."""
    return item_key(row.question_id, row.priority_id, row.next_step_id)


@dataclass
class Item:
    question: Question
    number: int
    text: str
    priority: Priority | None = None
    next_step: NextStep | None = None
    answer: Answer | None = None
    # Sub-number within a question numbered once for several next steps ("21.2").
    sub: int | None = None
    # For the repeatable next-steps question: the report's own NextStep rows.
    rows: list[NextStep] | None = None
    # False for a conditional question whose condition does not hold (``attach_answers``).
    asked: bool = True
    # Unresolved comment threads on this item (``attach_open_threads``).
    unresolved: int = 0

    @cached_property
    def key(self) -> str:
        # Read many times a request (answers, threads, form names, anchors); what it is
        # made of is fixed when the layout makes the item.
        return item_key(
            self.question.pk,
            self.priority.pk if self.priority else None,
            self.next_step.pk if self.next_step else None,
        )

    @property
    def anchor(self) -> str:
        return f"item-{self.key}"

    @property
    def display_number(self) -> str:
        return f"{self.number}.{self.sub}" if self.sub else str(self.number)

    @property
    def is_answered(self) -> bool:
        if self.question.kind == QuestionKind.NEXT_STEPS:
            return bool(self.rows)
        return answer_is_filled(self.question, self.answer)

    @property
    def values(self) -> list[str]:
        """The choice value(s) chosen, as stored codes ([] for none, or no choices)."""
        value = self.answer.value if self.answer is not None else None
        if not self.question.has_choices or is_blank(value):
            return []
        return [str(v) for v in (value if isinstance(value, list) else [value])]

    @property
    def labels(self) -> list[str]:
        """The chosen values by their labels in the active language (no query: the
        layout prefetches the choices)."""
        return self.question.labels_of(self.values)

    @property
    def answer_text(self) -> str:
        return self.answer.text if self.answer is not None else ""


@dataclass
class SectionLayout:
    section: Section
    number: str
    heading: str
    intro: str = ""
    items: list[Item] = field(default_factory=list)
    # Unresolved threads on items of this section no longer laid out (a priority since
    # retired): an open question must not vanish from the count.
    unresolved_elsewhere: int = 0

    @property
    def title(self) -> str:
        return f"{self.number}. {self.heading}"

    @property
    def anchor(self) -> str:
        return f"section-{self.section.order}"

    @property
    def required_items(self) -> list[Item]:
        return [i for i in self.items if i.question.required]

    @property
    def answered_count(self) -> int:
        return sum(1 for i in self.items if i.is_answered)

    @property
    def unresolved(self) -> int:
        """Unresolved threads on this section's items, and on items of its questions no
        longer laid out (``attach_open_threads``): what the entry navigation and the
        reading view both show."""
        return sum(i.unresolved for i in self.items) + self.unresolved_elsewhere


@dataclass
class ReportLayout:
    report: Report
    sections: list[SectionLayout]
    next_steps_carried: list[NextStep]
    # Unresolved threads on the report's activities and indicator values
    # (``attach_open_threads``): no section holds them.
    unresolved_activities: int = 0
    unresolved_figures: int = 0

    @property
    def unresolved_rows(self) -> int:
        return self.unresolved_activities + self.unresolved_figures

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items

    def item_by_key(self) -> dict[str, Item]:
        return {item.key: item for item in self.items()}

    def section(self, order: int) -> SectionLayout | None:
        return next((s for s in self.sections if s.section.order == order), None)

    @property
    def required_total(self) -> int:
        return sum(len(s.required_items) for s in self.sections)

    @property
    def required_answered(self) -> int:
        return sum(1 for s in self.sections for i in s.required_items if i.is_answered)

    @property
    def percent_complete(self) -> int:
        return self.completeness.percent

    @property
    def completeness(self) -> Completeness:
        """The three figures of the progress bar in one pass over the items (pages show
        all three: ``{% with done=layout.completeness %}``)."""
        required = [i for s in self.sections for i in s.required_items]
        answered = sum(1 for i in required if i.is_answered)
        total = len(required)
        return Completeness(answered, total, 100 if not total else round(100 * answered / total))


@dataclass(frozen=True)
class Completeness:
    answered: int
    total: int
    percent: int


def answer_is_filled(question: Question, answer: Answer | None) -> bool:
    if answer is None:
        return False
    if question.has_choices:
        return not is_blank(answer.value)
    return bool(answer.text.strip())
