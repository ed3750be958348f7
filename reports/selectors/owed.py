"""Who owes what: a report's assignments for its focal point, with who, which agency,
which part, when due, in what state and their last change. Two queries whatever the
number of assignments (the assignments with everything they name, the agencies of their
people); filters and counts are worked out on those rows, so the counts at the top always
describe every assignment of the report, whatever the filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import CharField, DateTimeField, OuterRef, Subquery

from roadmap.models import Agency, Membership

from ..assignment_models import (
    Assignment,
    AssignmentAction,
    AssignmentEvent,
    AssignmentState,
    AssignmentTarget,
)
from ..models import Report

# A part is owed while its contributor has it in hand: assigned, or sent back to them.
OWED_STATES = (AssignmentState.ASSIGNED, AssignmentState.RETURNED)
# What a part's label reads, loaded with the assignment (no query per row).
PART_RELATIONS = ("section", "question__section", "priority__theme", "activity", "indicator")


def part_label(assignment: Assignment) -> str:
    """The part in the active language: "Section title · question text", "Priority 1.2 · text",
    an activity's title, an indicator's name. Reads the target loaded with the row."""
    kind = assignment.target
    if kind == AssignmentTarget.SECTION:
        section = assignment.section
        return f"{section.order}. {section.tr('title')}"
    if kind == AssignmentTarget.QUESTION:
        question = assignment.question
        # Question numbers are computed from the whole layout: the section names the place.
        return f"{question.section.tr('title')} · {question.tr('text')}"
    if kind == AssignmentTarget.PRIORITY:
        priority = assignment.priority
        return f"{priority.theme.number}.{priority.number} {priority.shown_text}"
    if kind == AssignmentTarget.ACTIVITY:
        return assignment.activity.title
    return assignment.indicator.tr("name")


@dataclass(frozen=True)
class OwedRow:
    assignment: Assignment
    agency: Agency | None
    today: dt.date
    last_action: str = ""
    last_at: dt.datetime | None = None

    @property
    def part(self) -> str:
        return part_label(self.assignment)

    @property
    def is_owed(self) -> bool:
        return self.assignment.state in OWED_STATES

    @property
    def days_left(self) -> int | None:
        due = self.assignment.due_on
        return None if due is None else (due - self.today).days

    @property
    def is_overdue(self) -> bool:
        return self.is_owed and self.days_left is not None and self.days_left < 0

    @property
    def days_late(self) -> int:
        return -self.days_left if self.is_overdue else 0  # type: ignore[operator]

    @property
    def last_action_label(self) -> str:
        return str(dict(AssignmentAction.choices).get(self.last_action, ""))


@dataclass
class OwedPage:
    rows: list[OwedRow]
    total: int
    by_state: dict[str, int]
    overdue: int
    agencies: list[Agency] = field(default_factory=list)
    people: list = field(default_factory=list)

    @property
    def state_counts(self) -> list[tuple[str, str, int]]:
        """(state, label, count) in the states' order, for the counts at the top."""
        return [(value, label, self.by_state[value]) for value, label in AssignmentState.choices]


def _rows_query(report: Report):
    last = AssignmentEvent.objects.filter(assignment_id=OuterRef("pk")).order_by("-at", "-pk")
    return (
        Assignment.objects.filter(report=report)
        .select_related("assignee", *PART_RELATIONS)
        .annotate(
            last_action=Subquery(last.values("action")[:1], output_field=CharField()),
            last_at=Subquery(last.values("at")[:1], output_field=DateTimeField()),
        )
        .order_by("due_on", "assignee__username", "pk")
    )


def owed_page(
    *,
    report: Report,
    today: dt.date,
    state: str = "",
    agency_id: int | None = None,
    assignee_id: int | None = None,
    overdue: bool = False,
) -> OwedPage:
    """Every assignment of ``report`` (filtered as asked), the counts of all of them, and
    the agencies and people the filters offer."""
    assignments = list(_rows_query(report))
    memberships = Membership.objects.filter(
        country_id=report.country_id,
        user_id__in={a.assignee_id for a in assignments},
        agency__isnull=False,
    ).select_related("agency")
    agency_of = {m.user_id: m.agency for m in memberships}
    rows = [
        OwedRow(
            assignment=a,
            agency=agency_of.get(a.assignee_id),
            today=today,
            last_action=a.last_action or "",  # type: ignore[attr-defined]
            last_at=a.last_at,  # type: ignore[attr-defined]
        )
        for a in assignments
    ]
    by_state = {value: 0 for value in AssignmentState.values}
    for row in rows:
        by_state[row.assignment.state] += 1
    agencies = sorted(
        {row.agency.pk: row.agency for row in rows if row.agency}.values(),
        key=lambda agency: agency.shown_name.casefold(),
    )
    people = sorted(
        {row.assignment.assignee_id: row.assignment.assignee for row in rows}.values(),
        key=lambda person: (person.get_full_name() or person.username).casefold(),
    )
    page = OwedPage(
        rows=rows,
        total=len(rows),
        by_state=by_state,
        overdue=sum(1 for row in rows if row.is_overdue),
        agencies=agencies,
        people=people,
    )
    page.rows = [
        row
        for row in rows
        if (not state or row.assignment.state == state)
        and (agency_id is None or (row.agency and row.agency.pk == agency_id))
        and (assignee_id is None or row.assignment.assignee_id == assignee_id)
        and (not overdue or row.is_overdue)
    ]
    return page
