"""Reporting cycles as the help page lists them: open now (deadline ahead or recently
passed) and about to open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from ..models import ReportingCycle


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
