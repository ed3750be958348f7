"""What the deadline reminders (``reports.reminders``) and the reminders about assignments
(``reports.assignment_reminders``) share; each keeps its own selection (which reports or
parts are due, to whom) and its own texts (its templates and context).

- the steps: some days before a date, then the day after it and every week after for a
  number of weeks; a step missed is caught up until the next one is due;
- who is still to hear a step: people with reminders switched on who have no notice under
  its key yet (one query for all the keys of a run);
- the sending: ``deliver`` sends each person's mail once per key, in their language, with
  the link to the page where reminders are switched off;
- a run: what was planned (listed by the commands, even on a dry run) and how many went.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from ..models import Notice, NoticeKind, Report
from .delivery import deliver, site_url
from .recipients import wants_reminders


def step_due(
    *, due_on: dt.date, today: dt.date, days_before: Iterable[int], overdue_weeks: int
) -> tuple[str, str] | None:
    """(kind, step) due ``today`` for something owed by ``due_on``, or None: the reminder
    of the nearest of ``days_before`` reached ("due-7" from 7 days left down to the next
    step), then "overdue-0" for the first week late, "overdue-1" for the second... for
    ``overdue_weeks`` weeks."""
    days_left = (due_on - today).days
    if days_left >= 0:
        reached = [d for d in days_before if d >= days_left]
        return (NoticeKind.REMINDER, f"due-{min(reached)}") if reached else None
    week = (-days_left - 1) // 7
    if week >= overdue_weeks:
        return None
    return NoticeKind.OVERDUE, f"overdue-{week}"


def sent_already(keys: Iterable[str]) -> set[tuple[int, str]]:
    """(recipient id, key) of every notice recorded under one of ``keys``: one query."""
    return set(Notice.objects.filter(key__in=list(keys)).values_list("recipient_id", "key"))


def still_to_hear(people: Iterable, *, key: str, sent: set[tuple[int, str]]) -> list:
    """Those of ``people`` who want reminders and have had nothing under ``key``."""
    return [p for p in people if wants_reminders(p) and (p.pk, key) not in sent]


def send_reminder(
    *,
    key: str,
    kind: str,
    country_id: int,
    report: Report | None,
    template: str,
    recipients: list,
    context: dict | Callable[[], dict],
    url: str,
) -> int:
    """``deliver`` a reminder (once per person and key, in each person's language), its
    context given the link to the page where reminders are switched off."""
    return deliver(
        key=key,
        kind=kind,
        country_id=country_id,
        report=report,
        template=template,
        recipients=recipients,
        context=_with_notices_url(context),
        url=url,
    )


def _with_notices_url(context: dict | Callable[[], dict]) -> dict | Callable[[], dict]:
    notices_url = site_url(reverse("reports:notices"))
    if callable(context):
        # Still a callable: ``deliver`` reads it in each person's language.
        return lambda: {**context(), "notices_url": notices_url}
    return {**context, "notices_url": notices_url}


@dataclass
class ReminderRun:
    """What a run found due (each item with its ``recipients``) and how many mails went."""

    planned: list[Any]
    sent: int = 0

    @property
    def pending(self) -> int:
        return sum(len(p.recipients) for p in self.planned)


def run_reminders(planned: list, *, send: Callable[[Any], int], dry_run: bool) -> ReminderRun:
    """Send each planned item with ``send`` (nothing with ``dry_run``)."""
    run = ReminderRun(planned=planned)
    if not dry_run:
        for item in planned:
            run.sent += send(item)
    return run
