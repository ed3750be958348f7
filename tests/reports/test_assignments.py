"""Assignments and their hand-in (issue 24): the services' rules, states, notes, the
audit trail, retries and conflicts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from reports.models import (
    Assignment,
    AssignmentAction,
    AssignmentEvent,
    AssignmentState,
    AssignmentTarget,
    ReportState,
)
from reports.services.assignments import (
    AssignmentConflict,
    assign,
    assignment_accept,
    assignment_change,
    assignment_mark_ready,
    assignment_reassign,
    assignment_remove,
    assignment_send_back,
)
from roadmap.models import Membership, Role
from tests.factories import ActivityFactory, IndicatorFactory, UserFactory

from .assignment_helpers import assign_question, contributor, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol(report):
    return contributor(report, "carol")


@pytest.fixture
def dan(report):
    return contributor(report, "dan", agency="Ministry of Public Security")


def _actions(report):
    return list(
        AssignmentEvent.objects.filter(report=report)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_focal_point_assigns_a_question_to_several_people_once(report, focal, carol, dan):
    due = dt.date(2023, 3, 31)
    made = assign_question(report, focal, [carol, dan], due_on=due, note="Figures of 2022")
    assert {a.assignee for a in made} == {carol, dan}
    assert all(a.due_on == due and a.state == AssignmentState.ASSIGNED for a in made)
    # Sent again (a double click): nothing more.
    assign_question(report, focal, [carol, dan], due_on=due)
    assert Assignment.objects.count() == 2
    assert _actions(report) == [AssignmentAction.ASSIGNED] * 2


@pytest.mark.parametrize("kind", ["section", "priority", "activity", "indicator"])
def test_every_kind_of_part_can_be_assigned(report, focal, carol, kind):
    target = {
        "section": lambda: question(report, "highlights").section,
        "priority": lambda: report.roadmap.priorities.first(),
        "activity": lambda: ActivityFactory(report=report),
        "indicator": lambda: IndicatorFactory(country=report.country),
    }[kind]()
    (made,) = assign(report=report, user=focal, kind=kind, target_id=target.pk, assignees=[carol])
    assert made.target == kind and made.target_id == target.pk


def test_part_of_another_report_is_refused(report, focal, carol):
    from tests.factories import report_with_form

    elsewhere = ActivityFactory(report=report_with_form(priorities=1))
    with pytest.raises(ValidationError):
        assign(
            report=report, user=focal, kind="activity", target_id=elsewhere.pk, assignees=[carol]
        )


def test_only_people_of_the_country_are_assigned(report, focal, charlie):
    with pytest.raises(ValidationError):
        assign_question(report, focal, [charlie])


@pytest.mark.parametrize("who", ["alice", "carol", "reviewer", "charlie"])
def test_only_the_focal_point_assigns(report, who, request, carol):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        assign_question(report, user, [carol])


def test_admin_assigns_too(report, admin_user, carol):
    assert assign_question(report, admin_user, [carol])


def test_no_assignment_once_the_report_is_with_the_reviewers(report, focal, carol):
    report.state = ReportState.SUBMITTED
    report.save()
    with pytest.raises(PermissionDenied):
        assign_question(report, focal, [carol])


def test_database_refuses_a_row_naming_two_targets(report, carol):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            report=report,
            target=AssignmentTarget.QUESTION,
            question=question(report, "highlights"),
            section=question(report, "highlights").section,
            assignee=carol,
        )


def test_contributor_needs_an_agency(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=UserFactory(), country=report.country, role=Role.CONTRIBUTOR)


def test_hand_in_ready_accept_send_back_with_notes_and_events(report, focal, carol):
    (a,) = assign_question(report, focal, [carol])
    with pytest.raises(ValidationError):
        assignment_accept(assignment=a, user=focal)  # not ready yet
    a = assignment_mark_ready(assignment=a, user=carol)
    assert a.state == AssignmentState.READY
    assert assignment_mark_ready(assignment=a, user=carol).version == a.version  # retried
    with pytest.raises(ValidationError):
        assignment_send_back(assignment=a, user=focal, note="  ")  # a note is required
    a = assignment_accept(assignment=a, user=focal)
    assert a.state == AssignmentState.ACCEPTED
    a = assignment_send_back(assignment=a, user=focal, note="Add the provinces.")
    assert (a.state, a.state_note) == (AssignmentState.RETURNED, "Add the provinces.")
    a = assignment_mark_ready(assignment=a, user=carol)
    assert a.state_note == "Add the provinces."  # still readable after handing in again
    assert _actions(report) == [
        AssignmentAction.ASSIGNED,
        AssignmentAction.READY,
        AssignmentAction.ACCEPTED,
        AssignmentAction.SENT_BACK,
        AssignmentAction.READY,
    ]
    assert AssignmentEvent.objects.get(action=AssignmentAction.SENT_BACK).by == focal


def test_only_the_assignee_marks_ready_and_only_the_focal_point_accepts(report, focal, carol, dan):
    (a,) = assign_question(report, focal, [carol])
    with pytest.raises(PermissionDenied):
        assignment_mark_ready(assignment=a, user=dan)
    assignment_mark_ready(assignment=a, user=carol)
    with pytest.raises(PermissionDenied):
        assignment_accept(assignment=a, user=carol)


def test_due_date_change_is_conflict_safe(report, focal, carol):
    (a,) = assign_question(report, focal, [carol])
    loaded = a.version
    assignment_change(assignment=a, user=focal, version=loaded, due_on=dt.date(2023, 4, 1), note="")
    stale = Assignment.objects.get(pk=a.pk)
    stale.due_on = None  # what the other tab still shows
    with pytest.raises(AssignmentConflict):
        assignment_change(
            assignment=stale, user=focal, version=loaded, due_on=dt.date(2023, 5, 1), note="x"
        )
    assert Assignment.objects.get(pk=a.pk).due_on == dt.date(2023, 4, 1)


def test_reassign_and_remove_keep_the_trail(report, focal, carol, dan):
    (a,) = assign_question(report, focal, [carol])
    assignment_mark_ready(assignment=a, user=carol)
    a = assignment_reassign(
        assignment=Assignment.objects.get(pk=a.pk),
        user=focal,
        version=Assignment.objects.get(pk=a.pk).version,
        assignee=dan,
    )
    assert (a.assignee, a.state) == (dan, AssignmentState.ASSIGNED)
    assignment_remove(assignment=a, user=focal, version=a.version)
    assignment_remove(assignment=a, user=focal, version=a.version)  # retried: done already
    assert not Assignment.objects.exists()
    assert _actions(report)[-2:] == [AssignmentAction.REASSIGNED, AssignmentAction.REMOVED]
    assert AssignmentEvent.objects.filter(assignment__isnull=True).count() == 4


def test_admin_removes_an_assignment_through_the_service(client, report, focal, carol, admin_user):
    from django.urls import reverse

    (a,) = assign_question(report, focal, [carol])
    client.force_login(admin_user)
    assert client.get(reverse("admin:reports_assignment_change", args=[a.pk])).status_code == 200
    url = reverse("admin:reports_assignment_delete", args=[a.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Assignment.objects.exists()
    assert _actions(report) == [AssignmentAction.ASSIGNED, AssignmentAction.REMOVED]
