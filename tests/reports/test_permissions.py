"""The permission module for every role against own-country and other-country reports."""

import pytest
from django.contrib.auth.models import AnonymousUser

from reports import permissions
from reports.models import Report, ReportState
from roadmap.models import Country, Role
from tests.factories import (
    CountryFactory,
    FrameworkFactory,
    UserFactory,
    member,
    report_with_form,
    secretariat_of,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "reporter",
    "focal_point",
    "reviewer",
    "outsider_focal_point",
    "outsider_reviewer",
    "secretariat",
    "outsider_secretariat",
    "admin",
    "anonymous",
]


def make_user(kind: str, report: Report):
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "admin":
        return UserFactory(is_staff=True)
    if kind == "secretariat":
        return secretariat_of(report.cycle.framework)
    if kind == "outsider_secretariat":
        return secretariat_of(FrameworkFactory(slug="another-framework"))
    if kind.startswith("outsider_"):
        return member(CountryFactory(), kind.removeprefix("outsider_"))
    return member(report, kind)


# (state, ever submitted) -> role -> (view, edit, submit, review, comment)
EXPECTED = {
    (ReportState.DRAFT, False): {
        "reporter": (1, 1, 0, 0, 1),
        "focal_point": (1, 1, 1, 0, 1),
        "reviewer": (0, 0, 0, 1, 0),
        "secretariat": (0, 0, 0, 1, 0),
        "admin": (1, 0, 0, 1, 1),
    },
    (ReportState.SUBMITTED, True): {
        "reporter": (1, 0, 0, 0, 1),
        "focal_point": (1, 0, 0, 0, 1),
        "reviewer": (1, 0, 0, 1, 1),
        "secretariat": (1, 0, 0, 1, 1),
        "admin": (1, 0, 0, 1, 1),
    },
    (ReportState.RETURNED, True): {
        "reporter": (1, 1, 0, 0, 1),
        "focal_point": (1, 1, 1, 0, 1),
        "reviewer": (1, 0, 0, 1, 1),
        "secretariat": (1, 0, 0, 1, 1),
        "admin": (1, 0, 0, 1, 1),
    },
    (ReportState.ACCEPTED, True): {
        "reporter": (1, 0, 0, 0, 1),
        "focal_point": (1, 0, 0, 0, 1),
        "reviewer": (1, 0, 0, 1, 1),
        "secretariat": (1, 0, 0, 1, 1),
        "admin": (1, 0, 0, 1, 1),
    },
}


@pytest.mark.parametrize("state,submitted", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_table(state, submitted, role):
    report = report_with_form(priorities=2, state=state)
    if submitted:
        Report.objects.filter(pk=report.pk).update(submitted_at="2023-06-01T00:00:00Z")
        report.refresh_from_db()
    user = make_user(role, report)
    expected = EXPECTED[(state, submitted)].get(role, (0, 0, 0, 0, 0))
    got = (
        permissions.can_view_report(user, report),
        permissions.can_edit_report(user, report),
        permissions.can_submit_report(user, report),
        permissions.is_reviewer_of(user, report),
        permissions.can_comment(user, report),
    )
    assert got == tuple(bool(x) for x in expected)
    assert (report in permissions.visible_reports(user)) is bool(expected[0])


def test_nobody_sees_another_countrys_draft(report, alice, charlie):
    assert not permissions.can_view_report(charlie, report)
    assert report not in permissions.visible_reports(charlie)


def test_reviewer_sees_a_draft_again_once_it_was_submitted_before(report, reviewer):
    assert not permissions.can_view_report(reviewer, report)
    Report.objects.filter(pk=report.pk).update(submitted_at="2023-06-01T00:00:00Z")
    report.refresh_from_db()
    assert permissions.can_view_report(reviewer, report)


def test_roles_are_read_once_per_user_object(report, alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        permissions.roles_for(alice)
        permissions.roles_for(alice)
        permissions.can_edit_report(alice, report)


def test_person_with_roles_in_two_countries(report):
    user = member(report, Role.REPORTER)
    other = report_with_form(priorities=1)
    from tests.factories import MembershipFactory

    MembershipFactory(user=user, country=other.country, role=Role.REVIEWER)
    roles = permissions.roles_for(user)
    assert roles.is_country_staff and roles.is_reviewer
    assert permissions.can_edit_report(user, report)
    assert not permissions.can_edit_report(user, other)


def test_roles_and_secretariat_are_read_in_one_query(report, django_assert_num_queries):
    user = member(report, Role.REPORTER)
    from tests.factories import FrameworkMembershipFactory

    FrameworkMembershipFactory(user=user, framework=report.cycle.framework)
    with django_assert_num_queries(1):
        roles = permissions.roles_for(user)
    assert roles.is_country_staff and roles.is_secretariat
    assert [c.name for c in roles.countries] == [report.country.name]
    assert roles.secretariat_of == {report.cycle.framework_id}


# role -> (board, board rows of every country, trends of the report's country, synthesis)
MONITORING = {
    "reporter": (0, 0, 1, 0),
    "focal_point": (0, 0, 1, 0),
    "reviewer": (1, 0, 1, 0),
    "outsider_reviewer": (1, 0, 0, 0),
    "secretariat": (1, 1, 1, 1),
    "admin": (1, 1, 1, 1),
}


@pytest.mark.parametrize("role", ROLES)
def test_monitoring_permission_table(role):
    report = report_with_form(priorities=1)
    other = CountryFactory()
    user = make_user(role, report)
    framework_id = report.cycle.framework_id
    expected = MONITORING.get(role, (0, 0, 0, 0))
    rows = Country.objects.filter(permissions.board_countries(user, framework_id))
    got = (
        permissions.can_see_board(user, framework_id),
        other in rows and report.country in rows,
        permissions.can_view_trends(user, country_id=report.country_id, framework_id=framework_id),
        permissions.can_see_synthesis(user, framework_id),
    )
    assert got == tuple(bool(x) for x in expected)
    if role == "reviewer":
        assert list(rows) == [report.country]
