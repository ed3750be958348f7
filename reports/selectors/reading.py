"""The reading view: a report's layout with, per item, its chosen values marked and its
review threads; whether it was asked and its open threads are the layout's facts. And
the report's activities and indicator values with what the page says beside them (their
warnings, who contributed them, their threads)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext

from roadmap.models import Agency, Area, Priority, WorkArea

from ..layout import Item, ReportLayout, SectionLayout, attach_open_threads
from ..models import Activity, CommentThread, IndicatorValue, NextStep, QuestionKind, Report
from .activities import report_values
from .threads import RowThreads, activity_key, figure_key, threads_of_rows
from .validation import attach_rule_warnings


@dataclass
class ReadingItem:
    """An item as the reading view shows it: its answer, the choices with the chosen
    ones marked, and its threads."""

    item: Item
    threads: list[CommentThread]
    # (label, chosen, the classes of its icon: a box or a circle, filled when chosen)
    choices: list[tuple[str, bool, str]]
    other_text: str  # the text typed with a choice ("Other: ...")
    # For the next-steps question: each of the report's next steps with its work areas.
    next_steps: list[tuple[NextStep, str]] = field(default_factory=list)
    # The agency whose contributor wrote the answer last (None: the country team).
    contributed_by: Agency | None = None
    # The question's guidance as reports/entry/_guidance.html shows it (with show_note),
    # which the page writes itself, read once (issue 25): the note, the example (on the
    # item's first part only) and its summary ("Example for question 3").
    note: str = ""
    example: str = ""
    example_summary: str = ""
    # "Comments on question 3" (the threads column's hidden heading) and "Your comment on
    # question 3" (the new comment's label): translated once per page, not per item.
    comments_heading: str = ""
    comment_label: str = ""
    # ``item.is_answered``, which the page asks up to three times.
    answered: bool = False


@dataclass
class ReadingSection:
    layout: SectionLayout
    items: list[ReadingItem]

    @property
    def unresolved(self) -> int:
        return self.layout.unresolved


def reading_activities(*, report: Report, layout: ReportLayout) -> list[Activity]:
    """The report's activities as the reading view lists them, with their areas and, as
    ``served``, the priorities each serves in the roadmap's order: three queries. The
    priorities are the layout's (kept between requests: reports.structure), so only the
    links are read, not the priorities and their themes again (issue 25); a priority the
    layout lacks (retired since) costs one query more."""
    activities = list(
        report.activities.order_by("starts_on", "pk").prefetch_related(
            Prefetch("areas", queryset=Area.objects.order_by("order", "name"))
        )
    )
    links = list(
        Activity.priorities.through.objects.filter(
            activity_id__in=[a.pk for a in activities]
        ).values_list("activity_id", "priority_id")
    )
    known = {i.priority.pk: i.priority for i in layout.items() if i.priority is not None}
    missing = {pk for _, pk in links} - known.keys()
    if missing:
        known.update(Priority.objects.select_related("theme").in_bulk(missing))
    served: dict[int, list[Priority]] = defaultdict(list)
    for activity_id, priority_id in links:
        served[activity_id].append(known[priority_id])
    for activity in activities:
        activity.served = sorted(
            served[activity.pk], key=lambda p: (p.theme.number, p.order, p.number)
        )
    return activities


def reading_rows(
    *, report: Report, layout: ReportLayout
) -> tuple[list[Activity], list[IndicatorValue], dict[int, Agency]]:
    """The report's activities and indicator values as the reading view shows them: with
    the rules' warnings, who contributed each (issue 24) and, for an activity, its kind
    in words (``get_kind_display`` translates every kind at each call: once here). And
    the country's agencies by id, who contributed the answers too."""
    activities = reading_activities(report=report, layout=layout)
    values = report_values(report=report)
    attach_rule_warnings(report=report, activities=activities, values=values)
    agencies = report_agencies(country_id=report.country_id)
    kinds = {value: str(label) for value, label in Activity.Kind.choices}
    for activity in activities:
        activity.kind_label = kinds.get(activity.kind, activity.kind)
    for row in [*activities, *values]:
        row.contributed_by = agencies.get(row.agency_id)
    return activities, values, agencies


def rows_with_threads(
    *, activities: list[Activity], values: list[IndicatorValue], threads: dict
) -> dict[str, list[RowThreads]]:
    """The activities' and the figures' threads, as the reading view's context says them."""
    return {
        "activity_threads": threads_of_rows(
            rows=activities, threads=threads, key=activity_key, name=_activity_name
        ),
        "figure_threads": threads_of_rows(
            rows=values, threads=threads, key=figure_key, name=_figure_name
        ),
    }


def _activity_name(activity: Activity) -> str:
    return gettext("the activity “%(title)s”") % {"title": activity.title}


def _figure_name(value: IndicatorValue) -> str:
    return gettext("the indicator value “%(name)s”") % {"name": value.indicator.shown_name}


def report_agencies(*, country_id: int) -> dict[int, Agency]:
    """The country's agencies by id (one query): who contributed what, for the reading
    view, without a query per answer, activity or figure."""
    # Unordered: the default order would join the country for its name.
    return Agency.objects.filter(country_id=country_id).order_by().in_bulk()


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
    # The msgids of the template's blocktranslate tags they replace.
    heading = gettext("Comments on question %(number)s")
    label = gettext("Your comment on question %(number)s")
    example = gettext("Example for question %(number)s")
    sections = []
    for section in layout.sections:
        items = []
        for item in section.items:
            number = {"number": item.display_number}
            entry = ReadingItem(
                item=item,
                threads=threads.get(item.key, []),
                choices=[],
                other_text="",
                next_steps=[
                    (ns, ", ".join(str(areas.get(a, a)) for a in ns.work_areas))
                    for ns in item.rows or []
                ],
                contributed_by=(agencies or {}).get(
                    getattr(item.answer, "agency_id", None)  # type: ignore[arg-type]
                ),
                note=item.question.shown_help_text,
                example=_example(item),
                example_summary=example % number,
                comments_heading=heading % number,
                comment_label=label % number,
                answered=item.is_answered,
            )
            if item.question.has_choices:
                entry.choices = _choices(item)
                entry.other_text = item.answer_text
            items.append(entry)
        sections.append(ReadingSection(layout=section, items=items))
    return sections


# The icon of a choice, chosen or not: boxes for a multiple choice, circles for one.
ICONS = {
    (True, True): "bi-check-square-fill text-primary",
    (True, False): "bi-square",
    (False, True): "bi-record-circle-fill text-primary",
    (False, False): "bi-circle",
}


def _choices(item: Item) -> list[tuple[str, bool, str]]:
    chosen = item.values
    boxes = item.question.kind == QuestionKind.MULTIPLE_CHOICE
    return [
        (c.shown_label, c.value in chosen, ICONS[boxes, c.value in chosen])
        for c in item.question.choices.all()
    ]


def _example(item: Item) -> str:
    """The question's example, given on its first part only (21.1, not 21.2), as the
    printed form and reports/entry/_guidance.html give it."""
    return item.question.shown_example if (item.sub or 1) == 1 else ""
