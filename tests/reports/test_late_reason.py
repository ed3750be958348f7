"""A first submission after the deadline may say what delayed it; reviewers read it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from reports.models import ReportState, Transition
from reports.workflow import REASON_MAX_LENGTH

from .review_support import fill_required, put_in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete(report):
    fill_required(report)
    return report


def submit_url(report):
    return reverse("reports:submit", args=[report.pk])


def test_a_late_submission_asks_for_the_reason(client, complete, focal):
    # The fixture's cycle was due on 30 June 2023.
    client.force_login(focal)
    response = client.get(submit_url(complete))
    assert 'name="late_reason"' in response.text
    assert "The deadline was 30 June 2023." in response.text


def test_an_early_submission_does_not(client, complete, focal):
    cycle = complete.cycle
    cycle.deadline = dt.date.today() + dt.timedelta(days=3)
    cycle.save()
    client.force_login(focal)
    assert 'name="late_reason"' not in client.get(submit_url(complete)).text


def test_a_resubmission_after_a_return_does_not(client, complete, focal):
    put_in_state(complete, ReportState.RETURNED)
    client.force_login(focal)
    assert 'name="late_reason"' not in client.get(submit_url(complete)).text


def test_the_reason_is_kept_and_shown_to_reviewers(
    client, complete, focal, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(focal)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            submit_url(complete), {"late_reason": "The provinces' figures came late."}
        )
    assert response.status_code == 302
    submission = Transition.objects.get(report=complete, action="submit")
    assert submission.reason == "The provinces' figures came late."
    assert "Reason for the delay:\nThe provinces' figures came late." in mail.outbox[0].body

    client.force_login(reviewer)
    page = client.get(reverse("reports:read", args=[complete.pk]))
    assert "Reason for the delay, given on submission" in page.text
    assert "The provinces&#x27; figures came late." in page.text


def test_a_reason_too_long_is_refused_next_to_the_field_and_kept(client, complete, focal):
    client.force_login(focal)
    text = "x" * (REASON_MAX_LENGTH + 1)
    response = client.post(submit_url(complete), {"late_reason": text})
    assert response.status_code == 400
    assert response.context["form"].errors["late_reason"]
    assert text in response.text  # nothing typed is lost
    complete.refresh_from_db()
    assert complete.state == ReportState.DRAFT
