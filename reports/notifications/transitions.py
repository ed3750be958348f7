"""Mail about a report changing state: the people concerned by each action, and the
confirmation of a submission."""

from __future__ import annotations

from django.urls import reverse

from roadmap.models import Role

from .. import permissions
from ..models import NoticeKind, Transition, TransitionAction
from .delivery import deliver, site_url
from .recipients import people, recipients_query, secretariat


def transition_notify(*, transition_id: int) -> int:
    """Tell the people concerned that a report changed state. Returns the number sent."""
    transition = (
        Transition.objects.select_related(
            "by", "report", "report__country", "report__cycle", "report__cycle__framework"
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        return 0
    report = transition.report
    is_resubmission = is_resubmitted(transition)
    if transition.action == TransitionAction.SUBMIT:
        recipients = people(report, [Role.REVIEWER])
        path = reverse("reports:read", args=[report.pk])
        if is_resubmission:
            path = reverse("reports:changes", args=[report.pk])
    elif transition.action in (TransitionAction.PUBLISH, TransitionAction.WITHDRAW):
        # What the world reads of the country is its focal point's business.
        recipients = people(report, [Role.FOCAL_POINT])
        path = reverse("reports:detail", args=[report.pk])
    elif transition.action == TransitionAction.CONSENT:
        recipients = secretariat(report)  # they may publish it now
        path = reverse("reports:read", args=[report.pk])
    else:
        recipients = people(report, permissions.COUNTRY_ROLES)
        path = reverse("reports:read", args=[report.pk])
    recipients = [p for p in recipients if p.pk != transition.by_id]
    return deliver(
        key=f"transition:{transition.pk}",
        kind=NoticeKind.TRANSITION,
        country_id=report.country_id,
        report=report,
        template="report_transition",
        recipients=recipients,
        context={
            "transition": transition,
            "report": report,
            "is_resubmission": is_resubmission,
            # The templates compare ``transition.action`` with these, never a bare string.
            "actions": TransitionAction,
        },
        url=site_url(path),
    )


def is_resubmitted(transition: Transition) -> bool:
    """A submission with an earlier one before it (after a return or a reopening)."""
    return (
        transition.action == TransitionAction.SUBMIT
        and Transition.objects.filter(
            report_id=transition.report_id, action=TransitionAction.SUBMIT, pk__lt=transition.pk
        ).exists()
    )


def submission_confirm(*, transition_id: int) -> int:
    """Confirm a submission to the person who submitted and to the framework's
    secretariat: once per person (a key of its own, apart from the reviewers' notice),
    each in their language. Returns the number sent."""
    transition = (
        Transition.objects.select_related(
            "by", "report", "report__country", "report__cycle", "report__cycle__framework"
        )
        .filter(pk=transition_id, action=TransitionAction.SUBMIT)
        .first()
    )
    if transition is None:
        return 0
    report = transition.report
    recipients = list(recipients_query(pk=transition.by_id))
    recipients += [p for p in secretariat(report) if p.pk != transition.by_id]
    return deliver(
        key=f"submitted:{transition.pk}",
        kind=NoticeKind.TRANSITION,
        country_id=report.country_id,
        report=report,
        template="submission_confirmation",
        recipients=recipients,
        context={
            "transition": transition,
            "report": report,
            "is_resubmission": is_resubmitted(transition),
        },
        url=site_url(reverse("reports:read", args=[report.pk])),
    )
