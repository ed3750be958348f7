"""Reporting cycles: the periods reports are written for, and the codes people call them by
on the command line."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from roadmap.models import Framework


class CycleQuerySet(models.QuerySet["ReportingCycle"]):
    def get_by_code(self, code: str) -> ReportingCycle:
        """Find a cycle by the code people use on the command line: "2022-2023" for a
        cycle across two years, "2003-10" for one starting in October 2003 within a year."""
        code = code.strip()
        if match := re.fullmatch(r"(\d{4})-(\d{4})", code):
            return self.get(starts_on__year=int(match[1]), ends_on__year=int(match[2]))
        if match := re.fullmatch(r"(\d{4})-(\d{2})", code):
            return self.get(starts_on__year=int(match[1]), starts_on__month=int(match[2]))
        raise self.model.DoesNotExist(f"Not a cycle code: {code!r} (expected e.g. 2022-2023)")


class ReportingCycle(models.Model):
    """A reporting period (May to April for the annual report; a quarter for a programme).
    Its label and code are derived from its dates, never typed."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="cycles"
    )
    starts_on = models.DateField(_("period starts on"))
    ends_on = models.DateField(_("period ends on"))
    opens_on = models.DateField(_("reporting opens on"))
    deadline = models.DateField(_("deadline"))
    # The last change of the row (the API's ``updated_since``): an analyst's refresh takes
    # only what changed.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "-starts_on"]
        get_latest_by = "starts_on"
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        constraints = [
            models.UniqueConstraint(fields=["framework", "starts_on"], name="unique_cycle_start"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="cycle_ends_after_start",
                violation_error_message=_("The period must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("opens_on")),
                name="cycle_deadline_after_opening",
                violation_error_message=_("The deadline cannot be before reporting opens."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        """ "May 2022 – April 2023", in the active language."""
        return (
            f"{date_format(self.starts_on, 'YEAR_MONTH_FORMAT')} – "
            f"{date_format(self.ends_on, 'YEAR_MONTH_FORMAT')}"
        )

    @property
    def code(self) -> str:
        if self.starts_on.year == self.ends_on.year:
            return f"{self.starts_on:%Y-%m}"
        return f"{self.starts_on:%Y}-{self.ends_on:%Y}"

    def is_late(self, on: dt.date) -> bool:
        return on > self.deadline

    def takes_new_reports(self, on: dt.date) -> bool:
        """Reporting has opened and the deadline is not further behind than overdue
        notices go (a late report is still taken): a country may open its report."""
        overdue = dt.timedelta(weeks=settings.REMINDER_OVERDUE_WEEKS)
        return self.opens_on <= on <= self.deadline + overdue
