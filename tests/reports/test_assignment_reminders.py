"""Reminders about assignments over a simulated month: each step once to the person the
part is assigned to, in their language; nothing once the part is ready or accepted;
"Remind now" once a day however often it is asked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from reports.assignment_models import AssignmentAction, AssignmentEvent, AssignmentState
from reports.assignment_reminders import (
    assignment_remind,
    assignment_reminders_plan,
    assignment_reminders_send,
    assignment_step,
)
from reports.models import MailPreference, Notice, ReportState
from roadmap.models import Role
from tests.factories import CycleFactory, ReportFactory, member
from tests.reports.assignment_support import assign, contributor

pytestmark = pytest.mark.django_db

DUE = dt.date(2023, 6, 1)


@pytest.fixture
def draft():
    return ReportFactory(cycle=CycleFactory())


@pytest.fixture
def minh(draft):
    return contributor(draft, username="minh")


def days(start: dt.date, end: dt.date):
    for n in range((end - start).days + 1):
        yield start + dt.timedelta(days=n)


def run_every_day(start: dt.date, end: dt.date) -> list[tuple[dt.date, str, str]]:
    """(day, person, step) of each mail the daily job sent."""
    got = []
    for day in days(start, end):
        before = len(mail.outbox)
        assignment_reminders_send(today=day)
        for message in mail.outbox[before:]:
            notice = Notice.objects.filter(recipient__email=message.to[0]).latest("pk")
            got.append((day, notice.recipient.username, notice.key.rsplit(":", 1)[1]))
    return got


def test_steps_before_and_after_the_due_date():
    assert assignment_step(due_on=DUE, today=dt.date(2023, 5, 24)) is None
    assert assignment_step(due_on=DUE, today=dt.date(2023, 5, 25))[1] == "due-7"
    assert assignment_step(due_on=DUE, today=dt.date(2023, 5, 31))[1] == "due-1"
    assert assignment_step(due_on=DUE, today=DUE)[1] == "due-1"
    assert assignment_step(due_on=DUE, today=dt.date(2023, 6, 2))[1] == "overdue-0"
    assert assignment_step(due_on=DUE, today=dt.date(2023, 6, 9))[1] == "overdue-1"
    assert assignment_step(due_on=DUE, today=dt.date(2023, 6, 29))[1] == "overdue-3"
    assert assignment_step(due_on=DUE, today=dt.date(2023, 6, 30)) is None


def test_a_simulated_month_sends_each_step_once_on_its_day(draft, minh):
    assignment = assign(draft, minh, due_on=DUE)
    member(draft, Role.FOCAL_POINT, username="fiona")
    member(draft, Role.REPORTER, username="alice")

    got = run_every_day(dt.date(2023, 5, 1), dt.date(2023, 7, 31))

    assert got == [
        (dt.date(2023, 5, 25), "minh", "due-7"),
        (dt.date(2023, 5, 31), "minh", "due-1"),
        (dt.date(2023, 6, 2), "minh", "overdue-0"),
        (dt.date(2023, 6, 9), "minh", "overdue-1"),
        (dt.date(2023, 6, 16), "minh", "overdue-2"),
        (dt.date(2023, 6, 23), "minh", "overdue-3"),
    ]
    reminded = AssignmentEvent.objects.filter(
        assignment=assignment, action=AssignmentAction.REMINDED
    )
    assert [e.note for e in reminded.order_by("pk")] == [step for _d, _p, step in got]
    assert reminded.filter(by__isnull=True).count() == 6  # the system, not a person


def test_a_missed_day_is_caught_up_once(draft, minh):
    assign(draft, minh, due_on=DUE)
    assert assignment_reminders_send(today=dt.date(2023, 5, 27)).sent == 1  # due-7, late
    assert assignment_reminders_send(today=dt.date(2023, 5, 28)).sent == 0


@pytest.mark.parametrize(
    "state", [AssignmentState.READY, AssignmentState.ACCEPTED], ids=["ready", "accepted"]
)
def test_nothing_for_a_part_ready_or_accepted(draft, minh, state):
    assign(draft, minh, due_on=DUE, state=state)
    assert assignment_reminders_send(today=dt.date(2023, 6, 2)).sent == 0


def test_a_part_sent_back_is_owed_again(draft, minh):
    assign(draft, minh, due_on=DUE, state=AssignmentState.RETURNED)
    assert assignment_reminders_send(today=dt.date(2023, 6, 2)).sent == 1


def test_nothing_once_the_report_is_handed_in(draft, minh):
    assign(draft, minh, due_on=DUE)
    draft.state = ReportState.SUBMITTED
    draft.save()
    assert assignment_reminders_send(today=dt.date(2023, 6, 2)).sent == 0


def test_no_due_date_no_reminder(draft, minh):
    assign(draft, minh, due_on=None)
    assert assignment_reminders_plan(today=DUE) == []


def test_the_mail_comes_in_the_contributors_language(draft, minh):
    draft.country.language = "vi"
    draft.country.save()
    assign(draft, minh, due_on=DUE)
    assignment_reminders_send(today=dt.date(2023, 6, 2))
    [message] = mail.outbox
    assert "Quá hạn" in message.subject
    assert f"/reports/{draft.pk}/" in message.body


def test_a_person_may_switch_reminders_off(draft, minh):
    MailPreference.objects.create(user=minh, reminders=False)
    assign(draft, minh, due_on=DUE)
    assert assignment_reminders_send(today=dt.date(2023, 6, 2)).sent == 0


def test_a_second_run_or_a_stale_plan_sends_nothing_twice(draft, minh):
    assign(draft, minh, due_on=DUE)
    stale = assignment_reminders_plan(today=dt.date(2023, 6, 2))  # a second worker's
    assert assignment_reminders_send(today=dt.date(2023, 6, 2)).sent == 1
    assert assignment_reminders_send(today=dt.date(2023, 6, 2)).sent == 0

    from reports import assignment_reminders

    for item in stale:
        assert (
            assignment_reminders._deliver(
                item.assignment,
                key=item.key,
                kind=item.kind,
                days_left=item.days_left,
                recipients=item.recipients,
            )
            == 0
        )
    assert len(mail.outbox) == 1
    assert AssignmentEvent.objects.filter(action=AssignmentAction.REMINDED).count() == 1


def test_remind_now_sends_once_a_day(draft, minh):
    assignment = assign(draft, minh, due_on=DUE)
    today = dt.date(2023, 5, 10)
    assert assignment_remind(assignment_id=assignment.pk, today=today) == 1
    assert assignment_remind(assignment_id=assignment.pk, today=today) == 0
    assert assignment_remind(assignment_id=assignment.pk, today=dt.date(2023, 5, 11)) == 1
    assert len(mail.outbox) == 2


def test_remind_now_sends_nothing_for_a_part_already_ready(draft, minh):
    assignment = assign(draft, minh, due_on=DUE, state=AssignmentState.READY)
    assert assignment_remind(assignment_id=assignment.pk, today=DUE) == 0


def test_the_command_does_what_the_job_does(draft, minh, capsys):
    assign(draft, minh, due_on=DUE)
    call_command("send_assignment_reminders", "--today", "2023-06-02", "--dry-run")
    out = capsys.readouterr().out
    assert "overdue-0: minh" in out and "1 message(s) due, none sent" in out
    assert mail.outbox == []

    call_command("send_assignment_reminders", "--today", "2023-06-02")
    assert "1 message(s) sent" in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("count", [2, 6])
def test_planning_takes_the_same_queries_for_more_assignments(
    draft, count, django_assert_num_queries
):
    for n in range(count):
        assign(draft, contributor(draft, agency_name=f"Agency {n % 2}"), due_on=DUE)
    # The assignments with their parts, their people with their memberships, the notices.
    with django_assert_num_queries(4):
        planned = assignment_reminders_plan(today=dt.date(2023, 6, 2))
    assert len(planned) == count
