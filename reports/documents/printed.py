"""What a report prints: its sections, answers, activities and indicators as the PDF
template reads them (``printed_context``), built from the report's layout."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from roadmap.models import WorkArea

from ..layout import Item, ReportLayout, build_layout
from ..models import (
    Activity,
    IndicatorValue,
    NextStep,
    QuestionKind,
    Report,
    ReportingCycle,
    ReportState,
)
from ..places import activity_places, places_text
from ..reach import Reach
from ..selectors.activities import report_activities
from ..selectors.evidence import evidence_rows
from ..selectors.validation import report_warnings, warnings_by_target
from .annexes import annexes_for
from .contributors import report_contributors
from .text import css_page_counter, css_string, format_number, shorten, text_to_html

# One line of the index at its font size, with room for the leader and page number.
INDEX_LABEL_CHARS = 88


@dataclass
class Mark:
    """One option of a choice question as printed: ☒ chosen, ☐ not."""

    label: str
    chosen: bool
    text: str = ""

    @property
    def box(self) -> str:
        return "☒" if self.chosen else "☐"


@dataclass
class PrintedNextStep:
    title: str
    targets: SafeString
    evidence: SafeString
    work_areas: list[str]


@dataclass
class PrintedItem:
    item: Item
    index_label: str
    answer_html: SafeString = field(default_factory=lambda: mark_safe(""))
    marks: list[Mark] = field(default_factory=list)
    stars: str = ""
    rating_label: str = ""
    next_steps: list[PrintedNextStep] = field(default_factory=list)
    # Why a conditional question was not asked, when it was not.
    not_asked: str = ""
    # A theme sub-heading to print before this item (per-priority answers by theme).
    theme_heading: str = ""
    carried: NextStep | None = None

    @property
    def is_answered(self) -> bool:
        return self.item.is_answered

    @property
    def number_label(self) -> str:
        """ "12." for a question, "21.3" for a part of one."""
        number = self.item.display_number
        return number if self.item.sub else f"{number}."

    @property
    def kind(self) -> str:
        return self.item.question.kind


@dataclass
class PrintedSection:
    number: str
    heading: str
    intro: str
    anchor: str
    items: list[PrintedItem]


@dataclass
class ActivityRow:
    activity: Activity
    dates: str
    provinces: str
    priorities: str
    # The rules' warnings on it, each with the country's explanation (printed beside it).
    warnings: list = field(default_factory=list)


@dataclass
class IndicatorRow:
    name: str
    unit: str
    source: str
    values: list[str]
    breakdown: str
    value_pk: int | None = None  # this report's value, if any
    agency_id: int | None = None  # the agency that wrote this report's value (issue 24)
    warnings: list = field(default_factory=list)


def _work_area_labels(values: list[str]) -> list[str]:
    labels = dict(WorkArea.choices)
    return [str(labels.get(v, v)) for v in values]


def _next_step_block(step: NextStep) -> PrintedNextStep:
    return PrintedNextStep(
        title=step.title,
        targets=text_to_html(step.targets),
        evidence=text_to_html(step.evidence),
        work_areas=_work_area_labels(step.work_areas or []),
    )


def _index_label(item: Item, position: int) -> str:
    """What the index lists for an item: the priority or next step it is about, since
    the question wording around them is the same for every one."""
    kind = item.question.kind
    if item.priority is not None:
        label = _("#%(n)s %(label)s") % {"n": position, "label": item.priority.label}
    elif item.next_step is not None and kind == QuestionKind.STATUS_PER_NEXT_STEP:
        label = _("Status of #%(n)s: %(title)s") % {"n": position, "title": item.next_step.title}
    elif item.next_step is not None:
        label = _("Progress of #%(n)s: %(title)s") % {"n": position, "title": item.next_step.title}
    else:
        label = item.text
    return shorten(label, INDEX_LABEL_CHARS)


def _choices(item: Item) -> list[Mark]:
    chosen = item.values
    marks = []
    for choice in item.question.choices.all():
        is_chosen = choice.value in chosen
        text = item.answer_text if (is_chosen and choice.asks_for_text) else ""
        marks.append(Mark(label=choice.shown_label, chosen=is_chosen, text=text))
    return marks


def _printed_item(item: Item, *, position: int, numbers: dict[int, str]) -> PrintedItem:
    printed = PrintedItem(item=item, index_label=_index_label(item, position))
    question = item.question
    kind = question.kind
    if not item.asked and not item.is_answered:
        condition = next(
            (
                c.shown_label
                for c in question.shown_if.choices.all()
                if c.value == question.shown_if_value
            ),
            question.shown_if_value,
        )
        printed.not_asked = _(
            "Not asked: this question applies only when question %(number)s is answered "
            "“%(choice)s”."
        ) % {"number": numbers.get(question.shown_if_id, "?"), "choice": condition}
    if kind == QuestionKind.NEXT_STEPS:
        printed.next_steps = [_next_step_block(step) for step in item.rows or []]
    elif kind == QuestionKind.RATING:
        marks = _choices(item)
        chosen = next((i for i, m in enumerate(marks, start=1) if m.chosen), 0)
        scale = max(len(marks), 1)
        printed.stars = "★" * chosen + "☆" * (scale - chosen)
        if chosen:
            printed.rating_label = _("%(label)s (%(n)s of %(scale)s)") % {
                "label": marks[chosen - 1].label,
                "n": chosen,
                "scale": scale,
            }
        printed.marks = marks
    elif question.has_choices:
        printed.marks = _choices(item)
        # The "other" text is printed beside its option; any other text below.
        uses_text = any(m.text for m in printed.marks)
        if item.answer is not None and item.answer.text and not uses_text:
            printed.answer_html = text_to_html(item.answer.text)
    elif item.answer is not None:
        printed.answer_html = text_to_html(item.answer.text)
    if kind == QuestionKind.STATUS_PER_NEXT_STEP:
        printed.carried = item.next_step
    return printed


def _sections(layout: ReportLayout) -> list[PrintedSection]:
    numbers = {}
    for item in layout.items():
        numbers.setdefault(item.question.pk, item.display_number)
    positions: dict[int, int] = defaultdict(int)
    sections = []
    for section in layout.sections:
        printed_items = []
        last_theme = None
        for item in section.items:
            positions[item.question.pk] += 1
            printed = _printed_item(item, position=positions[item.question.pk], numbers=numbers)
            if item.priority is not None and item.priority.theme_id != last_theme:
                printed.theme_heading = item.priority.theme.shown_name
                last_theme = item.priority.theme_id
            printed_items.append(printed)
        sections.append(
            PrintedSection(
                number=section.number,
                heading=section.heading,
                intro=section.intro,
                anchor=section.anchor,
                items=printed_items,
            )
        )
    return sections


def _priority_numbers(layout: ReportLayout) -> dict[int, int]:
    """Priority id -> its "#N" in this report's form."""
    numbers: dict[int, int] = {}
    for item in layout.items():
        if item.priority is not None and item.priority.pk not in numbers:
            numbers[item.priority.pk] = len(numbers) + 1
    return numbers


