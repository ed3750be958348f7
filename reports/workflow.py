"""The report state machine: the one place a report's state changes.

    draft ──submit──▶ submitted ──accept──▶ accepted
      ▲                  │                     │
      │               return (reason)     reopen (reason)
      │                  ▼                     │
      └───submit──── returned ◀────────────────┘

Who may do what (``RULES`` plus ``_holds_role``):

- submit: the country's focal point, from draft or returned. "Returned" is the country's
  editable state: we keep it as its own state rather
  than falling back to draft so that everyone can see the report came back, and so that
  reviewers, who never see a never-submitted draft, keep reading it while it is revised.
- return: a reviewer covering the country, or an admin, from submitted; reason required.
- accept: a reviewer covering the country, or an admin, from submitted.
- reopen: a reviewer covering the country, or an admin, from accepted, back to returned
  (editable by the country again); reason required. It withdraws nothing from the
  public pages: the public keeps the snapshot it had until the report is published again.
- publish, withdraw (reason required): the framework's secretariat or an admin, on an
  accepted report; consent: the country's focal point, when the framework asks for it.
  The state stays "accepted"; ``reports.publishing`` says what else each needs.

Each transition is checked here on the server (role, country, current state) whatever the
page offered, recorded as a ``Transition`` with who, when and why, and runs in one
transaction with the report row locked. Emails go out only after that transaction commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import permissions, publishing, tasks
from .layout import build_layout
from .models import Report, ReportState, Transition, TransitionAction
from .quality import missing_required
from .revisions import report_touch
from .selectors.validation import report_warnings
from .snapshot import report_snapshot

REASON_MAX_LENGTH = 5000


@dataclass(frozen=True)
class Rule:
    sources: tuple[str, ...]
    target: str
    reason_required: bool
    # Who takes it: the country's focal point, or the report's reviewers (and admins);
    # a publishing step (``reports.publishing``) says so itself.
    by_reviewer: bool
    # Its button label is the action's (``TransitionAction``).
    action: TransitionAction
    # Shown above the reason field on the confirmation form.
    help: str | Promise = ""
    button_class: str = "btn-primary"

    @property
    def label(self) -> str | Promise:
        return self.action.label


RULES: dict[TransitionAction, Rule] = {
    TransitionAction.SUBMIT: Rule(
        (ReportState.DRAFT, ReportState.RETURNED),
        ReportState.SUBMITTED,
        reason_required=False,
        action=TransitionAction.SUBMIT,
        by_reviewer=False,
        help=gettext_lazy(
            "Once submitted, the report is read-only for your country until a reviewer returns it."
        ),
    ),
    TransitionAction.RETURN: Rule(
        (ReportState.SUBMITTED,),
        ReportState.RETURNED,
        reason_required=True,
        action=TransitionAction.RETURN,
        by_reviewer=True,
        help=gettext_lazy(
            "The country can edit the report again. Say what needs revising: the reason is "
            "emailed to the country and kept in the report's history."
        ),
        button_class="btn-warning",
    ),
    TransitionAction.ACCEPT: Rule(
        (ReportState.SUBMITTED,),
        ReportState.ACCEPTED,
        reason_required=False,
        action=TransitionAction.ACCEPT,
        by_reviewer=True,
        help=gettext_lazy("The report becomes final. A note is optional."),
        button_class="btn-success",
    ),
    TransitionAction.REOPEN: Rule(
        (ReportState.ACCEPTED,),
        ReportState.RETURNED,
        reason_required=True,
        action=TransitionAction.REOPEN,
        by_reviewer=True,
        help=gettext_lazy(
            "The accepted report goes back to the country for revision. Say why: the reason "
            "is emailed to the country and kept in the report's history."
        ),
        button_class="btn-outline-danger",
    ),
    TransitionAction.PUBLISH: Rule(
        (ReportState.ACCEPTED,),
        ReportState.ACCEPTED,
        reason_required=False,
        action=TransitionAction.PUBLISH,
        by_reviewer=False,
        help=gettext_lazy(
            "The report as it is now (this revision) goes on the public pages, with its "
            "evidence files marked public, in English and Vietnamese. Comments, reviewers' "
            "notes, explanations of warnings, the reason for a delay and people's names "
            "are never shown. A later change shows only once you publish again; reopening "
            "the report does not take it off the public pages."
        ),
        button_class="btn-success",
    ),
    TransitionAction.WITHDRAW: Rule(
        (ReportState.ACCEPTED, ReportState.RETURNED, ReportState.SUBMITTED),
        ReportState.ACCEPTED,
        reason_required=True,
        action=TransitionAction.WITHDRAW,
        by_reviewer=False,
        help=gettext_lazy(
            "The report leaves the public pages at once. Say why: the reason is emailed "
            "to the country's focal point and kept in the report's history; it is not "
            "shown publicly."
        ),
        button_class="btn-outline-danger",
    ),
    TransitionAction.CONSENT: Rule(
        (ReportState.ACCEPTED,),
        ReportState.ACCEPTED,
        reason_required=False,
        action=TransitionAction.CONSENT,
        by_reviewer=False,
        help=gettext_lazy(
            "You agree that this revision of your country's accepted report may be shown "
            "on the public pages. The secretariat decides when to publish it. A later "
            "revision needs your consent again."
        ),
    ),
}


def _holds_role(user, report: Report, rule: Rule) -> bool:
    """The role half of the check, whatever the report's state."""
    if rule.action in publishing.PUBLISHING_ACTIONS:
        return publishing.holds_role(user, report, rule.action)
    if rule.by_reviewer:
        return permissions.is_reviewer_of(user, report)
    return permissions.is_focal_point_of(user, report)


