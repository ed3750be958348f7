"""Assignments of report parts and their hand-in (issue 24): the one write path for the
focal point's pages, the admin and any script.

Every write checks who may make it (``reports.permissions``), writes an
``AssignmentEvent`` in the same transaction, and is idempotent: the same request sent
twice (a double click, a retried POST) finds its work done and writes nothing more.
Edits that could overwrite a colleague's (due date, note, reassigning, removing) carry the
``version`` the person loaded; a newer one is refused (``AssignmentConflict``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.utils.translation import gettext as _

from roadmap.models import Indicator, Membership, Priority, Role

from .. import permissions
from ..models import (
    Activity,
    Assignment,
    AssignmentAction,
    AssignmentEvent,
    AssignmentState,
    AssignmentTarget,
    Question,
    Report,
    Section,
)

# Who may be assigned a part: the country's people who write (not its reviewers).
ASSIGNABLE_ROLES = (Role.REPORTER, Role.FOCAL_POINT, Role.CONTRIBUTOR)


class AssignmentConflict(ValidationError):
    """The assignment changed since the person loaded it."""


def _target_model(kind: str):
    return {
        AssignmentTarget.QUESTION: Question,
        AssignmentTarget.PRIORITY: Priority,
        AssignmentTarget.SECTION: Section,
        AssignmentTarget.ACTIVITY: Activity,
        AssignmentTarget.INDICATOR: Indicator,
    }[kind]


def target_in_report(*, report: Report, kind: str, target_id: int) -> bool:
    """Whether the part belongs to ``report``: its questionnaire's questions and sections,
    its roadmap's priorities, its own activities, its country's indicators."""
    model = _target_model(kind)
    rows = model.objects.filter(pk=target_id)
    if kind == AssignmentTarget.QUESTION:
        rows = rows.filter(section__questionnaire__cycle_id=report.cycle_id)
    elif kind == AssignmentTarget.SECTION:
        rows = rows.filter(questionnaire__cycle_id=report.cycle_id)
    elif kind == AssignmentTarget.PRIORITY:
        rows = rows.filter(roadmap_id=report.roadmap_id)
    elif kind == AssignmentTarget.ACTIVITY:
        rows = rows.filter(report_id=report.pk)
    else:
        rows = rows.filter(country_id=report.country_id)
    return rows.exists()


def assignable_people(*, report: Report):
    """The country's people a part may be assigned to (reporters, focal points,
    contributors), by name, each with their membership of the country and its agency
    (``country_memberships``)."""
    return (
        get_user_model()
        .objects.filter(
            memberships__country_id=report.country_id,
            memberships__role__in=ASSIGNABLE_ROLES,
            is_active=True,
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(country_id=report.country_id).select_related(
                    "agency"
                ),
                to_attr="country_memberships",
            )
        )
        .order_by("last_name", "first_name", "username")
    )


def _event(
    assignment: Assignment, action: str, by, note: str = "", *, report_id: int | None = None
) -> None:
    AssignmentEvent.objects.create(
        assignment=assignment if assignment.pk else None,
        report_id=report_id or assignment.report_id,
        action=action,
        by=by,
        note=note,
        part_label=f"{assignment.get_target_display()} #{assignment.target_id}",
    )


def _manage(user, report: Report) -> None:
    if not permissions.can_manage_assignments(user, report):
        raise PermissionDenied(_("Only the country's focal point assigns parts of its report."))


def assign(
    *,
    report: Report,
    user,
    kind: str,
    target_id: int,
    assignees: Iterable,
    due_on: dt.date | None = None,
    note: str = "",
) -> list[Assignment]:
    """Assign one part to one or more people. A person already assigned the part keeps
    their assignment as it is (sent twice: nothing more happens)."""
    _manage(user, report)
    if kind not in AssignmentTarget.values or not target_in_report(
        report=report, kind=kind, target_id=target_id
    ):
        raise ValidationError(_("This part is not in the report."), code="not_in_report")
    people = list(assignees)
    allowed = set(assignable_people(report=report).values_list("pk", flat=True))
    if not people or any(p.pk not in allowed for p in people):
        raise ValidationError(
            _("Choose people of the country (reporters, focal points, contributors)."),
            code="not_assignable",
        )
    made: list[Assignment] = []
    for person in people:
        try:
            with transaction.atomic():
                assignment, created = Assignment.objects.get_or_create(
                    report=report,
                    target=kind,
                    assignee=person,
                    **{kind: _target_model(kind)(pk=target_id)},
                    defaults={"due_on": due_on, "note": note, "created_by": user},
                )
                if created:
                    _event(assignment, AssignmentAction.ASSIGNED, user, note)
        except IntegrityError:
            # The same request racing itself: the other attempt made the row.
            assignment = Assignment.objects.get(
                report=report, target=kind, assignee=person, **{f"{kind}_id": target_id}
            )
        made.append(assignment)
    return made


def _locked(assignment: Assignment, version: int | None) -> Assignment:
    """The row under lock; refused if it changed since ``version`` was loaded."""
    try:
        current = Assignment.objects.select_for_update().get(pk=assignment.pk)
    except Assignment.DoesNotExist:
        raise AssignmentConflict(
            _("Someone removed this assignment meanwhile."), code="gone"
        ) from None
    if version is not None and current.version != version:
        raise AssignmentConflict(
            _("Someone changed this assignment meanwhile: look at it again and redo your change."),
            code="conflict",
        )
    return current


@transaction.atomic
def assignment_change(
    *, assignment: Assignment, user, version: int, due_on: dt.date | None, note: str
) -> Assignment:
    """Change the due date and note. The same change sent twice changes nothing."""
    _manage(user, assignment.report)
    if (assignment.due_on, assignment.note) == (due_on, note):
        return assignment
    current = _locked(assignment, version)
    current.due_on, current.note = due_on, note
    current.version = F("version") + 1
    current.save(update_fields=["due_on", "note", "version", "updated_at"])
    current.refresh_from_db()
    _event(current, AssignmentAction.DUE_CHANGED, user, note)
    return current


@transaction.atomic
def assignment_reassign(*, assignment: Assignment, user, version: int, assignee) -> Assignment:
    """Give the part to someone else; its hand-in starts again (a new person's work)."""
    _manage(user, assignment.report)
    if assignment.assignee_id == assignee.pk:
        return assignment
    if assignee.pk not in set(
        assignable_people(report=assignment.report).values_list("pk", flat=True)
    ):
        raise ValidationError(
            _("Choose people of the country (reporters, focal points, contributors).")
        )
    current = _locked(assignment, version)
    previous = current.assignee
    current.assignee, current.state, current.state_note = assignee, AssignmentState.ASSIGNED, ""
    current.version = F("version") + 1
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError:
        raise ValidationError(
            _("This person is already assigned this part."), code="already"
        ) from None
    current.refresh_from_db()
    _event(current, AssignmentAction.REASSIGNED, user, _("from %(name)s") % {"name": previous})
    permissions.forget_parts(user)
    return current


@transaction.atomic
def assignment_remove(*, assignment: Assignment, user, version: int | None = None) -> None:
    """Remove the assignment (the events stay, naming the part). Gone already: done."""
    _manage(user, assignment.report)
    try:
        current = _locked(assignment, version)
    except AssignmentConflict as exc:
        if exc.code == "gone":
            return
        raise
    _event(current, AssignmentAction.REMOVED, user)
    current.delete()


def _hand_in(
    assignment: Assignment, *, to: str, allowed_from: tuple[str, ...], action, user, note=""
):
    current = _locked(assignment, None)
    if current.state == to and (to != AssignmentState.RETURNED or current.state_note == note):
        return current  # sent twice
    if current.state not in allowed_from:
        raise ValidationError(
            _("This part is %(state)s: it cannot be changed that way now.")
            % {"state": current.get_state_display().lower()},
            code="state",
        )
    current.state = to
    if to == AssignmentState.RETURNED:
        # Kept through the next "ready": the assignee still reads what was asked.
        current.state_note = note
    current.version = F("version") + 1
    current.save(update_fields=["state", "state_note", "version", "updated_at"])
    current.refresh_from_db()
    _event(current, action, user, note)
    permissions.forget_parts(current.assignee)
    return current


@transaction.atomic
def assignment_mark_ready(*, assignment: Assignment, user) -> Assignment:
    """The assignee hands the part in to the focal point."""
    if assignment.assignee_id != user.pk or not assignment.report.is_editable_state:
        raise PermissionDenied(_("Only the person assigned this part marks it ready."))
    return _hand_in(
        assignment,
        to=AssignmentState.READY,
        allowed_from=(AssignmentState.ASSIGNED, AssignmentState.RETURNED),
        action=AssignmentAction.READY,
        user=user,
    )


@transaction.atomic
def assignment_accept(*, assignment: Assignment, user) -> Assignment:
    """The focal point accepts a part marked ready: read-only to its assignee from now."""
    _manage(user, assignment.report)
    return _hand_in(
        assignment,
        to=AssignmentState.ACCEPTED,
        allowed_from=(AssignmentState.READY,),
        action=AssignmentAction.ACCEPTED,
        user=user,
    )


@transaction.atomic
def assignment_send_back(*, assignment: Assignment, user, note: str) -> Assignment:
    """The focal point sends a part back (ready or accepted) with a note saying why: the
    assignee can write it again."""
    _manage(user, assignment.report)
    if not note.strip():
        raise ValidationError(_("Say what is missing: the note is required."), code="note")
    return _hand_in(
        assignment,
        to=AssignmentState.RETURNED,
        allowed_from=(AssignmentState.READY, AssignmentState.ACCEPTED),
        action=AssignmentAction.SENT_BACK,
        user=user,
        note=note.strip(),
    )
