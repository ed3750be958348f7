"""A resubmission says what changed and is called a resubmission; every submission is
confirmed to the person who handed it in and to the framework's secretariat."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse

from reports import workflow
from reports.models import MailPreference, Notice, Transition
from reports.notifications import submission_confirm
from tests.factories import FrameworkMembershipFactory, secretariat_of

from .review_support import fill_required

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(report, focal, reviewer):
    fill_required(report)
    workflow.report_transition(report=report, user=focal, action="submit")
    workflow.report_transition(report=report, user=reviewer, action="return", reason="Fix")
    return report


@pytest.fixture
def sam(report):
    return secretariat_of(report.cycle.framework, username="sam", email="sam@example.org")


def submit_url(report):
    return reverse("reports:submit", args=[report.pk])


def to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_a_resubmission_asks_what_was_changed_and_not_why_late(client, returned, focal):
    client.force_login(focal)
    html = client.get(submit_url(returned)).text
    assert 'name="change_note"' in html
    assert 'name="late_reason"' not in html


def test_a_first_submission_does_not_ask_what_was_changed(client, report, focal):
    fill_required(report)
    client.force_login(focal)
    assert 'name="change_note"' not in client.get(submit_url(report)).text


def test_the_note_is_kept_and_shown_to_the_reviewer(client, returned, focal, reviewer):
    client.force_login(focal)
    note = "Fixed the provinces and removed a duplicate activity."
    response = client.post(submit_url(returned), {"change_note": note})
    assert response.status_code == 302
    assert Transition.objects.filter(report=returned, action="submit").last().reason == note

    client.force_login(reviewer)
    read = client.get(reverse("reports:read", args=[returned.pk])).text
    changes = client.get(reverse("reports:changes", args=[returned.pk])).text
    for page in (read, changes):
        assert 'data-testid="change-note"' in page and note in page
    # A resubmission is never late: the note is not shown as a reason for a delay.
    assert 'data-testid="late-reason"' not in read


def test_the_note_is_optional(client, returned, focal):
    client.force_login(focal)
    assert client.post(submit_url(returned), {"change_note": ""}).status_code == 302


def test_the_reviewers_mail_says_resubmitted_and_carries_the_note(
    client, returned, focal, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(focal)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(submit_url(returned), {"change_note": "Fixed the provinces."})
    (message,) = to(reviewer.email)
    assert "resubmitted" in message.subject
    assert "Fixed the provinces." in message.body
    assert "What was changed:" in message.body


def test_the_first_submissions_mail_says_submitted(
    report, focal, reviewer, django_capture_on_commit_callbacks
):
    fill_required(report)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(report=report, user=focal, action="submit")
    (message,) = to(reviewer.email)
    assert "submitted" in message.subject and "resubmitted" not in message.subject


def test_each_submission_is_confirmed_to_the_submitter_and_the_secretariat(
    returned, focal, sam, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(report=returned, user=focal, action="submit")
    for person in (focal, sam):
        (message,) = to(person.email)
        assert message.subject.startswith("Received:")
        assert "resubmitted" in message.subject
        assert reverse("reports:read", args=[returned.pk]) in message.body


def test_a_confirmation_goes_once_per_person_however_often_the_job_runs(returned, focal, sam):
    # The submitter is also of the secretariat: one confirmation, not two.
    FrameworkMembershipFactory(user=focal, framework=returned.cycle.framework)
    transition = workflow.report_transition(report=returned, user=focal, action="submit")
    assert submission_confirm(transition_id=transition.pk) == 2
    assert submission_confirm(transition_id=transition.pk) == 0
    assert len(to(focal.email)) == len(to(sam.email)) == 1
    assert Notice.objects.filter(key=f"submitted:{transition.pk}").count() == 2


def test_a_confirmation_is_in_each_persons_language(returned, focal, sam):
    MailPreference.objects.create(user=sam, language="vi")
    transition = workflow.report_transition(report=returned, user=focal, action="submit")
    submission_confirm(transition_id=transition.pk)
    (english,) = to(focal.email)
    (vietnamese,) = to(sam.email)
    assert english.subject.startswith("Received:")
    assert not vietnamese.subject.startswith("Received:")


def test_no_confirmation_for_other_steps(returned, reviewer):
    transition = Transition.objects.filter(report=returned, action="return").get()
    assert submission_confirm(transition_id=transition.pk) == 0


def test_a_note_with_bytes_that_are_not_utf8_is_refused_at_the_field(client, returned, focal):
    client.force_login(focal)
    body = "change_note=" + quote(b"Fixed " + "Hà Nam".encode("latin-1"))
    response = client.post(
        submit_url(returned), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "not sent as UTF-8" in " ".join(response.context["form"].errors["change_note"])
    returned.refresh_from_db()
    assert returned.state == "returned"
