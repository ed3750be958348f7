"""Emails about a report: who is told what, in their language, once.

The worker sends them (``reports.tasks``), enqueued after the change has committed, so a
rolled-back change never mails anyone; each function therefore takes an id and reads
fresh rows.

- submit: the reviewers of the country ("resubmitted" after a return, linking to the
  changes); a confirmation to the person who submitted and the framework's secretariat;
- return, accept, reopen: the country's focal points and reporters, with the reason;
- a new comment (a thread or a reply): the other side of the conversation (the country
  when a reviewer or admin writes, the reviewers when the country writes);
- deadline reminders and overdue notices: ``services.reminders``.

One plain-text message per person (nobody sees the other recipients' addresses), in the
person's language (``mail_language``), each with a link to the page. Every message is
recorded as a pending ``Notice`` *before* it goes, under a key unique per person, and as
sent once the mail server took it: a job that runs twice (a retry, a second worker, a job
enqueued again after its worker died) finds the key taken and sends nothing twice. A
message that could not go releases its key, so the retry sends it. A notice left pending
by a worker that died mid-send is sent again from its row (``notices_recover``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.core.mail.utils import DNS_NAME
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from jobs.services import lease
from jobs.workers import Liveness, liveness, this_process
from roadmap.models import FrameworkMembership, FrameworkRole, Membership, Role

from . import permissions
from .layout import build_layout
from .models import Comment, Notice, NoticeKind, Report, Transition, TransitionAction
from .selectors.threads import comment_target, thread_key

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# Whose country's language a person's mail takes by default: its staff, and the people of
# its agencies who write parts of its report (a contributor of Viet Nam reads Vietnamese).
MAIL_LANGUAGE_ROLES = (*permissions.COUNTRY_ROLES, Role.CONTRIBUTOR)


def recipients_query(**filters):
    """Active users with an email address, with what ``mail_language`` and the reminder
    switch read (no query per person)."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, **filters)
        .exclude(email="")
        .select_related("mail_preference")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role__in=MAIL_LANGUAGE_ROLES)
                .select_related("country")
                .order_by("country__name"),
                to_attr="country_memberships",
            )
        )
        .order_by("pk")
        .distinct()
    )


def people(report: Report, roles: Iterable[str]) -> list:
    """Active users with an email address holding one of ``roles`` for the report's country."""
    return list(
        recipients_query(memberships__country_id=report.country_id, memberships__role__in=roles)
    )


# Who gets a copy of a country's overdue notice besides its own staff.
OVERDUE_COPY_ROLES = (Role.REVIEWER,)


def overdue_copy_recipients(*, country_ids: Iterable[int], framework_id: int) -> dict[int, list]:
    """Country id -> the people copied on its overdue notices: the reviewers covering it
    and the framework's secretariat (who cover every country of the framework). Three
    queries whatever the number of countries."""
    country_ids = list(country_ids)
    rows = list(
        Membership.objects.filter(
            country_id__in=country_ids, role__in=OVERDUE_COPY_ROLES
        ).values_list("country_id", "user_id")
    )
    secretariat = list(
        FrameworkMembership.objects.filter(
            framework_id=framework_id, role=FrameworkRole.SECRETARIAT
        ).values_list("user_id", flat=True)
    )
    rows += [(country_id, user_id) for country_id in country_ids for user_id in secretariat]
    users = recipients_query(pk__in={user for _country, user in rows}).in_bulk()
    copies: dict[int, list] = {}
    for country_id, user_id in rows:
        person = users.get(user_id)
        if person is not None and person not in copies.get(country_id, []):
            copies.setdefault(country_id, []).append(person)
    return copies


def mail_language(person) -> str:
    """The person's chosen language; else that of the country they work for (Viet Nam's
    staff read Vietnamese); else the site's. Reviewers and admins, who work across
    countries, get the site's unless they choose."""
    preference = getattr(person, "mail_preference", None)
    if preference is not None and preference.language:
        return preference.language
    memberships = getattr(person, "country_memberships", None)
    if memberships is None:
        memberships = list(
            person.memberships.filter(role__in=MAIL_LANGUAGE_ROLES).select_related("country")
        )
    if memberships:
        return memberships[0].country.language
    return settings.LANGUAGE_CODE


def wants_reminders(person) -> bool:
    preference = getattr(person, "mail_preference", None)
    return preference is None or preference.reminders


