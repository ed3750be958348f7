"""Jobs through a real Redis, run by separate worker processes (``manage.py run_huey``),
as in production: a request enqueues, a worker does the work, its effect is seen here.

Run by .ci/run in a step of its own (it starts Redis):
``JOBS_URL=redis://127.0.0.1:6379/15 TEST_DATABASE_FILE=var/test-jobs.sqlite3 pytest -m redis``
(the worker needs a database it can open too: a file, or PostgreSQL).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage

from reports import tasks
from reports.models import Notice, ReportState
from roadmap.models import Role
from tests.factories import CycleFactory, ReportFactory, member
from tests.reports.review_support import put_in_state

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        if str(db["NAME"]).startswith(("file:", ":memory:")):
            pytest.skip("the worker needs the test database in a file: set TEST_DATABASE_FILE")
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def workers(settings):
    """start(n) -> n worker processes on the Redis of JOBS_URL; this process enqueues there."""
    if not isinstance(HUEY.get_storage(**HUEY.storage_kwargs), RedisStorage):
        pytest.skip("needs JOBS_URL=redis://...")
    HUEY.immediate = False  # enqueue to Redis from now on
    HUEY.flush()
    processes: list[subprocess.Popen] = []
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pathfinder.settings_test",
        "JOBS_IMMEDIATE": "0",
        "DATABASE_URL": database_url(),
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }

    def start(count: int = 1) -> None:
        for _n in range(count):
            processes.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "run_huey", "--workers", "2", "--quiet"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)
    HUEY.flush()
    HUEY.immediate = True


def eventually(check, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.2)
    raise AssertionError("the worker did not do it in time")


def test_a_request_enqueues_and_a_worker_process_sends_the_mail(client, workers):
    report = ReportFactory(cycle=CycleFactory())
    fiona = member(report, Role.FOCAL_POINT, username="fiona")
    rita = member(report, Role.REVIEWER, username="rita")
    put_in_state(report, ReportState.SUBMITTED)
    workers(1)
    client.force_login(rita)

    response = client.post(
        reverse("reports:transition", args=[report.pk, "accept"]), {"reason": ""}
    )

    assert response.status_code == 302
    notice = eventually(
        lambda: Notice.objects.filter(recipient=fiona, sent_at__isnull=False).first()
    )
    assert "accepted" in notice.subject


def test_two_workers_running_the_reminders_at_once_send_each_once(workers):
    cycle = CycleFactory()
    reports = [ReportFactory(cycle=cycle) for _n in range(4)]
    for report in reports:
        member(report, Role.REPORTER)
        member(report, Role.FOCAL_POINT)
        member(report, Role.REVIEWER)
    workers(2)
    # The same day's run, enqueued four times: two worker processes take them together.
    for _n in range(4):
        tasks.send_reminders("2023-07-01")

    expected = 4 * 3  # per country: reporter, focal point, and the reviewer's copy
    eventually(lambda: Notice.objects.filter(sent_at__isnull=False).count() >= expected)
    time.sleep(2)  # let the other runs finish: none may add anything
    assert eventually(lambda: HUEY.pending_count() == 0 or None)
    assert Notice.objects.count() == expected
    assert Notice.objects.filter(sent_at__isnull=True).count() == 0