def _date_range(activity: Activity) -> str:
    """ "27 May 2022", "14–22 May 2022", "30 Sep – 2 Oct 2022"."""
    start, end = activity.starts_on, activity.ends_on
    if not end or end == start:
        return date_format(start, "SHORT_DATE_FORMAT")
    if not (translation.get_language() or "en").startswith("en"):
        # The compact English ranges do not translate ("14–22 May"): other languages give
        # both dates in their own short format.
        return (
            f"{date_format(start, 'SHORT_DATE_FORMAT')} – {date_format(end, 'SHORT_DATE_FORMAT')}"
        )
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j M Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j M')} – {date_format(end, 'j M Y')}"
    return f"{date_format(start, 'j M Y')} – {date_format(end, 'j M Y')}"


def activity_rows(report: Report, layout: ReportLayout) -> tuple[list[ActivityRow], Reach]:
    numbers = _priority_numbers(layout)
    activities = report_activities(report=report)
    rows = []
    totals = Reach()
    for activity in activities:
        served = sorted(numbers[p.pk] for p in activity.priorities.all() if p.pk in numbers)
        rows.append(
            ActivityRow(
                activity=activity,
                dates=_date_range(activity),
                provinces=places_text(activity_places(activity)),
                priorities=", ".join(f"#{n}" for n in served),
            )
        )
        totals.add(activity)
    return rows, totals


