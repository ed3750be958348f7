"""What a dead worker leaves is taken up again: jobs it held or lost between the queue and
itself, its render locks, the mail it was sending. A living worker's are left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from huey import signals as S
from huey.contrib.djhuey import HUEY

from jobs.models import JobFailure, JobLock, JobState, PendingJob
from jobs.services import JobLocked, job_lock, jobs_recover
from jobs.signals import job_tracked
from jobs.workers import Liveness, liveness, this_process
from reports import notifications, tasks
from reports.models import Notice, NoticeKind

pytestmark = pytest.mark.django_db


def dead_process() -> str:
    """A holder on this machine whose process is gone."""
    host = this_process().split(":")[0]
    return f"{host}:999999999:1"


def test_a_process_is_alive_dead_or_unknown():
    assert liveness(this_process()) is Liveness.ALIVE
    assert liveness(dead_process()) is Liveness.DEAD
    # Its pid reused by a later process (pid 1 in a restarted container): dead.
    host, pid, _start = this_process().split(":")
    assert liveness(f"{host}:{pid}:12345") is Liveness.DEAD
    assert liveness("elsewhere:1:1") is Liveness.UNKNOWN
    assert liveness("") is Liveness.UNKNOWN


def test_an_enqueued_job_is_recorded_until_it_ends(queued_jobs, report):
    tasks.render_report_pdfs(report.pk, "en")
    job = PendingJob.objects.get()
    assert job.task == "reports.tasks.render_report_pdfs"
    assert job.args == [report.pk, "en"] and job.state == JobState.QUEUED
    queued_jobs.run()
    assert not PendingJob.objects.exists()


def test_a_job_held_by_a_dead_worker_is_enqueued_again(queued_jobs, report):
    tasks.render_report_pdfs(report.pk, "en")
    task = HUEY.dequeue()  # a worker takes it ...
    job_tracked(S.SIGNAL_EXECUTING, task)
    PendingJob.objects.update(holder=dead_process())  # ... and is killed
    assert HUEY.pending_count() == 0

    assert jobs_recover() == {"jobs": 1, "locks": 0}

    assert HUEY.pending_count() == 1
    assert HUEY.dequeue().id == task.id
    assert PendingJob.objects.get().state == JobState.QUEUED


def test_a_job_held_by_a_living_worker_is_left_alone(queued_jobs, report):
    tasks.render_report_pdfs(report.pk, "en")
    job_tracked(S.SIGNAL_EXECUTING, HUEY.dequeue())
    PendingJob.objects.update(due_at=timezone.now() - dt.timedelta(hours=1))
    assert jobs_recover() == {"jobs": 0, "locks": 0}
    assert HUEY.pending_count() == 0


def test_an_overdue_job_still_in_the_queue_is_not_doubled(queued_jobs, report):
    tasks.render_report_pdfs(report.pk, "en")
    PendingJob.objects.update(due_at=timezone.now() - dt.timedelta(seconds=1))
    assert jobs_recover()["jobs"] == 0
    assert HUEY.pending_count() == 1


def test_a_job_lost_between_the_queue_and_a_worker_is_enqueued_after_the_lease(queued_jobs, report):
    tasks.render_report_pdfs(report.pk, "en")
    HUEY.dequeue()  # taken, and the worker died before saying so
    assert jobs_recover()["jobs"] == 0  # within the lease: it may still be on its way
    PendingJob.objects.update(due_at=timezone.now() - dt.timedelta(seconds=1))
    assert jobs_recover()["jobs"] == 1
    assert HUEY.pending_count() == 1


def test_a_job_interrupted_by_the_workers_stop_goes_back_to_the_queue(queued_jobs, report):
    tasks.render_report_pdfs(report.pk, "en")
    task = HUEY.dequeue()
    job_tracked(S.SIGNAL_EXECUTING, task)
    job_tracked(S.SIGNAL_INTERRUPTED, task)
    assert HUEY.dequeue().id == task.id
    assert PendingJob.objects.get().state == JobState.QUEUED


def test_a_lock_dies_with_its_holder():
    name = "pdf:1:en"
    JobLock.objects.create(
        name=name,
        holder=dead_process(),
        token="a",
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    with job_lock(name, ttl=60):
        assert JobLock.objects.get().holder == this_process()
    assert not JobLock.objects.exists()


def test_a_lock_runs_out_and_a_living_one_holds():
    name = "pdf:1:vi"
    JobLock.objects.create(
        name=name,
        holder="elsewhere:1:1",
        token="a",
        expires_at=timezone.now() - dt.timedelta(seconds=1),
    )
    with job_lock(name, ttl=60), pytest.raises(JobLocked), job_lock(name, ttl=60):
        pass
    assert not JobLock.objects.exists()


def test_the_recovery_removes_the_locks_of_dead_workers():
    future = timezone.now() + dt.timedelta(hours=1)
    JobLock.objects.create(name="a", holder=dead_process(), token="a", expires_at=future)
    JobLock.objects.create(name="b", holder=this_process(), token="b", expires_at=future)
    assert jobs_recover() == {"jobs": 0, "locks": 1}
    assert list(JobLock.objects.values_list("name", flat=True)) == ["b"]


# ------------------------------------------------------------------------ mail


class PendingWhileSending:
    """A backend that records, as each mail goes, the state of its notice."""

    seen: list = []

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        for message in messages:
            PendingWhileSending.seen += list(
                Notice.objects.filter(recipient__email=message.to[0]).values_list(
                    "sent_at", "sending_by", "sending_since"
                )
            )
        return len(messages)


def test_a_notice_is_pending_while_its_mail_goes_and_sent_after(
    report, alice, bob, reviewer, settings
):
    from reports import workflow
    from reports.models import ReportState
    from tests.reports.review_support import put_in_state

    settings.EMAIL_BACKEND = "tests.jobs.test_recovery.PendingWhileSending"
    PendingWhileSending.seen = []
    put_in_state(report, ReportState.SUBMITTED)
    record = workflow.report_transition(report=report, user=reviewer, action="accept")
    assert tasks.send_transition_mail.call_local(record.pk) == 2
    assert len(PendingWhileSending.seen) == 2
    for sent_at, sending_by, since in PendingWhileSending.seen:
        assert sent_at is None and sending_by == this_process() and since is not None
    for notice in Notice.objects.all():
        assert notice.sent_at is not None and notice.sending_by == ""


def pending_notice(report, person, *, sending_by: str, since=None) -> Notice:
    return Notice.objects.create(
        recipient=person,
        key="comment:1",
        kind=NoticeKind.COMMENT,
        country_id=report.country_id,
        report=report,
        language="en",
        subject="A comment",
        body="Read it.",
        sending_by=sending_by,
        sending_since=since or timezone.now(),
    )


def test_a_notice_a_dead_worker_left_pending_is_sent_once_from_its_row(report, alice):
    notice = pending_notice(report, alice, sending_by=dead_process())
    assert notifications.notices_recover(resend=tasks.resend_notice) == 1
    assert notifications.notices_recover(resend=tasks.resend_notice) == 0  # sent: nothing left
    [message] = mail.outbox
    assert message.to == ["alice@example.org"] and message.subject == "A comment"
    assert message.extra_headers["Message-ID"].startswith(f"<notice-{notice.pk}@")
    notice.refresh_from_db()
    assert notice.sent_at is not None


def test_a_notice_a_living_worker_is_sending_is_left_alone_however_long(report, alice):
    long_ago = timezone.now() - dt.timedelta(days=1)
    pending_notice(report, alice, sending_by=this_process(), since=long_ago)
    assert notifications.notices_recover(resend=tasks.resend_notice) == 0
    assert mail.outbox == []


def test_a_notice_on_another_machine_is_sent_again_after_the_lease(report, alice, settings):
    notice = pending_notice(report, alice, sending_by="elsewhere:1:1")
    assert notifications.notices_recover(resend=tasks.resend_notice) == 0
    Notice.objects.filter(pk=notice.pk).update(
        sending_since=timezone.now() - dt.timedelta(seconds=settings.JOBS_LEASE + 1)
    )
    assert notifications.notices_recover(resend=tasks.resend_notice) == 1
    assert len(mail.outbox) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("mail server down")


def test_a_notice_that_keeps_failing_is_marked_failed_and_listed(report, alice, settings):
    settings.EMAIL_BACKEND = "tests.jobs.test_recovery.BrokenBackend"
    notice = pending_notice(report, alice, sending_by=dead_process())
    # Its last try: no retries left.
    task = tasks.resend_notice.s(notice.pk)
    task.retries = 0
    HUEY.execute(task)
    notice.refresh_from_db()
    assert notice.sent_at is None and notice.failed_at is not None
    failure = JobFailure.objects.get()
    assert failure.task == "reports.tasks.resend_notice" and failure.args == [notice.pk]
    # Failed: left to the admins.
    assert notifications.notices_recover(resend=tasks.resend_notice) == 0
