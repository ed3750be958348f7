"""Deadline reminders and overdue notices, for every open cycle.

The country's focal points and reporters hear about a report that is not handed in yet
30, 7 and 1 day(s) before the deadline; the day after the deadline, and every week after
for ``REMINDER_OVERDUE_WEEKS`` weeks, an overdue notice goes to them with a copy to those
``notifications.overdue_copy_recipients`` names. A country that has handed its report in
(``permissions.HANDED_IN``) gets nothing, nor does a person who switched reminders off.

A step missed (the worker was down that morning) is caught up on the next run, until the
next step is due: only the latest step reached is ever sent. Each step goes once per
person: ``notifications.deliver`` records it under a key unique per person. The steps, who
is still to hear one and the sending are shared with the reminders about assignments
(``notifications.reminding``); the selection (which countries, their staff and copies) and
the texts (``emails/reminder*``) are this module's.

``manage.py send_reminders`` and the daily job both call ``reminders_send``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from roadmap.models import Country, Membership

from . import notifications, permissions
from .models import NoticeKind, Report, ReportingCycle
from .notifications.reminding import (
    ReminderRun,
    run_reminders,
    send_reminder,
    sent_already,
    step_due,
    still_to_hear,
)

# Days before the deadline on which a reminder goes.
REMINDER_DAYS = (30, 7, 1)


def reminder_step(*, deadline: dt.date, today: dt.date) -> tuple[str, str] | None:
    """(kind, step) due ``today`` for a report not handed in by ``deadline``, or None.

    Before the deadline: the reminder of the nearest step reached ("due-7" from 7 days
    left down to 2). After it: "overdue-0" for the first week late, "overdue-1" for the
    second, and so on, for ``REMINDER_OVERDUE_WEEKS`` weeks."""
    return step_due(
        due_on=deadline,
        today=today,
        days_before=REMINDER_DAYS,
        overdue_weeks=settings.REMINDER_OVERDUE_WEEKS,
    )


@dataclass
class Planned:
    """One step of one country's report, and who is to hear about it."""

    cycle: ReportingCycle
    country: Country
    report: Report | None
    kind: str
    step: str
    days_left: int
    staff: list = field(default_factory=list)
    copies: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"reminder:{self.cycle.pk}:{self.country.pk}:{self.step}"

    @property
    def recipients(self) -> list:
        return self.staff + self.copies


def _open_cycles(today: dt.date) -> list[ReportingCycle]:
    """Cycles whose reporting has opened and whose overdue notices are not over."""
    oldest_deadline = today - dt.timedelta(weeks=settings.REMINDER_OVERDUE_WEEKS)
    return list(
        ReportingCycle.objects.filter(opens_on__lte=today, deadline__gte=oldest_deadline)
        .select_related("framework")
        .order_by("deadline", "pk")
    )


def reminders_plan(*, today: dt.date) -> list[Planned]:
    """What is due ``today`` and not sent yet (a fixed number of queries whatever the
    number of countries and people)."""
    planned: list[Planned] = []
    for cycle in _open_cycles(today):
        step = reminder_step(deadline=cycle.deadline, today=today)
        if step is None:
            continue
        handed_in = Report.objects.filter(permissions.HANDED_IN, cycle=cycle).values("country_id")
        countries = (
            Country.objects.filter(is_pathfinder=True, roadmaps__framework_id=cycle.framework_id)
            .exclude(pk__in=handed_in)
            .distinct()
            .order_by("name")
        )
        reports = {r.country_id: r for r in Report.objects.filter(cycle=cycle)}
        planned += [
            Planned(cycle, country, reports.get(country.pk), *step, (cycle.deadline - today).days)
            for country in countries
        ]
    if not planned:
        return []
    country_ids = {p.country.pk for p in planned}
    staff = _people_by_country(country_ids, roles=permissions.COUNTRY_ROLES)
    # Copies per framework: its secretariat is copied on its own countries' notices only.
    copies = {
        framework_id: notifications.overdue_copy_recipients(
            country_ids={p.country.pk for p in planned if p.cycle.framework_id == framework_id},
            framework_id=framework_id,
        )
        for framework_id in {p.cycle.framework_id for p in planned}
    }
    sent = sent_already(p.key for p in planned)
    for item in planned:
        own = staff.get(item.country.pk, [])
        item.staff = still_to_hear(own, key=item.key, sent=sent)
        if item.kind == NoticeKind.OVERDUE:
            copied = copies[item.cycle.framework_id].get(item.country.pk, [])
            # The country's own staff hear as staff (or not at all), never as a copy.
            wanted = [p for p in own if notifications.wants_reminders(p)]
            others = [p for p in copied if p not in wanted]
            item.copies = still_to_hear(others, key=item.key, sent=sent)
    return [p for p in planned if p.staff or p.copies]


def _people_by_country(country_ids: set[int], *, roles) -> dict[int, list]:
    rows = list(
        Membership.objects.filter(country_id__in=country_ids, role__in=roles).values_list(
            "country_id", "user_id"
        )
    )
    people = notifications.recipients_query(pk__in={user for _c, user in rows}).in_bulk()
    by_country: dict[int, list] = defaultdict(list)
    for country_id, user_id in rows:
        if user_id in people:
            by_country[country_id].append(people[user_id])
    return by_country


def reminders_send(*, today: dt.date, dry_run: bool = False) -> ReminderRun:
    """Send what ``reminders_plan`` finds due (nothing with ``dry_run``)."""
    return run_reminders(reminders_plan(today=today), send=_send_step, dry_run=dry_run)


def _send_step(item: Planned) -> int:
    """One step to the country's staff (linking to the report) and its copies."""
    context = {
        "cycle": item.cycle,
        "country": item.country,
        "report": item.report,
        "overdue": item.kind == NoticeKind.OVERDUE,
        "days_left": item.days_left,
        "days_late": -item.days_left,
    }
    own = reverse("reports:detail", args=[item.report.pk]) if item.report else reverse("home")
    sent = 0
    # Reviewers cannot open a draft that was never handed in: their link is the queue.
    for recipients, is_copy, path in (
        (item.staff, False, own),
        (item.copies, True, reverse("reports:queue")),
    ):
        sent += send_reminder(
            key=item.key,
            kind=item.kind,
            country_id=item.country.pk,
            report=item.report,
            template="reminder",
            recipients=recipients,
            context={**context, "is_copy": is_copy},
            url=notifications.site_url(path),
        )
    return sent
