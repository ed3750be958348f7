"""Reporting cycles as the help page lists them: open now (deadline ahead or recently
passed) and about to open; and the reports a focal point may open on the home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from roadmap.models import Country, Roadmap

from .. import permissions
from ..models import Report, ReportingCycle


@dataclass(frozen=True)
class CycleDates:
    cycle: ReportingCycle
    # "upcoming" (not open yet), "open" (deadline ahead), "late" (deadline passed, overdue
    # notices still going: a late report is still taken).
    status: str
    days: int  # days to the opening, to the deadline, or since it

    @property
    def is_upcoming(self) -> bool:
        return self.status == "upcoming"

    @property
    def is_late(self) -> bool:
        return self.status == "late"


def current_cycles(*, today: dt.date) -> list[CycleDates]:
    """Cycles not yet open, open, or past their deadline for no longer than overdue
    notices go (``REMINDER_OVERDUE_WEEKS``), by deadline. One query."""
    oldest_deadline = today - dt.timedelta(weeks=settings.REMINDER_OVERDUE_WEEKS)
    cycles = (
        ReportingCycle.objects.filter(deadline__gte=oldest_deadline)
        .select_related("framework")
        .order_by("deadline", "framework__name", "pk")
    )
    result = []
    for cycle in cycles:
        if cycle.opens_on > today:
            result.append(CycleDates(cycle, "upcoming", (cycle.opens_on - today).days))
        elif cycle.deadline >= today:
            result.append(CycleDates(cycle, "open", (cycle.deadline - today).days))
        else:
            result.append(CycleDates(cycle, "late", (today - cycle.deadline).days))
    return result


@dataclass(frozen=True)
class ReportToOpen:
    country: Country
    cycle: ReportingCycle


def reports_to_open(*, user: permissions.AnyUser, today: dt.date) -> list[ReportToOpen]:
    """The reports the user may open (``permissions.can_open_report``) and that do not
    exist yet: per country, each cycle taking new reports (``takes_new_reports``), with a
    questionnaire, of a framework the country has a roadmap under. Three queries at most
    (none for a person who is no focal point), whatever the number of countries."""
    roles = permissions.roles_for(user)
    countries = [c for c in roles.countries if permissions.can_open_report(user, c.pk)]
    if not countries:
        return []
    oldest_deadline = today - dt.timedelta(weeks=settings.REMINDER_OVERDUE_WEEKS)
    cycles = [
        c
        for c in ReportingCycle.objects.filter(
            opens_on__lte=today, deadline__gte=oldest_deadline, questionnaire__isnull=False
        )
        .select_related("framework")
        .order_by("-starts_on", "framework__name", "pk")
        if c.takes_new_reports(today)
    ]
    if not cycles:
        return []
    ids = [c.pk for c in countries]
    frameworks = set(
        Roadmap.objects.filter(country_id__in=ids).values_list("country_id", "framework_id")
    )
    existing = set(
        Report.objects.filter(country_id__in=ids, cycle__in=cycles).values_list(
            "country_id", "cycle_id"
        )
    )
    return [
        ReportToOpen(country=country, cycle=cycle)
        for cycle in cycles
        for country in countries
        if (country.pk, cycle.framework_id) in frameworks and (country.pk, cycle.pk) not in existing
    ]
