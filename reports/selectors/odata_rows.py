"""What the OData feed may serve a person from one framework: the rows of the reports
``permissions.visible_reports`` lets them read, nothing else. Plain querysets (no
ordering: the feed orders and pages them), so a page is one query whatever the size."""

from __future__ import annotations

from django.db.models import QuerySet

from roadmap.models import Country, Framework

from .. import permissions
from ..models import Activity, Answer, IndicatorValue, NextStep, Report, ReportingCycle


def odata_reports(*, user: permissions.AnyUser, framework: Framework) -> QuerySet[Report]:
    """The framework's reports the user may read (a reviewer: only handed-in ones)."""
    return permissions.visible_reports(user).filter(cycle__framework=framework).order_by()


def odata_countries(*, user: permissions.AnyUser, framework: Framework) -> QuerySet[Country]:
    """Countries of those reports: an outsider learns no country's name from the feed."""
    reports = odata_reports(user=user, framework=framework)
    return Country.objects.filter(pk__in=reports.values("country_id")).order_by()


def odata_cycles(*, framework: Framework) -> list[ReportingCycle]:
    """The framework's cycles, oldest first: the feed names a cycle by its code."""
    return list(ReportingCycle.objects.filter(framework=framework).order_by("starts_on"))


def _in_reports(model, *, user: permissions.AnyUser, framework: Framework) -> QuerySet:
    reports = odata_reports(user=user, framework=framework)
    return model.objects.filter(report__in=reports.values("pk")).order_by()


def odata_answers(*, user: permissions.AnyUser, framework: Framework) -> QuerySet[Answer]:
    return _in_reports(Answer, user=user, framework=framework)


def odata_next_steps(*, user: permissions.AnyUser, framework: Framework) -> QuerySet[NextStep]:
    return _in_reports(NextStep, user=user, framework=framework)


def odata_activities(*, user: permissions.AnyUser, framework: Framework) -> QuerySet[Activity]:
    return _in_reports(Activity, user=user, framework=framework)


def odata_indicator_values(
    *, user: permissions.AnyUser, framework: Framework
) -> QuerySet[IndicatorValue]:
    return _in_reports(IndicatorValue, user=user, framework=framework)
