"""Reminders about assignments due today: exactly what the daily job does, so operators
can run it from cron and tests (or a rehearsal) can move the date."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.assignment_reminders import assignment_reminders_send


class Command(BaseCommand):
    help = "Send the reminders about assigned parts of reports due today (each step once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is due; send and record nothing."
        )

    def handle(self, *args, today: str | None, dry_run: bool, **options) -> None:
        try:
            on = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be a date like 2026-06-30, not {today!r}") from None
        run = assignment_reminders_send(today=on, dry_run=dry_run)
        for item in run.planned:
            names = ", ".join(p.username for p in item.recipients)
            self.stdout.write(f"assignment {item.assignment.pk} {item.step}: {names}")
        if dry_run:
            self.stdout.write(f"Dry run on {on}: {run.pending} message(s) due, none sent.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{on}: {run.sent} message(s) sent."))
