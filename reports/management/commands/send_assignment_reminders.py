"""Reminders about assignments due today: exactly what the daily job does, so operators
can run it from cron and tests (or a rehearsal) can move the date."""

from __future__ import annotations

from reports.assignment_reminders import assignment_reminders_send
from reports.management.reminder_command import ReminderCommand


class Command(ReminderCommand):
    help = "Send the reminders about assigned parts of reports due today (each step once)."

    def send(self, *, today, dry_run):
        return assignment_reminders_send(today=today, dry_run=dry_run)

    def describe(self, item) -> str:
        return f"assignment {item.assignment.pk} {item.step}"
