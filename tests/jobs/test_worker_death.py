"""A worker process killed mid-burst or mid-render loses nothing: each mail goes once (or
is listed as failed), the PDF of the current revision is kept soon after a new worker
starts. Real ``run_huey`` processes, on the embedded SQLite queue and on Redis.

Run by .ci/run with the Redis tests (``-m "redis or workers"``): the worker must open the
test database too (``TEST_DATABASE_FILE=var/test-jobs.sqlite3``, or PostgreSQL).
"""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage, SqliteStorage

from jobs.models import JobFailure, JobLock, PendingJob
from reports import tasks
from reports.documents.report_pdf import kept_pdf
from reports.models import Comment, CommentThread, Notice, ReportState
from roadmap.models import Role
from tests.factories import member, report_with_form
from tests.reports.review_support import put_in_state

from .conftest import ROOT, database_url, eventually

pytestmark = pytest.mark.django_db(transaction=True)

QUEUES = [
    pytest.param("sqlite", marks=pytest.mark.workers),
    pytest.param("redis", marks=pytest.mark.redis),
]


@pytest.fixture(params=QUEUES)
def queue(request, settings, tmp_path):
    """This process enqueues to a real queue that worker processes read: a SQLite file of
    its own, or the Redis of JOBS_URL. Yields the environment of a worker process."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pathfinder.settings_test",
        "JOBS_IMMEDIATE": "0",
        "DATABASE_URL": database_url(),
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TEST_EMAIL_BACKEND": "tests.jobs.mailbox.Backend",
        "TEST_EMAIL_DIR": str(tmp_path / "mail"),
    }
    (tmp_path / "mail").mkdir()
    HUEY.immediate = False
    real = HUEY.storage
    if request.param == "redis":
        if not isinstance(real, RedisStorage):
            pytest.skip("needs JOBS_URL=redis://...")
    else:
        file = tmp_path / "jobs.sqlite3"
        HUEY.storage = SqliteStorage(name=HUEY.name, filename=str(file))
        env["JOBS_URL"] = f"sqlite:///{file}"
    HUEY.flush()
    yield env
    HUEY.flush()
    HUEY.storage = real
    HUEY.immediate = True


class Worker:
    def __init__(self, env: dict, **extra: str):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "--workers", "2", "--quiet"],
            cwd=ROOT,
            env={**env, **extra},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def kill(self, signum=signal.SIGKILL) -> int:
        self.process.send_signal(signum)
        return self.process.wait(timeout=90)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.kill(signal.SIGKILL)


@pytest.fixture
def start_worker(queue):
    started: list[Worker] = []

    def start(**extra: str) -> Worker:
        started.append(Worker(queue, **extra))
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


COMMENTS = 120


@pytest.fixture
def burst(queue):
    """120 reviewer comments on a submitted report, each queued for mail to the country's
    focal point and reporter: 240 mails."""
    report = report_with_form(priorities=1)
    member(report, Role.FOCAL_POINT, username="fiona")
    member(report, Role.REPORTER, username="rob")
    reviewer = member(report, Role.REVIEWER, username="rita")
    put_in_state(report, ReportState.SUBMITTED)
    question = report.cycle.questionnaire.sections.first().questions.first()
    thread = CommentThread.objects.create(report=report, question=question, created_by=reviewer)
    for n in range(COMMENTS):
        comment = Comment.objects.create(thread=thread, author=reviewer, body=f"Comment {n}.")
        tasks.send_comment_mail(comment.pk)
    return 2 * COMMENTS


def mails_out(queue) -> Counter:
    """Message-ID -> how many times a worker handed that mail to the mail server."""
    folder = Path(queue["TEST_EMAIL_DIR"])
    return Counter(
        email.message_from_bytes(path.read_bytes())["Message-ID"] for path in folder.glob("*.eml")
    )


def blocked(queue) -> int:
    return len(list(Path(queue["TEST_EMAIL_DIR"]).glob("blocked-*")))


def all_sent_once(queue, expected: int) -> None:
    def done():
        return (
            Notice.objects.filter(sent_at__isnull=False).count() == expected
            and not Notice.objects.filter(sent_at__isnull=True).exists()
            and not PendingJob.objects.exists()
            and sum(mails_out(queue).values()) >= expected
        )

    eventually(done, timeout=180)
    out = mails_out(queue)
    assert len(out) == expected
    assert set(out.values()) == {1}, [m for m, n in out.items() if n > 1]
    assert not JobFailure.objects.exists()


def test_a_worker_killed_mid_burst_loses_no_mail_and_sends_none_twice(queue, start_worker, burst):
    first = start_worker(TEST_MAIL_TRAP_AFTER="40")
    # Both worker threads hang in a send that has not gone: then kill -9.
    eventually(lambda: blocked(queue) == 2, timeout=120)
    assert first.kill() == -signal.SIGKILL
    assert sum(mails_out(queue).values()) == 40
    # Two notices recorded as pending (not sent) by the dead worker, two jobs it held.
    assert Notice.objects.filter(sent_at__isnull=True).count() == 2
    assert PendingJob.objects.filter(state="running").count() == 2

    start_worker()

    all_sent_once(queue, burst)


def test_sigterm_finishes_the_jobs_in_hand_and_the_next_worker_the_rest(queue, start_worker, burst):
    first = start_worker(TEST_MAIL_DELAY="0.05")
    eventually(lambda: sum(mails_out(queue).values()) >= 40, timeout=120)
    assert first.kill(signal.SIGTERM) == 0  # a graceful stop
    # The jobs it had taken are done: no mail pending, no job left running.
    assert not Notice.objects.filter(sent_at__isnull=True).exists()
    assert not PendingJob.objects.filter(state="running").exists()
    assert Notice.objects.count() < burst  # mid-burst indeed: the rest waits in the queue

    start_worker()

    all_sent_once(queue, burst)


def test_a_worker_killed_mid_render_leaves_no_lock_that_blocks_the_pdf(queue, start_worker):
    report = report_with_form(priorities=30)
    first = start_worker()
    tasks.render_report_pdfs(report.pk, "en")
    eventually(lambda: JobLock.objects.filter(name=f"pdf:{report.pk}:en").exists(), timeout=120)
    first.kill()
    assert kept_pdf(report=report, revision=report.revision, language="en") is None

    started = time.monotonic()
    start_worker()

    eventually(
        lambda: kept_pdf(report=report, revision=report.revision, language="en"), timeout=120
    )
    took = time.monotonic() - started
    print(f"PDF of the current revision kept {took:.1f} s after the new worker started")
    # (The job ends, releasing its lock, just after the file is kept.)
    eventually(lambda: not JobLock.objects.exists() and not PendingJob.objects.exists())