def may(user, report: Report, action: str) -> bool:
    """Whether ``user`` may take ``action`` on ``report`` in its current state."""
    rule = RULES.get(action)
    if rule is None or report.state not in rule.sources:
        return False
    if not _holds_role(user, report, rule):
        return False
    return action not in publishing.PUBLISHING_ACTIONS or publishing.check(report, action) is None


def allowed_actions(user, report: Report) -> list[str]:
    return [action for action in RULES if may(user, report, action)]


def _locked(report: Report) -> Report:
    """The report's row, locked for the rest of the transaction: two reviewers pressing
    Accept and Return together get one each; the second sees the new state and is refused."""
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("country", "cycle", "roadmap")
        .get(pk=report.pk)
    )


def _checked_reason(*, locked: Report, user, rule: Rule, reason: str) -> str:
    """The reason, stripped, once ``user`` may take ``rule`` on ``locked`` now; raise
    PermissionDenied or ValidationError otherwise."""
    if not user.is_authenticated or not _holds_role(user, locked, rule):
        raise PermissionDenied(_("You may not do this on this report."))
    if locked.state not in rule.sources:
        raise ValidationError(
            _("This report is %(state)s: it cannot be changed that way now.")
            % {"state": locked.get_state_display().lower()},
            code="invalid_state",
        )
    reason = reason.strip()
    if rule.reason_required and not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Please give a reason."), code="reason_required")}
        )
    if len(reason) > REASON_MAX_LENGTH:
        message = _("Please keep the reason under %(max)d characters.")
        raise ValidationError(
            {
                "reason": ValidationError(
                    message, code="reason_too_long", params={"max": REASON_MAX_LENGTH}
                )
            }
        )
    return reason


def _submission_snapshot(locked: Report) -> dict:
    """What a submission hands in, refused while a required question is unanswered."""
    layout = build_layout(locked)
    missing = missing_required(layout)
    if missing:
        raise ValidationError(
            _("%(count)d required questions are not answered yet.") % {"count": len(missing)},
            code="incomplete",
        )
    # A warning of the framework's rules (reports.validation) is handed in only explained.
    unexplained = [w for w in report_warnings(report=locked) if w.explanation is None]
    if unexplained:
        raise ValidationError(
            ngettext(
                "%(count)d warning is not explained yet.",
                "%(count)d warnings are not explained yet.",
                len(unexplained),
            )
            % {"count": len(unexplained)},
            code="unexplained_warnings",
        )
    return report_snapshot(layout)


def _move(*, locked: Report, action: str, target: str) -> None:
    """Save ``locked`` in ``target`` with the time stamps ``action`` sets."""
    now = timezone.now()
    locked.state = target
    fields = ["state", "updated_at"]
    if action == TransitionAction.SUBMIT:
        locked.submitted_at = now
        fields.append("submitted_at")
    if action == TransitionAction.ACCEPT:
        locked.accepted_at = now
        fields.append("accepted_at")
    if action == TransitionAction.REOPEN:
        locked.accepted_at = None
        fields.append("accepted_at")
    # Saved in a handed-in state: reports.freeze freezes its roadmap version, indicators
    # and questionnaire (as it does whatever saves a handed-in report).
    locked.save(update_fields=fields)


