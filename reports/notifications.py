"""Emails about a report: who is told what, after the change has committed.

Callers register these with ``transaction.on_commit`` so a rolled-back change never
mails anyone; each function therefore takes an id and reads fresh rows.

- submit: the reviewers of the country;
- return, accept, reopen: the country's focal points and reporters, with the reason;
- a new comment (a thread or a reply): the other side of the conversation (the country
  when a reviewer or admin writes, the reviewers when the country writes).

One plain-text message per person (nobody sees the other recipients' addresses), in the
site's language, each with a link to the page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from roadmap.models import Role

from . import permissions
from .layout import build_layout, key_of
from .models import Comment, Report, Transition, TransitionAction


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def people(report: Report, roles: Iterable[str]) -> list:
    """Active users with an email address holding one of ``roles`` for the report's country."""
    User = get_user_model()
    return list(
        User.objects.filter(
            memberships__country_id=report.country_id,
            memberships__role__in=list(roles),
            is_active=True,
        )
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )


def _send(*, template: str, recipients: list, context: dict) -> int:
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        messages = []
        for person in recipients:
            personal = {**context, "person": person}
            subject = render_to_string(f"emails/{template}_subject.txt", personal)
            body = render_to_string(f"emails/{template}.txt", personal)
            messages.append(
                EmailMessage(
                    subject=" ".join(subject.split()),
                    body=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[person.email],
                )
            )
    return get_connection().send_messages(messages) or 0


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
    if transition.action == TransitionAction.SUBMIT:
        recipients = people(report, [Role.REVIEWER])
        path = reverse("reports:read", args=[report.pk])
        if report.transitions.filter(action=TransitionAction.SUBMIT).count() > 1:
            path = reverse("reports:changes", args=[report.pk])
    else:
        recipients = people(report, permissions.COUNTRY_ROLES)
        path = reverse("reports:read", args=[report.pk])
    recipients = [p for p in recipients if p.pk != transition.by_id]
    return _send(
        template="report_transition",
        recipients=recipients,
        context={
            "transition": transition,
            "report": report,
            "url": site_url(path),
            # The templates compare ``transition.action`` with these, never a bare string.
            "actions": TransitionAction,
        },
    )


def comment_notify(*, comment_id: int) -> int:
    """Tell the other side of the conversation about a new comment."""
    comment = (
        Comment.objects.select_related(
            "author",
            "thread",
            "thread__question",
            "thread__priority",
            "thread__report",
            "thread__report__country",
            "thread__report__cycle",
        )
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return 0
    thread = comment.thread
    report = thread.report
    if permissions.is_country_member(comment.author, report):
        # A never-submitted draft is the country's own: its reviewers cannot open it.
        recipients = people(report, [Role.REVIEWER]) if permissions.reviewers_see(report) else []
    else:
        recipients = people(report, permissions.COUNTRY_ROLES)
    recipients = [p for p in recipients if p.pk != comment.author_id]
    path = thread.get_absolute_url()
    layout = build_layout(report, with_answers=False)
    item = layout.item_by_key().get(key_of(thread))
    return _send(
        template="comment",
        recipients=recipients,
        context={
            "comment": comment,
            "thread": thread,
            "report": report,
            "item": item,
            "is_reply": thread.comments.filter(pk__lt=comment.pk).exists(),
            "url": site_url(path),
        },
    )
