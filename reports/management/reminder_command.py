"""What ``send_reminders`` and ``send_assignment_reminders`` share: ``--today`` and
``--dry-run``, a line per step due with who is to hear it, and the count sent. Each
command says how it sends (``send``) and how it names a step (``describe``)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.notifications.reminding import ReminderRun


class ReminderCommand(BaseCommand):
    def send(self, *, today: dt.date, dry_run: bool) -> ReminderRun:
        raise NotImplementedError

    def describe(self, item) -> str:
        raise NotImplementedError

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
        run = self.send(today=on, dry_run=dry_run)
        for item in run.planned:
            names = ", ".join(p.username for p in item.recipients)
            self.stdout.write(f"{self.describe(item)}: {names}")
        if dry_run:
            self.stdout.write(f"Dry run on {on}: {run.pending} message(s) due, none sent.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{on}: {run.sent} message(s) sent."))
