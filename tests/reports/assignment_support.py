"""Contributors and assignments for the tests of issue 24's part B: rows written as a
fixture writes them (the assignment services have their own tests)."""

from __future__ import annotations

import datetime as dt

from reports.assignment_models import (
    Assignment,
    AssignmentAction,
    AssignmentEvent,
    AssignmentState,
    AssignmentTarget,
)
from roadmap.models import Agency, Role
from tests.factories import (
    ActivityFactory,
    IndicatorFactory,
    MembershipFactory,
    PriorityFactory,
    ThemeFactory,
    UserFactory,
)


def agency(country, name: str, name_vi: str = "") -> Agency:
    found = Agency.objects.filter(country=country, name=name).first()
    if found:
        return found
    return Agency.objects.create(
        country=country, name=name, translations={"vi": {"name": name_vi}} if name_vi else {}
    )


def contributor(report, agency_name: str = "Ministry of Public Security", **user_kwargs):
    """A person of ``agency_name`` contributing to the report's country."""
    user = UserFactory(**user_kwargs)
    MembershipFactory(
        user=user,
        country=report.country,
        role=Role.CONTRIBUTOR,
        agency=agency(report.country, agency_name),
    )
    return user


def assign(
    report,
    assignee,
    *,
    due_on: dt.date | None = dt.date(2023, 6, 1),
    state: str = AssignmentState.ASSIGNED,
    target: str = AssignmentTarget.ACTIVITY,
    by=None,
    **targets,
) -> Assignment:
    """An assignment of one part (an activity of the report unless another is named)."""
    if not targets:
        if target == AssignmentTarget.ACTIVITY:
            targets = {"activity": ActivityFactory(report=report)}
        elif target == AssignmentTarget.INDICATOR:
            targets = {"indicator": IndicatorFactory(country=report.country)}
        elif target == AssignmentTarget.PRIORITY:
            targets = {"priority": PriorityFactory(theme=ThemeFactory(roadmap=report.roadmap))}
    else:
        target = next(iter(targets))
    assignment = Assignment.objects.create(
        report=report,
        target=target,
        assignee=assignee,
        due_on=due_on,
        state=state,
        created_by=by,
        **targets,
    )
    AssignmentEvent.objects.create(
        assignment=assignment, report=report, action=AssignmentAction.ASSIGNED, by=by
    )
    return assignment
