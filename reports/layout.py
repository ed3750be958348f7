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

from collections.abc import Iterable, Mapping

from django.utils.formats import date_format
from django.utils.translation import get_language

from roadmap.models import Priority, Roadmap

from .layout_parts import (
    Anchored,
    Completeness,
    Item,
    OpenAnchored,
    ReportLayout,
    SectionLayout,
    answer_is_filled,
    item_key,
    key_of,
)
from .models import (
    Answer,
    NextStep,
    Question,
    QuestionKind,
    Questionnaire,
    Report,
    ReportingCycle,
)
from .previous_report import carried_next_steps
from .structure import kept_in_process, layout_structure, questionnaire_key, roadmap_key

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]


def roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


# What a layout is made of lives in layout_parts; readers import it from here.
__all__ = [
    "Anchored",
    "Completeness",
    "Item",
    "OpenAnchored",
    "ReportLayout",
    "SectionLayout",
    "answer_is_filled",
    "attach_answers",
    "attach_open_threads",
    "build_layout",
    "build_preview",
    "cycle_placeholders",
    "item_key",
    "item_text",
    "key_of",
    "previous_cycle",
    "roman",
]


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def previous_cycle(cycle: ReportingCycle) -> ReportingCycle | None:
    return (
        ReportingCycle.objects.filter(
            framework_id=cycle.framework_id, starts_on__lt=cycle.starts_on
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
