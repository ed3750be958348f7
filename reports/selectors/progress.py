"""A report's progress as its hub shows it (issue 25): sections with their answered
counts, the completeness bar and the checks before submission, without the questions'
texts, choices and answers as models that ``layout.build_layout`` makes for the pages
that show them.

What it returns is a ``ReportLayout`` of the same classes (``Item``, ``SectionLayout``),
so the counts, the numbering and ``quality.report_problems`` are the layout's own code,
not a copy; only the parts are plain records instead of models: a question holds what
the counts and checks read of it, a priority or next step only its id, an answer its
text and value, a next step of the report its title, targets and evidence. Nothing in it
reads a question's text or choices: a page that does must use ``build_layout``.

Queries: the answers and the next steps (the report's own and those carried over from
its latest earlier report, in one): two, against the layout's three. The questionnaire's
and roadmap's outline is kept in this process under their structure tokens (as
``reports.structure`` keeps the structure it is made from), so a kept one costs no query
and no model.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from translations.translatable import SOURCE_LANGUAGE, active_language

from ..layout import (
    Item,
    ReportLayout,
    SectionLayout,
    cycle_placeholders,
    item_key,
    roman,
)
from ..models import (
    Answer,
    Question,
    QuestionKind,
    Report,
    ReportState,
    Transition,
)
from ..structure import layout_structure, questionnaire_key, roadmap_key


@dataclass(frozen=True, slots=True)
class SectionOutline:
    pk: int
    order: int
    # The title in every language, its placeholders ("{period_start}") not yet filled.
    titles: dict[str, str]


@dataclass(frozen=True, slots=True)
class QuestionOutline:
    """What the counts and checks read of a question (``Item.is_answered``, ``quality``)."""

    pk: int
    kind: str
    required: bool
    shown_if_id: int | None
    shown_if_value: object
    section: SectionOutline

    @property
    def is_per_priority(self) -> bool:
        return self.kind in Question.PER_PRIORITY_KINDS

    @property
    def is_per_next_step(self) -> bool:
        return self.kind in Question.PER_NEXT_STEP_KINDS

    @property
    def has_choices(self) -> bool:
        return self.kind in Question.CHOICE_KINDS


@dataclass(frozen=True, slots=True)
class Ref:
    """A priority or next step an item is asked about: its id is all the key needs."""

    pk: int


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    text: str
    value: object


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One of the report's own next steps, as the next-steps check reads it."""

    title: str
    targets: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Outline:
    sections: tuple[tuple[SectionOutline, tuple[QuestionOutline, ...]], ...]
    priorities: tuple[Ref, ...]  # the roadmap's active priorities, in order


# Immutable, so shared by every request of the process; keyed by both structure tokens,
# so an admin's change is a new key and nothing is ever stale.
_outlines: OrderedDict[tuple[str, str], Outline] = OrderedDict()
_lock = threading.Lock()
KEPT = 64


def _outline_of(report: Report) -> Outline:
    questionnaire, roadmap = report.cycle.questionnaire, report.roadmap
    key = (questionnaire_key(questionnaire), roadmap_key(roadmap))
    with _lock:
        if (outline := _outlines.get(key)) is not None:
            _outlines.move_to_end(key)
            return outline
    sections, priorities = layout_structure(questionnaire, roadmap)
    laid_out = []
    for section in sections:
        place = SectionOutline(section.pk, section.order, section.in_every_language("title"))
        questions = tuple(
            QuestionOutline(q.pk, q.kind, q.required, q.shown_if_id, q.shown_if_value, place)
            for q in section.questions.all()
        )
        laid_out.append((place, questions))
    outline = Outline(tuple(laid_out), tuple(Ref(p.pk) for p in priorities))
    with _lock:
        _outlines[key] = outline
        while len(_outlines) > KEPT:
            _outlines.popitem(last=False)
    return outline


def forget_outlines() -> None:
    """Empty this process's outlines (tests that count the queries of a cold page)."""
    with _lock:
        _outlines.clear()