def _after_commit(record: Transition) -> None:
    """The mail and the PDFs a committed transition sends the worker."""
    # The worker mails (with retries) once the transition has committed. robust: a job
    # queue that cannot be reached must not turn a committed transition into an error
    # page (the failure is logged).
    transaction.on_commit(partial(tasks.send_transition_mail, record.pk), robust=True)
    if record.action == TransitionAction.SUBMIT:
        # The person who handed it in, and the secretariat, are told it arrived.
        transaction.on_commit(partial(tasks.send_submission_confirmation, record.pk), robust=True)
    if record.action == TransitionAction.PUBLISH:
        # The public PDF, in each language, from the frozen snapshot's revision.
        transaction.on_commit(partial(tasks.render_public_pdfs, record.report_id), robust=True)
        return
    if record.action in publishing.PUBLISHING_ACTIONS:
        return  # the report is unchanged: its PDF stands
    # The PDF of the new state, in every language, so the first download is instant.
    transaction.on_commit(partial(tasks.render_report_pdfs, record.report_id), robust=True)


@transaction.atomic
def report_transition(*, report: Report, user, action: str, reason: str = "") -> Transition:
    """Move ``report`` along ``action``; raise PermissionDenied or ValidationError and
    change nothing if that is not allowed now. ``report`` is refreshed on success."""
    rule = RULES.get(action)
    if rule is None:
        raise ValidationError(_("Unknown action."), code="unknown_action")
    locked = _locked(report)
    reason = _checked_reason(locked=locked, user=user, rule=rule, reason=reason)
    if action in publishing.PUBLISHING_ACTIONS:
        # The state stays: no revision bump, no new PDF of the report.
        record = publishing.take(locked=locked, user=user, action=action, reason=reason)
        _after_commit(record)
        report.refresh_from_db()
        return record
    snapshot = _submission_snapshot(locked) if action == TransitionAction.SUBMIT else None
    previous = locked.state
    _move(locked=locked, action=action, target=rule.target)
    report_touch(report=locked, carry_over=False)
    record = Transition.objects.create(
        report=locked,
        action=action,
        from_state=previous,
        to_state=rule.target,
        by=user,
        reason=reason,
        snapshot=snapshot,
    )
    _after_commit(record)
    report.refresh_from_db()
    return record


# Not in RULES: no page offers it. A country's report of a past cycle, written in Word
# before the portal existed, enters as history: accepted at once, by an admin, with the
# file it came from as the reason. Never from a report anyone has handed in or typed in.
IMPORT_HISTORY = TransitionAction.IMPORT_HISTORY


@transaction.atomic
def report_import_history(*, report: Report, user, source: str) -> Transition:
    """Make the freshly imported ``report`` (a draft, never submitted, of a cycle already
    over) an accepted report; PermissionDenied or ValidationError and nothing changes
    otherwise. No email: nobody is waiting for a report of a past year."""
    locked = _locked(report)
    if not user.is_authenticated or not permissions.can_import_history(user):
        raise PermissionDenied(_("You may not do this on this report."))
    if locked.state != ReportState.DRAFT or locked.submitted_at is not None:
        raise ValidationError(
            _("This country already handed in a report for this cycle."), code="handed_in"
        )
    if locked.cycle.ends_on >= timezone.localdate():
        raise ValidationError(
            _("Only a report of a cycle that is over can be imported as history."),
            code="cycle_not_over",
        )

    now = timezone.now()
    locked.state = ReportState.ACCEPTED
    locked.submitted_at = locked.accepted_at = now
    locked.save(update_fields=["state", "submitted_at", "accepted_at", "updated_at"])  # freezes
    report_touch(report=locked, carry_over=False)
    record = Transition.objects.create(
        report=locked,
        action=IMPORT_HISTORY,
        from_state=ReportState.DRAFT,
        to_state=ReportState.ACCEPTED,
        by=user,
        reason=(_("Imported from the Word file %(name)s") % {"name": source})[:REASON_MAX_LENGTH],
        snapshot=report_snapshot(build_layout(locked)),
    )
    report.refresh_from_db()
    return record
