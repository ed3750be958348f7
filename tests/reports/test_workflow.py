"""The state machine: every action against every role and every state, in the service
and through crafted POSTs. Allowed steps succeed and are recorded; all others are
refused and change nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reports import workflow
from reports.models import Report, ReportState, Transition, TransitionAction
from roadmap.models import Role
from tests.factories import CountryFactory, UserFactory, member

from .review_support import fill_required, put_in_state

pytestmark = pytest.mark.django_db

ROLES = [
    "reporter",
    "focal_point",
    "outsider_focal_point",
    "reviewer",
    "outsider_reviewer",
    "admin",
    "anonymous",
]
STATES = [ReportState.DRAFT, ReportState.SUBMITTED, ReportState.RETURNED, ReportState.ACCEPTED]
ACTIONS = ["submit", "return", "accept", "reopen"]

# (action, state) -> the roles allowed; every other combination is refused.
ALLOWED = {
    ("submit", ReportState.DRAFT): {"focal_point"},
    ("submit", ReportState.RETURNED): {"focal_point"},
    ("return", ReportState.SUBMITTED): {"reviewer", "admin"},
    ("accept", ReportState.SUBMITTED): {"reviewer", "admin"},
    ("reopen", ReportState.ACCEPTED): {"reviewer", "admin"},
}
TARGET = {
    "submit": ReportState.SUBMITTED,
    "return": ReportState.RETURNED,
    "accept": ReportState.ACCEPTED,
    "reopen": ReportState.RETURNED,
}
CASES = [(role, state, action) for role in ROLES for state in STATES for action in ACTIONS]


def make_user(kind: str, report: Report):
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "admin":
        return UserFactory(is_staff=True, is_superuser=True)
    if kind.startswith("outsider_"):
        return member(CountryFactory(), kind.removeprefix("outsider_"))
    return member(report, kind)


@pytest.fixture
def complete_report(report):
    """The ``report`` fixture (so alice, fiona and rita belong to it), ready to submit."""
    fill_required(report)
    return report


def _fingerprint(report: Report) -> tuple:
    report.refresh_from_db()
    return (report.state, report.revision, report.submitted_at, report.accepted_at)


@pytest.mark.parametrize(("role", "state", "action"), CASES)
def test_transition_table_in_the_service(complete_report, role, state, action):
    report = put_in_state(complete_report, state)
    user = make_user(role, report)
    allowed = role in ALLOWED.get((action, state), set())
    assert workflow.may(user, report, action) is allowed
    before = _fingerprint(report)

    if allowed:
        record = workflow.report_transition(
            report=report, user=user, action=action, reason="Because."
        )
        assert report.state == TARGET[action]
        assert report.revision == before[1] + 1
        assert (record.by, record.from_state, record.to_state, record.reason) == (
            user,
            state,
            TARGET[action],
            "Because.",
        )
        assert (record.snapshot is not None) is (action == "submit")
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            workflow.report_transition(report=report, user=user, action=action, reason="Because.")
        assert _fingerprint(report) == before
        assert not Transition.objects.filter(report=report).exists()


@pytest.mark.parametrize(("role", "state", "action"), CASES)
def test_transition_table_by_crafted_post(client, complete_report, role, state, action):
    """Whatever the page offered, a POST changes only what the table allows."""
    report = put_in_state(complete_report, state)
    user = make_user(role, report)
    if role != "anonymous":
        client.force_login(user)
    allowed = role in ALLOWED.get((action, state), set())
    before = _fingerprint(report)

    response = client.post(
        reverse("reports:transition", args=[report.pk, action]), {"reason": "Because."}
    )

    if allowed:
        assert response.status_code == 302
        assert report.transitions.get().action == action
        assert _fingerprint(report)[0] == TARGET[action]
        return
    assert _fingerprint(report) == before
    assert not report.transitions.exists()
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role.startswith("outsider_") or (role == "reviewer" and state == ReportState.DRAFT):
        # Cannot read the report at all: 404, never telling it exists.
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        messages = [str(m) for m in response.wsgi_request._messages]
        assert messages
        assert any("cannot be changed" in m or "may not" in m for m in messages)


def test_return_without_a_reason_is_refused_at_the_field(client, complete_report, reviewer):
    report = put_in_state(complete_report, ReportState.SUBMITTED)
    client.force_login(reviewer)

    response = client.post(
        reverse("reports:transition", args=[report.pk, "return"]), {"reason": "   "}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["Please give a reason."]
    assert 'id="error-summary"' in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert not report.transitions.exists()


def test_reopen_without_a_reason_is_refused_by_the_service(complete_report, reviewer):
    report = put_in_state(complete_report, ReportState.ACCEPTED)
    with pytest.raises(ValidationError) as refused:
        workflow.report_transition(report=report, user=reviewer, action="reopen", reason="")
    assert refused.value.error_dict["reason"][0].code == "reason_required"
    assert Report.objects.get(pk=report.pk).state == ReportState.ACCEPTED


def test_incomplete_report_cannot_be_submitted(report, focal):
    with pytest.raises(ValidationError) as refused:
        workflow.report_transition(report=report, user=focal, action="submit")
    assert refused.value.code == "incomplete"
    assert Report.objects.get(pk=report.pk).state == ReportState.DRAFT


def test_a_second_decision_on_the_same_submission_is_refused(complete_report, reviewer):
    """Two reviewers deciding at once: the second sees the new state and is refused."""
    report = put_in_state(complete_report, ReportState.SUBMITTED)
    stale = Report.objects.get(pk=report.pk)
    workflow.report_transition(report=report, user=reviewer, action="accept")

    with pytest.raises(ValidationError) as refused:
        workflow.report_transition(report=stale, user=reviewer, action="return", reason="x")

    assert refused.value.code == "invalid_state"
    assert Report.objects.get(pk=report.pk).state == ReportState.ACCEPTED


def test_whole_cycle_is_recorded_with_who_and_why(complete_report, focal, reviewer):
    report = complete_report
    workflow.report_transition(report=report, user=focal, action="submit")
    workflow.report_transition(report=report, user=reviewer, action="return", reason="Add #2.")
    workflow.report_transition(report=report, user=focal, action="submit")
    workflow.report_transition(report=report, user=reviewer, action="accept")
    workflow.report_transition(report=report, user=reviewer, action="reopen", reason="Typo.")

    rows = list(report.transitions.values_list("action", "from_state", "to_state", "by__username"))
    assert rows == [
        ("submit", "draft", "submitted", "fiona"),
        ("return", "submitted", "returned", "rita"),
        ("submit", "returned", "submitted", "fiona"),
        ("accept", "submitted", "accepted", "rita"),
        ("reopen", "accepted", "returned", "rita"),
    ]
    assert report.transitions.get(action="return").reason == "Add #2."
    report.refresh_from_db()
    assert report.accepted_at is None  # reopened: no longer accepted


def test_submitted_and_accepted_reports_are_read_only_to_the_country(complete_report, focal):
    from reports import permissions

    for state, editable in [
        (ReportState.DRAFT, True),
        (ReportState.SUBMITTED, False),
        (ReportState.RETURNED, True),
        (ReportState.ACCEPTED, False),
    ]:
        report = put_in_state(complete_report, state)
        assert permissions.can_edit_report(focal, report) is editable


def test_unknown_action_is_a_404(client, complete_report, reviewer):
    report = put_in_state(complete_report, ReportState.SUBMITTED)
    client.force_login(reviewer)
    response = client.post(reverse("reports:transition", args=[report.pk, "delete"]))
    assert response.status_code == 404


def test_transition_page_shows_the_form_to_those_allowed(client, complete_report, reviewer):
    report = put_in_state(complete_report, ReportState.SUBMITTED)
    client.force_login(reviewer)
    response = client.get(reverse("reports:transition", args=[report.pk, "return"]))
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()


def test_reviewer_of_a_country_holds_no_power_over_another(complete_report, other_reviewer):
    report = put_in_state(complete_report, ReportState.SUBMITTED)
    assert member(report, Role.REVIEWER) is not None  # the country does have a reviewer
    assert workflow.allowed_actions(other_reviewer, report) == []


def test_the_workflow_speaks_one_vocabulary_of_actions():
    """The model's choices, the rules and their button labels are ``TransitionAction``."""
    assert Transition._meta.get_field("action").choices == TransitionAction.choices
    # Every step taken on a page has a rule; importing a past year is an admin's import
    # (``workflow.report_import_history``), offered by no page.
    assert {*workflow.RULES, TransitionAction.IMPORT_HISTORY} == set(TransitionAction)
    for action, rule in workflow.RULES.items():
        assert rule.action == action and rule.label == action.label


def test_a_recorded_transition_shows_its_action_by_label(report, focal):
    fill_required(report)
    record = workflow.report_transition(report=report, user=focal, action=TransitionAction.SUBMIT)
    assert record.get_action_display() == "Submit"
