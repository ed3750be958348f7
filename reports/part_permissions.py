"""Contributors and their parts (issue 24): part of ``reports.permissions``, which
re-exports every name here; views, services and templates ask ``reports.permissions``.

A contributor is not country staff: they never "view" a report (no reading view,
exports, PDF, API or OData rows: ``can_view_report`` and ``visible_reports`` leave them
out); they reach the entry pages of the parts the focal point assigned them, and write
only those not yet accepted by the focal point.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap.models import Role

from .models import Assignment, AssignmentState, AssignmentTarget, Report
from .roles import COUNTRY_ROLES, AnyUser, roles_for


def _staff_edits(user: AnyUser, report: Report) -> bool:
    """``permissions.can_edit_report``, asked here without importing it (that module
    re-exports this one)."""
    return roles_for(user).role_in(report.country_id) in COUNTRY_ROLES and report.is_editable_state


@dataclass(frozen=True)
class PartSet:
    """Parts of one report by kind: ids of questions (every item of each), priorities
    (the per-priority items of that priority), sections (their questions), activities
    and indicators."""

    questions: frozenset[int] = frozenset()
    priorities: frozenset[int] = frozenset()
    sections: frozenset[int] = frozenset()
    activities: frozenset[int] = frozenset()
    indicators: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return any(
            (self.questions, self.priorities, self.sections, self.activities, self.indicators)
        )

    def covers_item(self, *, question_id: int, section_id: int, priority_id: int | None) -> bool:
        """An answerable item (a question, or a question for one priority)."""
        return (
            question_id in self.questions
            or section_id in self.sections
            or (priority_id is not None and priority_id in self.priorities)
        )

    def covers_section(self, section_id: int, question_ids: set[int]) -> bool:
        """Some item of the section (whose questions are ``question_ids``): the section
        is in the person's navigation. Per-priority items are asked with the items."""
        return section_id in self.sections or bool(self.questions & question_ids)


@dataclass(frozen=True)
class Parts:
    """What a contributor was assigned in one report (``assigned``: what they see) and
    what they may still write (``writable``: assigned, not accepted by the focal point).
    ``read_only`` is what the focal point accepted and nothing else re-opens."""

    assigned: PartSet = PartSet()
    writable: PartSet = PartSet()

    @property
    def read_only(self) -> PartSet:
        a, w = self.assigned, self.writable
        return PartSet(
            questions=a.questions - w.questions,
            priorities=a.priorities - w.priorities,
            sections=a.sections - w.sections,
            activities=a.activities - w.activities,
            indicators=a.indicators - w.indicators,
        )


def _part_set(rows: list[tuple[str, int]]) -> PartSet:
    by_kind: dict[str, set[int]] = {kind: set() for kind in AssignmentTarget.values}
    for kind, target_id in rows:
        by_kind[kind].add(target_id)
    return PartSet(
        questions=frozenset(by_kind[AssignmentTarget.QUESTION]),
        priorities=frozenset(by_kind[AssignmentTarget.PRIORITY]),
        sections=frozenset(by_kind[AssignmentTarget.SECTION]),
        activities=frozenset(by_kind[AssignmentTarget.ACTIVITY]),
        indicators=frozenset(by_kind[AssignmentTarget.INDICATOR]),
    )


def is_contributor_of(user: AnyUser, report: Report) -> bool:
    return roles_for(user).role_in(report.country_id) == Role.CONTRIBUTOR


def contributor_parts(user: AnyUser, report: Report) -> Parts:
    """The parts of ``report`` assigned to ``user`` as a contributor (empty for anyone
    else: country staff write everything by their role). One query, then cached on the
    user object for the request."""
    if not is_contributor_of(user, report):
        return Parts()
    cache: dict[int, Parts] = user.__dict__.setdefault("_pathfinder_parts", {})
    if report.pk not in cache:
        rows = Assignment.objects.filter(report_id=report.pk, assignee_id=user.pk).values_list(
            "target",
            "question_id",
            "priority_id",
            "section_id",
            "activity_id",
            "indicator_id",
            "state",
        )
        assigned, writable = [], []
        for kind, *ids, state in rows:
            pair = (kind, next(i for i in ids if i is not None))
            assigned.append(pair)
            if state != AssignmentState.ACCEPTED:
                writable.append(pair)
        cache[report.pk] = Parts(assigned=_part_set(assigned), writable=_part_set(writable))
    return cache[report.pk]


def forget_parts(user: AnyUser) -> None:
    """Drop the cached parts (after an assignment changed within the same request)."""
    user.__dict__.pop("_pathfinder_parts", None)


def can_write_in(user: AnyUser, report: Report) -> bool:
    """Writes something in the report now: its staff, or a contributor with a part still
    open. Which parts: ``can_edit_part``."""
    if _staff_edits(user, report):
        return True
    return report.is_editable_state and bool(contributor_parts(user, report).writable)


def can_edit_part(
    user: AnyUser,
    report: Report,
    *,
    question_id: int | None = None,
    section_id: int | None = None,
    priority_id: int | None = None,
    activity_id: int | None = None,
    indicator_id: int | None = None,
) -> bool:
    """One part of the report: an item (question, its section, its priority), an activity
    or an indicator value. Country staff: the editing rule. A contributor: assigned and
    not accepted, while the report is editable."""
    if _staff_edits(user, report):
        return True
    if not report.is_editable_state:
        return False
    writable = contributor_parts(user, report).writable
    if activity_id is not None:
        return activity_id in writable.activities
    if indicator_id is not None:
        return indicator_id in writable.indicators
    if question_id is not None and section_id is not None:
        return writable.covers_item(
            question_id=question_id, section_id=section_id, priority_id=priority_id
        )
    return False


def can_manage_assignments(user: AnyUser, report: Report) -> bool:
    """Assign, reassign, remove, accept and send back parts: the country's focal point
    while the report is the country's (before it goes to the reviewers), or an admin."""
    if roles_for(user).is_admin:
        return True
    focal = roles_for(user).role_in(report.country_id) == Role.FOCAL_POINT
    return focal and report.is_editable_state


def can_invite_contributors(user: AnyUser, country_id: int) -> bool:
    """Invite a person of another agency to contribute: the country's focal point or an
    admin."""
    roles = roles_for(user)
    return roles.is_admin or roles.role_in(country_id) == Role.FOCAL_POINT