def _next_steps(report: Report) -> tuple[list[Ref], list[StepRecord]]:
    """The next steps carried over from the country's latest earlier report of the
    framework (as ``layout.carried_next_steps`` finds them: none when that report has
    none) and the report's own, in one query: the country's reports up to this one, each
    with its next steps (an outer join, so a report without any still counts as the
    latest). Cheaper to compile than the layout's subquery, and it reads the country's
    earlier next steps, a few rows a cycle."""
    rows = list(
        Report.objects.filter(
            country_id=report.country_id,
            cycle__framework_id=report.cycle.framework_id,
            cycle__starts_on__lte=report.cycle.starts_on,
        )
        .order_by("next_steps__order", "next_steps__pk")
        .values_list(
            "pk",
            "cycle__starts_on",
            "next_steps__pk",
            "next_steps__title",
            "next_steps__targets",
            "next_steps__evidence",
        )
    )
    starts = report.cycle.starts_on
    earlier = {
        (starts_on, report_id)
        for report_id, starts_on, *_step in rows
        if report_id != report.pk and starts_on < starts
    }
    latest = max(earlier)[1] if earlier else None
    carried, own = [], []
    for report_id, _starts_on, pk, title, targets, evidence in rows:
        if pk is None:
            continue
        if report_id == report.pk:
            own.append(StepRecord(title, targets, evidence))
        elif report_id == latest:
            carried.append(Ref(pk))
    return carried, own


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _section_layouts(outline: Outline, report: Report, carried: list[Ref]) -> list[SectionLayout]:
    """The sections and their items, numbered as ``build_layout`` numbers them."""
    language = active_language()
    placeholders = _Blank(cycle_placeholders(report.cycle))
    layouts, number = [], 0
    for position, (section, questions) in enumerate(outline.sections, start=1):
        title = section.titles.get(language) or section.titles[SOURCE_LANGUAGE]
        layout = SectionLayout(
            section=section,  # type: ignore[arg-type]  # read for its order only
            number=roman(position),
            heading=title.format_map(placeholders),
        )
        for question in questions:
            if question.is_per_priority:
                anchors = [(p, None) for p in outline.priorities]
            elif question.is_per_next_step:
                anchors = [(None, s) for s in carried]
            else:
                anchors = [(None, None)]
            shared_number = question.kind == QuestionKind.TEXT_PER_NEXT_STEP
            if shared_number and anchors:
                number += 1
            for index, (priority, next_step) in enumerate(anchors, start=1):
                if not shared_number:
                    number += 1
                layout.items.append(
                    Item(
                        question=question,  # type: ignore[arg-type]
                        number=number,
                        text="",
                        priority=priority,  # type: ignore[arg-type]
                        next_step=next_step,  # type: ignore[arg-type]
                        sub=index if shared_number else None,
                    )
                )
        layouts.append(layout)
    return layouts


def report_progress(*, report: Report) -> ReportLayout:
    """``report`` (with context, as ``report_for`` reads it) laid out for its counts and
    checks: sections, items with their answers, whether each is asked. Two queries."""
    outline = _outline_of(report)
    carried, own = _next_steps(report)
    layout = ReportLayout(
        report=report,
        sections=_section_layouts(outline, report, carried),
        next_steps_carried=carried,  # type: ignore[arg-type]
    )
    answers = {
        item_key(question_id, priority_id, next_step_id): AnswerRecord(text, value)
        for question_id, priority_id, next_step_id, text, value in Answer.objects.filter(
            report=report
        ).values_list("question_id", "priority_id", "next_step_id", "text", "value")
    }
    once: dict[int, object] = {}
    for item in layout.items():
        item.answer = answers.get(item.key)  # type: ignore[assignment]
        if item.question.kind == QuestionKind.NEXT_STEPS:
            item.rows = own  # type: ignore[assignment]
        if item.answer is not None and item.priority is None and item.next_step is None:
            once[item.question.pk] = item.answer.value
    # As ``layout.attach_answers``: a conditional question is asked when its condition,
    # on the answer of a question asked once, holds.
    for item in layout.items():
        wanted, shown_if = item.question.shown_if_value, item.question.shown_if_id
        if shown_if:
            value = once.get(shown_if)
            item.asked = value == wanted or (isinstance(value, list) and wanted in value)
    return layout


def report_steps(*, report: Report) -> list[Transition]:
    """The report's steps through the workflow, in order, with who took them (one query):
    without the answers a submission keeps (``snapshot``), which the hub does not show and
    which grows with the report and with every submission. Ordered within the report:
    the model's ordering starts with the report's own, three joins for one report.

    None, and no query, for a report never handed in (a draft never submitted: the
    project's ``HANDED_IN``): every step takes a report out of draft or follows its
    submission (``reports.workflow``, ``reports.publishing``), and nothing else sets its
    state."""
    if report.state == ReportState.DRAFT and report.submitted_at is None:
        return []
    return list(report.transitions.select_related("by").defer("snapshot").order_by("at", "pk"))
