"""Helpers shared by the publishing tests: an accepted report, taken there by the
workflow as people do, and the people who publish it."""

from __future__ import annotations

from reports import workflow
from reports.models import Report, TransitionAction

from .review_support import fill_required


def accept(report: Report, *, focal, reviewer, note: str = "") -> Report:
    """Submit (by ``focal``) and accept (by ``reviewer``) ``report`` through the workflow."""
    fill_required(report)
    workflow.report_transition(report=report, user=focal, action=TransitionAction.SUBMIT)
    workflow.report_transition(
        report=report, user=reviewer, action=TransitionAction.ACCEPT, reason=note
    )
    report.refresh_from_db()
    return report


def step(report: Report, user, action: str, reason: str = ""):
    return workflow.report_transition(report=report, user=user, action=action, reason=reason)
