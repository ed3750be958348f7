"""Sending a message to each recipient once: recorded as a pending ``Notice`` under a key
unique per person before it goes, as sent once the mail server took it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.utils import DNS_NAME
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from jobs.workers import this_process

from ..models import Notice, Report
from .recipients import mail_language


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


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
            send_notice(notice, subject=subject, body=body, to=person.email)
        except Exception:
            notice.delete()
            raise
        sent += 1
    return sent


def send_notice(notice: Notice, *, subject: str, body: str, to: str) -> None:
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
