"""A report's questionnaire laid out for display: sections in order, each question
expanded into the numbered items a person answers.

A per-priority question becomes one item per active priority of the report's roadmap
version, a per-next-step question one item per next step carried over from the previous
cycle; numbers run on across the form as the printed form numbers them. Entry pages,
the reading view, the PDF and the exports all use this, so they number alike.

Each item carries what every reader of it needs, worked out once here rather than again
by each: its key, whether it is asked (a conditional question whose condition does not
hold is not), its chosen values and their labels, whether it is answered, and (once
``attach_open_threads`` has run) its open comment threads, summed per section.

Cost: see ``build_layout``; no property of an item or section queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language

from roadmap.models import Priority, Roadmap

from .models import (
    Answer,
    NextStep,
    Question,
    QuestionKind,
    Questionnaire,
    Report,
    ReportingCycle,
    Section,
    is_blank,
)
from .previous_report import carried_next_steps
from .structure import kept_in_process, layout_structure, questionnaire_key, roadmap_key

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]


def roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


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


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


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


def previous_cycle(cycle: ReportingCycle) -> ReportingCycle | None:
    return (
        ReportingCycle.objects.filter(
            framework_id=cycle.framework_id, starts_on__lt=cycle.starts_on
        )
        .order_by("-starts_on")
        .first()
    )


def previous_report_cycle(report: Report) -> ReportingCycle | None:
    """The latest earlier cycle of the framework in which the report's country has a
    report: what its next steps and answers carry over from. A country that skipped a
    cycle still reports on the next steps of its latest report (one query)."""
    return (
        ReportingCycle.objects.filter(
            framework_id=report.cycle.framework_id,
            starts_on__lt=report.cycle.starts_on,
            reports__country_id=report.country_id,
        )
        .order_by("-starts_on")
        .first()
    )


def _placeholders(report: Report) -> dict[str, str]:
    return cycle_placeholders(report.cycle)


def cycle_placeholders(cycle: ReportingCycle) -> dict[str, str]:
    """The values a question's or section's text names: the cycle's months."""
    next_end = cycle.ends_on.replace(year=cycle.ends_on.year + 1)
    return {
        "period_start": date_format(cycle.starts_on, "YEAR_MONTH_FORMAT"),
        "period_end": date_format(cycle.ends_on, "YEAR_MONTH_FORMAT"),
        "next_period_end": date_format(next_end, "YEAR_MONTH_FORMAT"),
    }


def build_layout(report: Report, *, with_answers: bool = True) -> ReportLayout:
    """Lay out ``report`` (which should come with cycle and roadmap selected).

    Queries, whatever the size of the roadmap or form: the questionnaire (unless
    selected with the cycle, as ``with_context`` does), the carried-over next steps
    (one), and the questionnaire's and roadmap's structure when not kept
    (``structure.layout_structure``: four), then with answers two more
    (``attach_answers``): three in all when kept, pinned in the tests at two roadmap
    sizes. Items of a layout built
    ``with_answers=False`` are all taken as asked.

    The laid-out sections are kept in this process (``_kept_sections``) and copied for
    each request: a request marks its items (answers, threads) without touching the
    next one's."""
    carried = carried_next_steps(report)
    by_pk = {step.pk: step for step in carried}
    sections = [
        SectionLayout(
            section=kept.section,
            number=kept.number,
            heading=kept.heading,
            intro=kept.intro,
            items=[_copy_item(item, by_pk) for item in kept.items],
        )
        for kept in _kept_sections(report, carried)
    ]
    result = ReportLayout(report=report, sections=sections, next_steps_carried=carried)
    if with_answers:
        attach_answers(result)
    return result


def _copy_item(item: Item, carried: Mapping[int, NextStep]) -> Item:
    """A request's own copy of a kept item (its cached key too), on this request's next
    step row: what was planned for it may have been reworded since it was laid out."""
    copy = object.__new__(Item)
    copy.__dict__.update(item.__dict__)
    if item.next_step is not None:
        copy.next_step = carried[item.next_step.pk]
    if item.rows is not None:
        copy.rows = []  # the report's own rows (``attach_answers``), never a shared list
    return copy


def _kept_sections(report: Report, carried: list[NextStep]) -> list[SectionLayout]:
    """The report's sections laid out, kept under what they are made of: the
    questionnaire's and roadmap's structure tokens, the cycle and its dates (the texts
    name its months), the language, and the carried next steps (a part per step, titled
    by it). Read only: ``build_layout`` copies them."""
    cycle = report.cycle
    key = ":".join(
        [
            "pf:layout",
            questionnaire_key(cycle.questionnaire),
            roadmap_key(report.roadmap),
            f"c{cycle.pk}:{cycle.starts_on}:{cycle.ends_on}",
            get_language() or "",
            repr([(step.pk, step.title) for step in carried]),
        ]
    )
    return kept_in_process(key, lambda: _lay_out(report, carried))