def deliver(
    *,
    key: str,
    kind: str,
    country_id: int,
    report: Report | None,
    template: str,
    recipients: list,
    context: dict | Callable[[], dict],
    url: str,
) -> int:
    """Send ``template`` to each of ``recipients`` that has not had ``key`` yet; returns
    the number sent. A failure to send raises (the job retries) after releasing the
    failed person's key; those already sent stay recorded."""
    sent = 0
    for person in recipients:
        language = mail_language(person)
        with translation.override(language):
            # A callable context is read in the person's language (question texts).
            shared = context() if callable(context) else context
            personal = {**shared, "person": person, "url": url}
            subject = " ".join(render_to_string(f"emails/{template}_subject.txt", personal).split())
            body = render_to_string(f"emails/{template}.txt", personal)
        try:
            with transaction.atomic():
                # Pending: recorded before the mail goes, with who sends it.
                notice = Notice.objects.create(
                    recipient=person,
                    key=key,
                    kind=kind,
                    country_id=country_id,
                    report=report,
                    language=language,
                    subject=subject[:300],
                    body=body,
                    url=url,
                    sending_by=this_process(),
                    sending_since=timezone.now(),
                )
        except IntegrityError:
            continue  # sent already (or being sent), by an earlier run or another worker
        try:
            _send(notice, subject=subject, body=body, to=person.email)
        except Exception:
            notice.delete()
            raise
        sent += 1
    return sent


def _send(notice: Notice, *, subject: str, body: str, to: str) -> None:
    """Send one notice's mail, then record it as sent. Its Message-ID is the notice's, so
    a notice sent again after its sender died (which may have handed it over just before
    dying) is the same message to the recipient's mail system."""
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": f"<notice-{notice.pk}@{DNS_NAME}>"},
    )
    get_connection().send_messages([message])
    Notice.objects.filter(pk=notice.pk).update(sent_at=timezone.now(), sending_by="")


# What a notice picked up by the recovery carries until a worker sends it.
RESEND_QUEUED = "resend"


def notices_recover(*, resend: Callable[[int], object]) -> int:
    """Notices left pending by a sender that died (its process gone from this machine) or
    with no news past the lease (``JOBS_LEASE``): each is claimed and its sending queued
    with ``resend`` (the job ``tasks.resend_notice``: passed in, as the jobs import this
    module); a notice a living worker is sending is left alone, however
    long its mail server takes. Run when a worker starts and every minute; the number
    queued."""
    now = timezone.now()
    queued = 0
    for notice in Notice.objects.filter(sent_at__isnull=True, failed_at__isnull=True).only(
        "pk", "sending_by", "sending_since"
    ):
        state = liveness(notice.sending_by)
        overdue = notice.sending_since is None or notice.sending_since < now - lease()
        if not (state is Liveness.DEAD or (state is Liveness.UNKNOWN and overdue)):
            continue
        claimed = Notice.objects.filter(
            pk=notice.pk, sending_by=notice.sending_by, sending_since=notice.sending_since
        ).update(sending_by=RESEND_QUEUED, sending_since=now)
        if claimed:
            logger.warning("Notice %s was left unsent by a dead worker: sent again.", notice.pk)
            resend(notice.pk)
            queued += 1
    return queued


def notice_resend(*, notice_id: int, final: bool) -> bool:
    """Send a pending notice from its row; False if it was sent meanwhile. On failure it
    waits for the next try, or with ``final`` is marked failed (its job is then listed
    under Failed jobs, whence an admin can run it again), and the error is raised."""
    notice = Notice.objects.select_related("recipient").filter(pk=notice_id).first()
    if notice is None or notice.sent_at is not None:
        return False
    Notice.objects.filter(pk=notice.pk).update(
        sending_by=this_process(), sending_since=timezone.now(), failed_at=None
    )
    try:
        _send(notice, subject=notice.subject, body=notice.body, to=notice.recipient.email)
    except Exception:
        Notice.objects.filter(pk=notice.pk).update(
            sending_by=RESEND_QUEUED,
            sending_since=timezone.now(),
            failed_at=timezone.now() if final else None,
        )
        raise
    return True


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


def secretariat(report: Report) -> list:
    """The secretariat of the report's framework (who cover every country of it)."""
    return list(
        recipients_query(
            framework_memberships__framework_id=report.cycle.framework_id,
            framework_memberships__role=FrameworkRole.SECRETARIAT,
        )
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
    is_reply = thread.comments.filter(pk__lt=comment.pk).exists()

    @cache
    def target_in(language: str):
        """What the thread is on, as the layout numbers and words it, in ``language``."""
        with translation.override(language):
            layout = build_layout(report, with_answers=False)
            return comment_target(report=report, layout=layout, key=thread_key(thread))

    return deliver(
        key=f"comment:{comment.pk}",
        kind=NoticeKind.COMMENT,
        country_id=report.country_id,
        report=report,
        template="comment",
        recipients=recipients,
        context=lambda: {
            "comment": comment,
            "thread": thread,
            "report": report,
            "item": getattr(target_in(translation.get_language()), "item", None),
            "target": target_in(translation.get_language()),
            "is_reply": is_reply,
        },
        url=site_url(path),
    )
