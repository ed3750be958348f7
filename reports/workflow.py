"""The report state machine: the one place a report's state changes.

    draft ──submit──▶ submitted ──accept──▶ accepted
      ▲                  │                     │
      └─(edit)─ returned ◀──return (reason)────┘ reopen (reason)

Each transition is checked here on the server (role, country, current state), recorded
as a ``Transition`` with who, when and why, and runs in one transaction. Notifications
go out only after the transaction commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import permissions
from .models import Report, ReportState, Transition

Action = Literal["submit", "return", "accept", "reopen"]


@dataclass(frozen=True)
class Rule:
    sources: tuple[str, ...]
    target: str
    reason_required: bool
    label: str


RULES: dict[str, Rule] = {
    "submit": Rule(
        (ReportState.DRAFT, ReportState.RETURNED),
        ReportState.SUBMITTED,
        False,
        gettext_lazy("Submit"),
    ),
    "return": Rule(
        (ReportState.SUBMITTED,), ReportState.RETURNED, True, gettext_lazy("Return for revision")
    ),
    "accept": Rule((ReportState.SUBMITTED,), ReportState.ACCEPTED, False, gettext_lazy("Accept")),
    "reopen": Rule((ReportState.ACCEPTED,), ReportState.RETURNED, True, gettext_lazy("Reopen")),
}


def may(user, report: Report, action: str) -> bool:
    """Whether ``user`` may take ``action`` on ``report`` in its current state."""
    rule = RULES.get(action)
    if rule is None or report.state not in rule.sources:
        return False
    if action == "submit":
        return permissions.can_submit_report(user, report)
    return permissions.is_reviewer_of(user, report)


def allowed_actions(user, report: Report) -> list[str]:
    return [action for action in RULES if may(user, report, action)]


@transaction.atomic
def report_transition(*, report: Report, user, action: str, reason: str = "") -> Transition:
    """Move ``report`` along ``action``; raise PermissionDenied or ValidationError and
    change nothing if that is not allowed now."""
    # Lock the row: two reviewers pressing Accept and Return together get one each,
    # the second sees the new state and is refused.
    locked = Report.objects.select_for_update().select_related("cycle", "roadmap").get(pk=report.pk)
    rule = RULES.get(action)
    if rule is None:
        raise ValidationError(_("Unknown action."), code="unknown_action")
    if locked.state not in rule.sources:
        raise ValidationError(
            _("This report is %(state)s: it cannot be changed that way now.")
            % {"state": locked.get_state_display().lower()},
            code="invalid_state",
        )
    if not may(user, locked, action):
        raise PermissionDenied(_("You may not do this on this report."))
    reason = reason.strip()
    if rule.reason_required and not reason:
        raise ValidationError({"reason": _("Please give a reason.")}, code="reason_required")

    snapshot = None
    if action == "submit":
        from .layout import build_layout
        from .quality import missing_required
        from .snapshot import report_snapshot

        layout = build_layout(locked)
        missing = missing_required(layout)
        if missing:
            raise ValidationError(
                _("%(count)d required questions are not answered yet.") % {"count": len(missing)},
                code="incomplete",
            )
        snapshot = report_snapshot(layout)

    now = timezone.now()
    previous = locked.state
    locked.state = rule.target
    fields = ["state", "updated_at"]
    if action == "submit":
        locked.submitted_at = now
        fields.append("submitted_at")
    if action == "accept":
        locked.accepted_at = now
        fields.append("accepted_at")
    locked.save(update_fields=fields)
    Report.objects.filter(pk=locked.pk).update(revision=F("revision") + 1)
    record = Transition.objects.create(
        report=locked,
        action=action,
        from_state=previous,
        to_state=rule.target,
        by=user,
        reason=reason,
        snapshot=snapshot,
    )
    report.refresh_from_db()
    return record
