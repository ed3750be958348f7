"""The publishing half of the workflow: publish an accepted report, withdraw it from the
public pages, and the focal point's consent. ``reports.workflow`` holds the rules (who,
from which state) and records every step as a ``Transition``; this module holds what is
particular to publishing, and is called only from there, inside its transaction with the
report's row locked.

- Publish: an accepted report, by the framework's secretariat or an admin
  (``permissions.can_publish``); when the framework asks for it, only once the country's
  focal point has consented to that very revision. It freezes ``public_snapshot`` in a
  new ``Publication``; a live publication of an older revision is withdrawn in the same
  transaction (at the same instant: "republished"). The current revision public already:
  refused, so a double POST publishes once.
- Withdraw: the live publication, by the same people, with a reason (for the country: the
  public pages never show it).
- Consent: the focal point's, to the current revision, once.

Reopening an accepted report withdraws nothing: the public keeps the snapshot it had
until the corrected report is accepted and published again.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import Publication, Report, Transition, TransitionAction
from .publication_snapshot import public_snapshot

PUBLISHING_ACTIONS = (TransitionAction.PUBLISH, TransitionAction.WITHDRAW, TransitionAction.CONSENT)


def live_publication(report: Report) -> Publication | None:
    return report.publications.filter(withdrawn_at__isnull=True).first()


def has_consent(report: Report) -> bool:
    """The focal point consented to publishing the report's current revision."""
    return report.transitions.filter(
        action=TransitionAction.CONSENT, revision=report.revision
    ).exists()


def needs_consent(report: Report) -> bool:
    return report.cycle.framework.publication_needs_consent


def check(report: Report, action: str) -> ValidationError | None:
    """Why ``action`` cannot be taken on ``report`` now (an accepted report, whoever asks),
    or None."""
    live = live_publication(report)
    if action == TransitionAction.PUBLISH:
        if live is not None and live.revision == report.revision:
            return ValidationError(
                _("Revision %(revision)d of this report is already public.")
                % {"revision": report.revision},
                code="already_published",
            )
        if needs_consent(report) and not has_consent(report):
            return ValidationError(
                _("The country's focal point has not consented to publishing this revision yet."),
                code="consent_needed",
            )
    elif action == TransitionAction.WITHDRAW:
        if live is None:
            return ValidationError(
                _("This report is not on the public pages."), code="not_published"
            )
    elif action == TransitionAction.CONSENT:
        if not needs_consent(report):
            return ValidationError(
                _("This report can be published without the country's consent."),
                code="consent_not_needed",
            )
        if has_consent(report) or (live is not None and live.revision == report.revision):
            return ValidationError(
                _("You have already consented to publishing this revision."),
                code="already_consented",
            )
    return None


def holds_role(user, report: Report, action: str) -> bool:
    if action == TransitionAction.CONSENT:
        return permissions.is_focal_point_of(user, report)
    return permissions.can_publish(user, report)


def take(*, locked: Report, user, action: str, reason: str) -> Transition:
    """Take ``action`` on the locked, accepted ``locked`` (role and state checked), or
    raise ValidationError and change nothing."""
    refused = check(locked, action)
    if refused is not None:
        raise refused
    now = timezone.now()
    if action == TransitionAction.PUBLISH:
        _publish(locked=locked, user=user, now=now)
    elif action == TransitionAction.WITHDRAW:
        Publication.objects.filter(report=locked, withdrawn_at__isnull=True).update(
            withdrawn_at=now, withdrawn_by=user, withdrawn_reason=reason
        )
    return Transition.objects.create(
        report=locked,
        action=action,
        # No change of state (accepted; returned or submitted for a withdrawal while the
        # country revises): recorded as a step all the same, the audit trail's way.
        from_state=locked.state,
        to_state=locked.state,
        by=user,
        reason=reason,
        revision=locked.revision,
    )


def _publish(*, locked: Report, user, now) -> Publication:
    snapshot = public_snapshot(locked)
    # The older revision goes at the instant the newer one comes: never two live, never
    # a moment with none.
    Publication.objects.filter(report=locked, withdrawn_at__isnull=True).update(
        withdrawn_at=now,
        withdrawn_by=user,
        withdrawn_reason=_("Replaced by revision %(revision)d.") % {"revision": locked.revision},
    )
    return Publication.objects.create(
        report=locked,
        revision=locked.revision,
        snapshot=snapshot,
        published_at=now,
        published_by=user,
    )
