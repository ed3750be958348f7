"""Only what a person may read: a reviewer covering Nepal never gets a Viet Nam hit, a
draft's text only to its country's staff, a comment only to the report's reviewers."""

import pytest

from reports.models import ReportState
from roadmap.models import Role
from tests.factories import CountryFactory, member, report_with_form, secretariat_of
from tests.reports.review_support import put_in_state

from .support import answer, comment, found

pytestmark = pytest.mark.django_db

TEXT = "Birth registration reached every province."


@pytest.fixture
def viet_nam(report, alice):
    answer(report, alice, TEXT)
    return report


@pytest.fixture
def nepal_reviewer(viet_nam):
    nepal = report_with_form(
        priorities=4, country=CountryFactory(code="NP", name="Nepal"), cycle=viet_nam.cycle
    )
    nepal_staff = member(nepal, Role.REPORTER, username="nabin")
    answer(nepal, nepal_staff, "Birth registration in Nepal.")
    put_in_state(nepal, ReportState.SUBMITTED)
    return member(nepal, Role.REVIEWER, username="nepal-reviewer")


@pytest.mark.parametrize("state", [ReportState.SUBMITTED, ReportState.ACCEPTED])
def test_reviewer_covering_nepal_never_gets_a_viet_nam_hit(viet_nam, nepal_reviewer, state):
    put_in_state(viet_nam, state)

    hits = found(nepal_reviewer, "birth registration")
    assert [h.country_name for h in hits] == ["Nepal"]
    assert not found(nepal_reviewer, "birth registration", country=viet_nam.country_id)


def test_a_draft_is_found_only_by_its_own_countrys_staff(
    viet_nam, alice, bob, focal, reviewer, charlie
):
    assert found(alice, "birth registration")
    assert found(bob, "birth registration")
    assert found(focal, "birth registration")
    assert not found(reviewer, "birth registration")  # never handed in
    assert not found(secretariat_of(viet_nam.cycle.framework), "birth registration")
    assert not found(charlie, "birth registration")


def test_a_handed_in_report_is_found_by_its_reviewer_and_the_secretariat(
    viet_nam, reviewer, other_reviewer, charlie
):
    put_in_state(viet_nam, ReportState.SUBMITTED)

    assert found(reviewer, "birth registration")
    assert found(secretariat_of(viet_nam.cycle.framework, username="sec"), "birth registration")
    assert not found(other_reviewer, "birth registration")
    assert not found(charlie, "birth registration")


def test_a_returned_report_stays_readable_by_its_reviewer(viet_nam, reviewer):
    put_in_state(viet_nam, ReportState.SUBMITTED)
    put_in_state(viet_nam, ReportState.RETURNED)
    viet_nam.refresh_from_db()

    assert viet_nam.submitted_at is not None
    assert found(reviewer, "birth registration")


def test_a_comment_is_found_only_by_reviewers_of_that_report(
    viet_nam, alice, reviewer, other_reviewer, charlie, admin_user
):
    put_in_state(viet_nam, ReportState.SUBMITTED)
    comment(viet_nam, reviewer, "Please give the rate for ethnic minorities.")
    secretariat = secretariat_of(viet_nam.cycle.framework, username="sec")

    assert found(reviewer, "ethnic minorities")
    assert found(secretariat, "ethnic minorities")
    assert found(admin_user, "ethnic minorities")
    assert not found(alice, "ethnic minorities")  # the country reads it on its pages
    assert not found(other_reviewer, "ethnic minorities")
    assert not found(charlie, "ethnic minorities")


def test_someone_with_no_role_finds_nothing(viet_nam, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    put_in_state(viet_nam, ReportState.ACCEPTED)

    assert not found(nobody, "birth registration")
