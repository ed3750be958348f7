"""Deadline reminders and overdue notices due today: exactly what the daily job does, so
operators can run it from cron and tests (or a rehearsal) can move the date."""

from __future__ import annotations

from reports.management.reminder_command import ReminderCommand
from reports.reminders import reminders_send


class Command(ReminderCommand):
    help = "Send the deadline reminders and overdue notices due today (each once per person)."

    def send(self, *, today, dry_run):
        return reminders_send(today=today, dry_run=dry_run)

    def describe(self, item) -> str:
        return f"{item.cycle.code} {item.country.code} {item.step}"
