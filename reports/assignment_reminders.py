"""Reminders about assignments: the person a part of a report is assigned to hears about
it before and after its due date, as country staff hear about the report's deadline
(``reports.reminders``: the same rules, keys and mail language; the steps, who is still to
hear one and the sending are ``notifications.reminding``, shared by both; the selection
and the texts, ``emails/assignment_reminder*``, are this module's).

- 7 days and 1 day before ``due_on``, then the day after it and every week after for
  ``OVERDUE_WEEKS`` weeks;
- only while the part is still owed: assigned, or returned to its contributor (not ready,
  not accepted), in a report the country may still edit (draft or returned);
- a step missed (the worker was down) is caught up on the next run, until the next step
  is due: only the latest step reached is sent;
- each step once per assignment and person: ``notifications.deliver`` records it under
  the key ``assignment:<id>:<step>`` unique per person, so a second run or a second worker
  sends nothing twice; each mail sent is written in the assignment's audit trail
  (``AssignmentEvent``, action "reminded").

"Remind now" (the focal point's button) is ``assignment_remind``: one mail per assignment
and day (key ``assignment:<id>:now-<date>``), so a retried POST or a double click sends it
once. ``manage.py send_assignment_reminders`` and the daily job call
``assignment_reminders_send``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from . import notifications
from .assignment_models import Assignment, AssignmentAction, AssignmentEvent
from .models import NoticeKind, ReportState
from .notifications.reminding import (
    ReminderRun,
    run_reminders,
    send_reminder,
    sent_already,
    step_due,
    still_to_hear,
)
from .selectors.owed import OWED_STATES, PART_RELATIONS, part_label

# Days before the due date on which a reminder goes.
ASSIGNMENT_REMINDER_DAYS = (7, 1)
# Weekly overdue notices after the due date, for this many weeks.
OVERDUE_WEEKS = 4
EDITABLE_REPORT_STATES = (ReportState.DRAFT, ReportState.RETURNED)


def assignment_step(*, due_on: dt.date, today: dt.date) -> tuple[str, str] | None:
    """(kind, step) due ``today`` for a part owed by ``due_on``, or None: "due-7" from 7
    days left down to 2, "due-1" on the eve and on the day, "overdue-0" the first week
    late, "overdue-1" the second..."""
    return step_due(
        due_on=due_on,
        today=today,
        days_before=ASSIGNMENT_REMINDER_DAYS,
        overdue_weeks=OVERDUE_WEEKS,
    )


@dataclass
class PlannedReminder:
    assignment: Assignment
    kind: str
    step: str
    days_left: int
    recipients: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return assignment_key(self.assignment.pk, self.step)


# ``ReminderRun``, shared with the deadline reminders, under the name this module gave it.
AssignmentReminderRun = ReminderRun


def assignment_key(assignment_id: int, step: str) -> str:
    return f"assignment:{assignment_id}:{step}"


def owed_assignments():
    """Assignments still owed, in reports still open to the country."""
    return Assignment.objects.filter(
        state__in=OWED_STATES, report__state__in=EDITABLE_REPORT_STATES
    )


def assignment_reminders_plan(*, today: dt.date) -> list[PlannedReminder]:
    """What is due ``today`` and not sent yet: three queries whatever the number of
    assignments (the assignments, their people, the notices already recorded)."""
    oldest = today - dt.timedelta(weeks=OVERDUE_WEEKS)
    newest = today + dt.timedelta(days=max(ASSIGNMENT_REMINDER_DAYS))
    candidates = (
        owed_assignments()
        .filter(due_on__gte=oldest, due_on__lte=newest)
        .select_related("report__country", "report__cycle", *PART_RELATIONS)
        .order_by("due_on", "pk")
    )
    planned = []
    for assignment in candidates:
        step = assignment_step(due_on=assignment.due_on, today=today)
        if step is not None:
            days_left = (assignment.due_on - today).days
            planned.append(PlannedReminder(assignment, *step, days_left))
    if not planned:
        return []
    people = notifications.recipients_query(
        pk__in={p.assignment.assignee_id for p in planned}
    ).in_bulk()
    sent = sent_already(p.key for p in planned)
    for item in planned:
        person = people.get(item.assignment.assignee_id)
        if person is not None:
            item.recipients = still_to_hear([person], key=item.key, sent=sent)
    return [p for p in planned if p.recipients]


def _deliver(assignment: Assignment, *, key: str, kind: str, days_left: int, recipients) -> int:
    """One reminder mail to each of ``recipients`` (once per key), recorded in the
    assignment's audit trail when it went."""
    report = assignment.report
    path = reverse("reports:detail", args=[report.pk])
    sent = send_reminder(
        key=key,
        kind=kind,
        country_id=report.country_id,
        report=report,
        template="assignment_reminder",
        recipients=recipients,
        # Read in each person's language: the part's label names questions and priorities.
        context=lambda: {
            "assignment": assignment,
            "part": part_label(assignment),
            "report": report,
            "country": report.country,
            "cycle": report.cycle,
            "overdue": kind == NoticeKind.OVERDUE,
            "days_left": days_left,
            "days_late": -days_left,
        },
        url=notifications.site_url(path),
    )
    if sent:
        AssignmentEvent.objects.create(
            assignment=assignment,
            report=report,
            action=AssignmentAction.REMINDED,
            note=key.rsplit(":", 1)[1],
        )
    return sent


def assignment_reminders_send(*, today: dt.date, dry_run: bool = False) -> ReminderRun:
    """Send what ``assignment_reminders_plan`` finds due (nothing with ``dry_run``)."""
    return run_reminders(assignment_reminders_plan(today=today), send=_send_step, dry_run=dry_run)


def _send_step(item: PlannedReminder) -> int:
    return _deliver(
        item.assignment,
        key=item.key,
        kind=item.kind,
        days_left=item.days_left,
        recipients=item.recipients,
    )


def assignment_remind(*, assignment_id: int, today: dt.date) -> int:
    """ "Remind now": one mail to the assignee of a part still owed, at most once a day
    (the day is in the key), whatever the reminder switch says (a person asked for it).
    Returns the number sent: 0 for a part no longer owed or already reminded today."""
    assignment = (
        owed_assignments()
        .filter(pk=assignment_id)
        .select_related("report__country", "report__cycle", *PART_RELATIONS)
        .first()
    )
    if assignment is None:
        return 0
    recipients = list(notifications.recipients_query(pk=assignment.assignee_id))
    days_left = (assignment.due_on - today).days if assignment.due_on else 0
    kind = NoticeKind.OVERDUE if days_left < 0 else NoticeKind.REMINDER
    return _deliver(
        assignment,
        key=assignment_key(assignment.pk, f"now-{today.isoformat()}"),
        kind=kind,
        days_left=days_left,
        recipients=recipients,
    )


def overdue_assignment_ids(*, report_id: int, today: dt.date) -> list[int]:
    """The report's parts still owed whose due date has passed ("remind all overdue")."""
    return list(
        owed_assignments()
        .filter(Q(report_id=report_id) & Q(due_on__lt=today))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
