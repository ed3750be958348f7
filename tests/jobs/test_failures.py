"""A job that keeps failing is retried with a growing back-off, then kept for the admins
with its error, and an admin can run it again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from jobs.models import JobFailure
from reports import tasks, workflow
from reports.models import Notice, ReportState
from tests.reports.review_support import put_in_state

pytestmark = pytest.mark.django_db


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("mail server down")


@pytest.fixture(autouse=True)
def _empty_queue():
    HUEY.flush()
    yield
    HUEY.flush()


# The queue's clock, stopped: each retry is set to run this long after the failure.
NOW = dt.datetime(2026, 6, 1, 9, 0)


def run_retries() -> list[float]:
    """Run each scheduled retry as the worker's scheduler would once it is due; returns
    how long (seconds) each retry was set to wait after the failure before it."""
    waits = []
    while due := HUEY.read_schedule(NOW + dt.timedelta(days=1)):
        for task in due:
            waits.append((task.eta - NOW).total_seconds())
            HUEY.execute(task, timestamp=task.eta)
    return waits


@pytest.fixture
def returned_mail_fails(
    report, alice, reviewer, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """A return whose mail to alice cannot go: the mail server is down."""
    settings.EMAIL_BACKEND = "tests.jobs.test_failures.BrokenBackend"
    monkeypatch.setattr(HUEY, "_get_timestamp", lambda: NOW)
    put_in_state(report, ReportState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(report=report, user=reviewer, action="return", reason="More.")
    return report


def test_a_failing_job_is_retried_with_a_growing_back_off(returned_mail_fails):
    assert HUEY.scheduled_count() == 1  # the first retry, not yet a failure
    assert not JobFailure.objects.exists()

    waits = run_retries()

    # 30 s, then twice as long each time.
    assert waits == [30, 60, 120, 240, 480]
    failure = JobFailure.objects.get()
    assert failure.attempts == tasks.MAIL_RETRIES + 1
    assert failure.task == "reports.tasks.send_transition_mail"
    assert failure.error == "ConnectionError: mail server down"
    assert "ConnectionError" in failure.traceback
    assert not Notice.objects.exists()  # nothing recorded as sent


def test_a_failed_job_is_listed_for_admins_and_run_again(
    returned_mail_fails, client, admin_user, settings
):
    run_retries()
    failure = JobFailure.objects.get()
    client.force_login(admin_user)

    listing = client.get(reverse("admin:jobs_jobfailure_changelist"))
    assert listing.status_code == 200
    assert "ConnectionError: mail server down" in listing.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(
        reverse("admin:jobs_jobfailure_changelist"),
        {"action": "run_again", "_selected_action": [failure.pk]},
        follow=True,
    )
    assert "1 job enqueued again." in response.text
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org"]
    failure.refresh_from_db()
    assert failure.retried_at is not None


def test_admins_cannot_edit_or_add_failed_jobs(returned_mail_fails, client, admin_user):
    run_retries()
    failure = JobFailure.objects.get()
    client.force_login(admin_user)
    assert client.get(reverse("admin:jobs_jobfailure_add")).status_code == 403
    page = client.get(reverse("admin:jobs_jobfailure_change", args=[failure.pk]))
    assert page.status_code == 200 and 'name="error"' not in page.text


def test_running_a_mail_job_twice_sends_nothing_twice(report, alice, reviewer):
    put_in_state(report, ReportState.SUBMITTED)
    record = workflow.report_transition(report=report, user=reviewer, action="accept")
    assert mail.outbox == []  # the test's transaction never commits: nothing enqueued
    tasks.send_transition_mail.call_local(record.pk)
    tasks.send_transition_mail.call_local(record.pk)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