def _lay_out(report: Report, carried: list[NextStep]) -> list[SectionLayout]:
    sections, priorities = layout_structure(report.cycle.questionnaire, report.roadmap)
    base = _placeholders(report)
    layouts: list[SectionLayout] = []
    number = 0
    for position, section in enumerate(sections, start=1):
        layout = SectionLayout(
            section=section,
            number=roman(position),
            heading=section.tr("title").format_map(_Blank(base)),
            intro=section.tr("intro").format_map(_Blank(base)),
        )
        for question in section.questions.all():
            if question.is_per_priority:
                anchors: list[tuple[Priority | None, NextStep | None]] = [
                    (p, None) for p in priorities
                ]
            elif question.is_per_next_step:
                anchors = [(None, ns) for ns in carried]
            else:
                anchors = [(None, None)]
            # The narrative per next step is one question of the printed form (its
            # question 21) with a part per next step: numbered once, parts 21.1, 21.2...
            shared_number = question.kind == QuestionKind.TEXT_PER_NEXT_STEP
            if shared_number and anchors:
                number += 1
            for index, (priority, next_step) in enumerate(anchors, start=1):
                if not shared_number:
                    number += 1
                values = _Blank(base, n=str(index))
                if priority is not None:
                    values["priority"] = priority.label
                if next_step is not None:
                    values["next_step"] = next_step.title
                item = Item(
                    question=question,
                    number=number,
                    text=question.tr("text").format_map(values),
                    priority=priority,
                    next_step=next_step,
                    sub=index if shared_number else None,
                )
                if question.kind == QuestionKind.NEXT_STEPS:
                    item.rows = []
                _ = item.key  # computed once, kept with the item (and its copies)
                layout.items.append(item)
        layouts.append(layout)
    return layouts


def build_preview(questionnaire: Questionnaire, roadmap: Roadmap) -> ReportLayout:
    """``questionnaire`` laid out as the country of ``roadmap`` would get it, before any
    report exists (the admin's preview). An unsaved report stands in: nothing is written,
    and the layout's queries are ``build_layout``'s without answers."""
    stand_in = Report(country=roadmap.country, cycle=questionnaire.cycle, roadmap=roadmap)
    stand_in.cycle.questionnaire = questionnaire
    return build_layout(stand_in, with_answers=False)


def attach_answers(layout: ReportLayout) -> None:
    """Read the report's answers and own next steps onto the layout's items (two
    queries): for ``build_layout``, and for the autosave, whose counts and progress
    must be those after its save."""
    report = layout.report
    answers = {key_of(a): a for a in Answer.objects.filter(report=report)}
    own_next_steps = list(report.next_steps.order_by("order", "pk"))
    for item in layout.items():
        item.answer = answers.get(item.key)
        if item.question.kind == QuestionKind.NEXT_STEPS:
            item.rows = own_next_steps
    # Conditions read the answer of a question asked once (not per priority or step).
    once = {
        item.question.pk: item.answer.value
        for item in layout.items()
        if item.answer is not None and item.priority is None and item.next_step is None
    }
    for item in layout.items():
        item.asked = _condition_holds(item.question, once)


def _condition_holds(question: Question, values: dict[int, object]) -> bool:
    """A conditional question is only asked when its condition holds."""
    if not question.shown_if_id:
        return True
    value = values.get(question.shown_if_id)
    wanted = question.shown_if_value
    return value == wanted or (isinstance(value, list) and wanted in value)


def attach_open_threads(
    layout: ReportLayout, threads: Mapping[str, Iterable[OpenAnchored]]
) -> None:
    """Count the unresolved ones of ``threads`` (comment threads by item key, as
    ``threads_by_item`` reads them) onto the layout's items and sections. No query. The
    one count of open comments, so the entry navigation and the reading view cannot
    disagree. A thread on an item no longer laid out counts in its question's section."""
    items = layout.item_by_key()
    section_of_question = {
        item.question.pk: section for section in layout.sections for item in section.items
    }
    for item in items.values():
        item.unresolved = 0
    for section in layout.sections:
        section.unresolved_elsewhere = 0
    layout.unresolved_activities = layout.unresolved_figures = 0
    for key, anchored in threads.items():
        for thread in anchored:
            if thread.resolved_at is not None:
                continue
            if thread.activity_id:
                layout.unresolved_activities += 1
            elif thread.indicator_value_id:
                layout.unresolved_figures += 1
            elif key in items:
                items[key].unresolved += 1
            elif (section := section_of_question.get(thread.question_id)) is not None:
                section.unresolved_elsewhere += 1


def item_text(
    question: Question,
    *,
    cycle: ReportingCycle,
    n: int | None = None,
    priority: Priority | None = None,
    next_step: NextStep | None = None,
) -> str:
    """One item's question text as ``build_layout`` words it, for a reader that holds a
    single item (a search hit) rather than the laid-out report: ``n`` is the item's
    position among its question's items (the form's "#{n}")."""
    values = _Blank(cycle_placeholders(cycle))
    if n is not None:
        values["n"] = str(n)
    if priority is not None:
        values["priority"] = priority.label
    if next_step is not None:
        values["next_step"] = next_step.title
    return question.tr("text").format_map(values)
