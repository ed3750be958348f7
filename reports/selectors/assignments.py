"""What the assignments page and a contributor's list show (issue 24): the parts of a
report by kind with their labels, who holds each, and a person's own parts.

Queries are fixed whatever the size of the report: the layout (fixed, see
``layout.build_layout``), activities, indicators, assignments with their people, and
the people who may be assigned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ..layout import build_layout
from ..models import (
    Activity,
    Assignment,
    AssignmentState,
    AssignmentTarget,
    Question,
    Report,
)
from .activities import report_indicators


@dataclass
class Part:
    kind: str
    pk: int
    label: str
    assignments: list[Assignment] = field(default_factory=list)

    @property
    def value(self) -> str:
        """The form's value for the part: "question:12"."""
        return f"{self.kind}:{self.pk}"


@dataclass
class PartGroup:
    """A heading of the page and its parts."""

    title: str
    parts: list[Part]


def report_parts(*, report: Report) -> list[PartGroup]:
    """Every part of ``report`` that can be assigned: sections with their questions (by
    the report's own numbers), priorities, activities and indicators."""
    layout = build_layout(report, with_answers=False)
    groups: list[PartGroup] = []
    for section in layout.sections:
        parts = [Part(AssignmentTarget.SECTION, section.section.pk, _("Whole section"))]
        seen: set[int] = set()
        for item in section.items:
            if item.question.pk in seen:
                continue
            seen.add(item.question.pk)
            # One item: its text as the report asks it; asked per priority or next step:
            # the question without what each item fills in.
            text = _plain(item.text)
            if item.priority is not None or item.next_step is not None:
                text = _plain(item.question.tr("text")) + " " + _("(every item)")
            parts.append(
                Part(AssignmentTarget.QUESTION, item.question.pk, f"{item.number}. {text}")
            )
        groups.append(PartGroup(section.title, parts))
    priorities = {item.priority.pk: item.priority for item in layout.items() if item.priority}
    if priorities:
        groups.append(
            PartGroup(
                _("Priorities (every question asked per priority)"),
                [Part(AssignmentTarget.PRIORITY, p.pk, p.label[:160]) for p in priorities.values()],
            )
        )
    activities = Activity.objects.filter(report=report).only("pk", "title").order_by("starts_on")
    if activities:
        groups.append(
            PartGroup(
                _("Activities"),
                [Part(AssignmentTarget.ACTIVITY, a.pk, a.title) for a in activities],
            )
        )
    indicators = report_indicators(report=report)
    if indicators:
        groups.append(
            PartGroup(
                _("Indicators"),
                [Part(AssignmentTarget.INDICATOR, i.pk, i.shown_name) for i in indicators],
            )
        )
    return groups


def report_assignments(*, report: Report) -> QuerySet[Assignment]:
    return Assignment.objects.filter(report=report).select_related("assignee").order_by("pk")


def parts_with_assignments(*, report: Report) -> list[PartGroup]:
    """``report_parts`` with each part's assignments attached (one query more)."""
    groups = report_parts(report=report)
    by_part: dict[tuple[str, int], list[Assignment]] = {}
    for assignment in report_assignments(report=report):
        by_part.setdefault((assignment.target, assignment.target_id), []).append(assignment)
    for group in groups:
        for part in group.parts:
            part.assignments = by_part.get((part.kind, part.pk), [])
    return groups


def part_labels(*, groups: list[PartGroup]) -> dict[tuple[str, int], str]:
    return {(p.kind, p.pk): p.label for g in groups for p in g.parts}


def person_assignments(*, user, report: Report | None = None) -> QuerySet[Assignment]:
    """A person's own parts (all reports, or one), soonest due first."""
    rows = Assignment.objects.filter(assignee=user).select_related(
        "report__country",
        "report__cycle",
        "question",
        "section",
        "priority",
        "activity",
        "indicator",
    )
    if report is not None:
        rows = rows.filter(report=report)
    return rows.order_by("due_on", "pk")


@dataclass
class OwnPart:
    """One of a person's parts as their list shows it: what, where to write it, when."""

    assignment: Assignment
    label: str
    url: str

    @property
    def can_mark_ready(self) -> bool:
        return (
            self.assignment.state
            in (
                AssignmentState.ASSIGNED,
                AssignmentState.RETURNED,
            )
            and self.assignment.report.is_editable_state
        )


def _plain(text: str) -> str:
    """A question's text without its placeholders ({priority}, #{n}...), shortened."""
    text = re.sub(r"#?\{\w+\}", "…", text).strip()
    return text if len(text) <= 120 else text[:119] + "…"


def own_parts(*, user) -> list[OwnPart]:
    """The person's parts in every report, soonest due first, each with the page where
    it is written. Queries: the assignments (with what they name), and one for the
    sections that ask per priority (only if a priority is assigned)."""
    rows = list(person_assignments(user=user).select_related("question__section"))
    per_priority: dict[int, int] = {}
    cycles = {a.report.cycle_id for a in rows if a.target == AssignmentTarget.PRIORITY}
    if cycles:
        for cycle_id, order in (
            Question.objects.filter(
                section__questionnaire__cycle_id__in=cycles, kind__in=Question.PER_PRIORITY_KINDS
            )
            .order_by("-section__order")
            .values_list("section__questionnaire__cycle_id", "section__order")
        ):
            per_priority[cycle_id] = order  # the lowest order wins (read last)
    parts = []
    for a in rows:
        pk = a.report_id
        if a.target == AssignmentTarget.QUESTION:
            label = _("Question: %(text)s") % {"text": _plain(a.question.tr("text"))}
            url = reverse("reports:section", args=[pk, a.question.section.order])
        elif a.target == AssignmentTarget.SECTION:
            label = _("Section: %(title)s") % {"title": _plain(a.section.tr("title"))}
            url = reverse("reports:section", args=[pk, a.section.order])
        elif a.target == AssignmentTarget.PRIORITY:
            label = _("Priority: %(text)s") % {"text": _plain(a.priority.label)}
            url = reverse("reports:section", args=[pk, per_priority.get(a.report.cycle_id, 1)])
        elif a.target == AssignmentTarget.ACTIVITY:
            label = _("Activity: %(title)s") % {"title": a.activity.title}
            url = reverse("reports:activity_edit", args=[pk, a.activity_id])
        else:
            label = _("Indicator: %(name)s") % {"name": a.indicator.shown_name}
            url = reverse("reports:indicators", args=[pk])
        parts.append(OwnPart(a, label, url))
    return parts
