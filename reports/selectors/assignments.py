"""What the assignments page and a contributor's list show (issue 24): the parts of a
report by kind with their labels, who holds each, and a person's own parts.

Queries are fixed whatever the size of the report: the layout (fixed, see
``layout.build_layout``), activities, indicators, assignments with their people, and
the people who may be assigned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ..layout import build_layout
from ..models import Activity, Assignment, AssignmentTarget, Report
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
            text = item.question.tr("text")
            if item.priority is not None or item.next_step is not None:
                text += " " + _("(every item)")
            parts.append(
                Part(AssignmentTarget.QUESTION, item.question.pk, f"{item.number}. {text[:140]}")
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
