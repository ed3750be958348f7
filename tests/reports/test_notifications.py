"""Emails go out after the transaction commits, to the people concerned, with a link."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from reports import workflow
from reports.layout import build_layout
from reports.models import ReportState
from reports.services import comments
from roadmap.models import Role
from tests.factories import member

from .review_support import fill_required, put_in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(report, alice, focal, reviewer, other_reviewer):
    """alice (reporter), fiona (focal point), rita (reviewer of the country), oscar
    (reviewer of another country)."""
    fill_required(report)
    return report


def recipients() -> list[str]:
    """Who was mailed, besides the confirmations of a submission (see
    test_submission_mails.py)."""
    return sorted(
        address
        for message in mail.outbox
        if not message.subject.startswith("Received:")
        for address in message.to
    )


def test_submission_notifies_the_reviewers_of_the_country(
    people, focal, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://pathfinder.example"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(report=people, user=focal, action="submit")

    assert recipients() == ["rita@example.org"]
    (message,) = [m for m in mail.outbox if m.to == ["rita@example.org"]]
    assert "submitted" in message.subject
    assert f"https://pathfinder.example{reverse('reports:read', args=[people.pk])}" in message.body


def test_return_notifies_focal_points_and_reporters_with_the_reason(
    people, reviewer, django_capture_on_commit_callbacks
):
    put_in_state(people, ReportState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(
            report=people, user=reviewer, action="return", reason="Please expand priority #2."
        )

    assert recipients() == ["alice@example.org", "fiona@example.org"]
    assert all("Please expand priority #2." in m.body for m in mail.outbox)
    assert all("returned" in m.subject for m in mail.outbox)


@pytest.mark.parametrize("action", ["accept", "reopen"])
def test_acceptance_and_reopening_notify_the_country(
    people, reviewer, action, django_capture_on_commit_callbacks
):
    put_in_state(people, ReportState.SUBMITTED if action == "accept" else ReportState.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(report=people, user=reviewer, action=action, reason="Noted.")

    assert recipients() == ["alice@example.org", "fiona@example.org"]
    assert all("Noted." in m.body for m in mail.outbox)


def test_resubmission_links_the_reviewer_to_what_changed(
    people, focal, reviewer, django_capture_on_commit_callbacks
):
    workflow.report_transition(report=people, user=focal, action="submit")
    workflow.report_transition(report=people, user=reviewer, action="return", reason="More.")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(report=people, user=focal, action="submit")

    assert reverse("reports:changes", args=[people.pk]) in mail.outbox[0].body


def test_nothing_is_sent_before_the_transaction_commits(people, focal):
    # The test runs inside a transaction that never commits: the step is taken, no mail.
    workflow.report_transition(report=people, user=focal, action="submit")
    assert people.state == ReportState.SUBMITTED
    assert mail.outbox == []


def test_nothing_is_sent_when_the_transaction_rolls_back(
    people, focal, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.report_transition(report=people, user=focal, action="submit")
        raise RuntimeError("something later in the request failed")

    assert callbacks == []
    assert mail.outbox == []
    people.refresh_from_db()
    assert people.state == ReportState.DRAFT


def test_a_refused_transition_sends_nothing(people, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception):  # noqa: B017
        workflow.report_transition(report=people, user=alice, action="submit")
    assert mail.outbox == []


def _item(report):
    return next(build_layout(report).items())


def test_a_country_comment_notifies_the_reviewers(
    people, alice, django_capture_on_commit_callbacks
):
    put_in_state(people, ReportState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        thread = comments.thread_start(
            report=people, user=alice, item=_item(people), body="We added figures."
        )

    assert recipients() == ["rita@example.org"]
    assert "We added figures." in mail.outbox[0].body
    assert "question 1" in mail.outbox[0].subject
    assert f"#thread-{thread.pk}" in mail.outbox[0].body


def test_a_reviewer_comment_notifies_the_country(
    people, reviewer, alice, django_capture_on_commit_callbacks
):
    put_in_state(people, ReportState.SUBMITTED)
    thread = comments.thread_start(
        report=people, user=alice, item=_item(people), body="Question for you."
    )
    with django_capture_on_commit_callbacks(execute=True):
        comments.comment_add(thread=thread, user=reviewer, body="Answered, thanks.")

    assert recipients() == ["alice@example.org", "fiona@example.org"]
    assert "replied" in mail.outbox[0].body


def test_a_comment_on_a_never_submitted_draft_stays_with_the_country(
    people, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comments.thread_start(report=people, user=alice, item=_item(people), body="Note to self.")
    assert mail.outbox == []


def test_people_without_an_email_address_are_skipped(
    people, focal, django_capture_on_commit_callbacks
):
    member(people, Role.REVIEWER, username="noemail", email="")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(report=people, user=focal, action="submit")
    assert recipients() == ["rita@example.org"]
