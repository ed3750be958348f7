"""Helpers of the monitoring tests: a framework's countries with or without a report."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from reports.models import Report, ReportState, Transition
from tests.factories import (
    CountryFactory,
    RoadmapFactory,
    UserFactory,
    report_with_form,
)


def country_without_report(cycle, **country_kwargs):
    """A country of the cycle's framework (it has a roadmap) that has not opened its report."""
    country = CountryFactory(**country_kwargs)
    RoadmapFactory(country=country, framework=cycle.framework)
    return country


def submitted(report: Report, *, on: dt.datetime | None = None, state=ReportState.SUBMITTED):
    """``report`` handed in on ``on`` (recorded as the workflow records it), in ``state``."""
    on = on or timezone.now()
    Report.objects.filter(pk=report.pk).update(state=state, submitted_at=on)
    transition = Transition.objects.create(
        report=report,
        action="submit",
        from_state=ReportState.DRAFT,
        to_state=ReportState.SUBMITTED,
        by=UserFactory(),
    )
    Transition.objects.filter(pk=transition.pk).update(at=on)
    report.refresh_from_db()
    return report


def countries_with_reports(cycle, n: int) -> list[Report]:
    """``n`` countries of the cycle's framework, each with a submitted report."""
    return [submitted(report_with_form(priorities=2, cycle=cycle)) for _ in range(n)]