def _printed_breakdown(value: IndicatorValue) -> str:
    """ "counselling 541 · referred 105", "(partial)" when the parts leave some out, then
    any old text kept as typed."""
    parts = " · ".join(
        f"{part.label.replace('_', ' ')} {format_number(part.amount)}" for part in value.parts.all()
    )
    if parts and value.breakdown_partial:
        parts += " " + _("(partial)")
    return " · ".join(p for p in (parts, value.breakdown_text) if p)


def indicator_table(report: Report) -> tuple[list[ReportingCycle], list[IndicatorRow]]:
    """The country's indicator values in this report's cycle and every earlier one."""
    values = list(
        IndicatorValue.objects.filter(
            report__country_id=report.country_id,
            report__cycle__framework_id=report.cycle.framework_id,
            report__cycle__starts_on__lte=report.cycle.starts_on,
        )
        .select_related("indicator", "report__cycle")
        .prefetch_related("parts")
        .order_by("indicator__order", "indicator__name", "report__cycle__starts_on")
    )
    cycles = sorted({v.report.cycle for v in values}, key=lambda c: c.starts_on)
    by_indicator: dict[int, dict[int, IndicatorValue]] = defaultdict(dict)
    indicators = {}
    for value in values:
        by_indicator[value.indicator_id][value.report.cycle_id] = value
        indicators[value.indicator_id] = value.indicator
    rows = []
    for indicator_id, per_cycle in by_indicator.items():
        indicator = indicators[indicator_id]
        current = per_cycle.get(report.cycle_id)
        breakdown = ""
        if current is not None:
            breakdown = _printed_breakdown(current)
        source = (current.shown_source if current is not None else "") or indicator.shown_source
        rows.append(
            IndicatorRow(
                name=indicator.shown_name,
                unit=indicator.shown_unit,
                source=source,
                values=[
                    format_number(per_cycle[c.pk].value) if c.pk in per_cycle else "–"
                    for c in cycles
                ],
                breakdown=breakdown,
                value_pk=current.pk if current is not None else None,
                agency_id=current.agency_id if current is not None else None,
            )
        )
    return cycles, rows


def _attach_warnings(report: Report, activities: list[ActivityRow], indicators: list[IndicatorRow]):
    """Each row's warnings with their explanations, so a reader sees why a figure that
    looks odd is right (five queries, whatever the report's size)."""
    grouped = warnings_by_target(report_warnings(report=report))
    for row in activities:
        row.warnings = grouped.get(f"activity-{row.activity.pk}", [])
    for row in indicators:
        row.warnings = grouped.get(f"value-{row.value_pk}", []) if row.value_pk else []


def printed_context(report: Report) -> dict:
    layout = build_layout(report)
    activities, totals = activity_rows(report, layout)
    cycles, indicators = indicator_table(report)
    _attach_warnings(report, activities, indicators)
    accepted = report.state == ReportState.ACCEPTED
    header = f"{report.country.shown_name} · {report.cycle.label}"
    return {
        "report": report,
        "layout": layout,
        "sections": _sections(layout),
        "activities": activities,
        "totals": totals,
        "indicator_cycles": cycles,
        "indicators": indicators,
        # Annex C: the evidence files by title (the files themselves are downloaded).
        "evidence": evidence_rows(report=report, layout=layout),
        # Annex D: the agencies that wrote parts of it, and which parts (no person).
        "contributors": report_contributors(report, layout, activities, indicators),
        "annexes": annexes_for(report),
        "is_draft": not accepted,
        "css_header": css_string(header),
        "css_title": css_string(report.cycle.questionnaire.shown_title),
        "css_page": css_page_counter(_("Page %(page)s of %(pages)s")),
        "css_draft": css_string(_("Draft") if not accepted else ""),
        "lang": translation.get_language(),
    }
