"""Jobs through a real Redis, run by separate worker processes (``manage.py run_huey``),
as in production: a request enqueues, a worker does the work, its effect is seen here.

Run by .ci/run in a step of its own (it starts Redis):
``JOBS_URL=redis://127.0.0.1:6379/15 TEST_DATABASE_FILE=var/test-jobs.sqlite3 pytest -m redis``
(the worker needs a database it can open too: a file, or PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from reports import tasks
from reports.models import Notice, ReportState
from roadmap.models import Role
from tests.factories import CycleFactory, ReportFactory, member
from tests.reports.review_support import put_in_state

from .conftest import eventually

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


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


def test_two_workers_running_the_assignment_reminders_send_each_once(workers):
    from reports.assignment_models import AssignmentAction, AssignmentEvent
    from tests.reports.assignment_support import assign, contributor

    report = ReportFactory(cycle=CycleFactory())
    people = [contributor(report, f"Agency {n}") for n in range(5)]
    for person in people:
        assign(report, person, due_on=dt.date(2023, 6, 1))
    workers(2)
    # The same day's run enqueued four times: the two worker processes take them together.
    for _n in range(4):
        tasks.send_assignment_reminders("2023-06-02")

    eventually(lambda: Notice.objects.filter(sent_at__isnull=False).count() >= len(people))
    time.sleep(2)  # let the other runs finish: none may add anything
    assert eventually(lambda: HUEY.pending_count() == 0 or None)
    assert Notice.objects.count() == len(people)
    assert Notice.objects.filter(sent_at__isnull=True).count() == 0
    reminded = AssignmentEvent.objects.filter(action=AssignmentAction.REMINDED)
    assert reminded.count() == len(people)
