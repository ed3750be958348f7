"""One report as a page shows it: access (404 unless readable), the home list, and what a
report page says about its past (returns, submissions, lateness)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from .. import permissions
from ..models import Report, ReportState, Transition, TransitionAction


def report_for(*, user: permissions.AnyUser, pk: int, for_parts: bool = False) -> Report:
    """The report ``pk`` if ``user`` may read it, else 404 (never 403: a 403 would tell an
    outsider the report exists). ``for_parts``: an entry page, which a contributor reaches
    too for the parts assigned to them (the page shows only those)."""
    try:
        report = Report.objects.with_context().get(pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None
    allowed = permissions.can_open_parts if for_parts else permissions.can_view_report
    if not allowed(user, report):
        raise Http404
    return report


def home_reports(*, user: permissions.AnyUser) -> QuerySet[Report]:
    return (
        permissions.visible_reports(user)
        .with_context()
        .order_by("-cycle__starts_on", "country__name")
    )


# The steps that send a report back to the country.
SENT_BACK = (TransitionAction.RETURN, TransitionAction.REOPEN)


def return_transition(
    *, report: Report, transitions: list[Transition] | None = None
) -> Transition | None:
    """The return that sent ``report`` back for revision, while it is returned: its
    reason heads the hub and every entry page. No query unless the report is returned,
    none either when the page already holds its ``transitions`` (in order)."""
    if report.state != ReportState.RETURNED:
        return None
    if transitions is not None:
        # By action: a withdrawal from the public pages while returned keeps the state
        # (returned to returned) and is no return.
        returns = [t for t in transitions if t.action in SENT_BACK]
        return returns[-1] if returns else None
    return (
        report.transitions.filter(action__in=SENT_BACK)
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )


def report_is_late(
    *, report: Report, first_submitted_at: dt.datetime | None, today: dt.date
) -> bool:
    """Handed in after the cycle's deadline the first time, or not yet and the deadline
    has passed. A resubmission after a return does not make a report late: the country
    met the deadline, the reviewer asked for more."""
    first = first_submitted_at or report.submitted_at
    if first is None:
        return report.cycle.is_late(today)
    return report.cycle.is_late(timezone.localdate(first))


def report_history_facts(*, report: Report, transitions: list[Transition]) -> dict[str, object]:
    """What a report page says about its past, from its transitions (in order): how often
    it was submitted, whether it is late, the reason of the delay given with the first
    submission, and the note of what changed given with the latest resubmission."""
    submissions = [t for t in transitions if t.action == TransitionAction.SUBMIT]
    return {
        "submissions": len(submissions),
        "late_reason": submissions[0].reason if submissions else "",
        "change_note": submissions[-1] if len(submissions) > 1 and submissions[-1].reason else None,
        "is_late": report_is_late(
            report=report,
            first_submitted_at=submissions[0].at if submissions else None,
            today=timezone.localdate(),
        ),
    }


def report_steps(*, report: Report) -> list[Transition]:
    """The report's steps through the workflow, in order, with who took them (one query):
    without the answers a submission keeps (``snapshot``), which the hub does not show and
    which grows with the report and with every submission. Ordered within the report:
    the model's ordering starts with the report's own, three joins for one report.

    None, and no query, for a report never handed in (a draft never submitted: the
    project's ``HANDED_IN``): every step takes a report out of draft or follows its
    submission (``reports.workflow``, ``reports.publishing``), and nothing else sets its
    state."""
    if report.state == ReportState.DRAFT and report.submitted_at is None:
        return []
    return list(report.transitions.select_related("by").defer("snapshot").order_by("at", "pk"))
