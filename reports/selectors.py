"""Read queries for pages. Each returns what a page needs in a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from . import permissions
from .models import Report


def report_for(user, pk: int) -> Report:
    """The report ``pk`` if ``user`` may read it, else 404 (never 403: a 403 would tell an
    outsider the report exists)."""
    try:
        report = Report.objects.with_context().get(pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None
    if not permissions.can_view_report(user, report):
        raise Http404
    return report


def home_reports(user) -> QuerySet[Report]:
    return (
        permissions.visible_reports(user)
        .with_context()
        .order_by("-cycle__starts_on", "country__name")
    )
