"""Read queries for pages. Each returns what a page needs in a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from . import permissions
from .models import Report, ReportState, Transition


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


def return_transition(
    *, report: Report, transitions: list[Transition] | None = None
) -> Transition | None:
    """The return that sent ``report`` back for revision, while it is returned: its
    reason heads the hub and every entry page. No query unless the report is returned,
    none either when the page already holds its ``transitions`` (in order)."""
    if report.state != ReportState.RETURNED:
        return None
    if transitions is not None:
        returns = [t for t in transitions if t.to_state == ReportState.RETURNED]
        return returns[-1] if returns else None
    return (
        report.transitions.filter(to_state=ReportState.RETURNED)
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )
