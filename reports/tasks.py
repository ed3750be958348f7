"""The portal's background jobs (Huey tasks; the worker is ``manage.py run_huey``).

Every job is idempotent: it takes ids, reads fresh rows, and either finds its work done
(a kept PDF, a ``Notice`` already recorded) or does it; so a retry, a second worker or an
admin's "run again" never does anything twice. Jobs that talk to a mail server retry with
a back-off growing from 30 s (30, 60, 120, 240, 480 s: about 15 minutes in all) before they
are recorded as failed for the admins (``jobs.JobFailure``).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import notifications

logger = logging.getLogger(__name__)

MAIL_RETRIES = 5
MAIL_RETRY_DELAY = 30  # seconds before the first retry
BACKOFF = 2  # each retry waits twice as long as the one before


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF)
def send_transition_mail(transition_id: int) -> int:
    return notifications.transition_notify(transition_id=transition_id)


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF)
def send_comment_mail(comment_id: int) -> int:
    return notifications.comment_notify(comment_id=comment_id)


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF)
def send_reminders(today: str | None = None) -> int:
    """Today's deadline reminders and overdue notices (``manage.py send_reminders``)."""
    from .services.reminders import reminders_send

    on = timezone.localdate() if today is None else dt.date.fromisoformat(today)
    return reminders_send(today=on).sent


@db_periodic_task(
    crontab(hour=str(settings.REMINDER_HOUR), minute="0"),
    retries=MAIL_RETRIES,
    retry_delay=MAIL_RETRY_DELAY,
    retry_backoff=BACKOFF,
)
def daily_reminders() -> int:
    """Once a day; a second worker running it at the same time sends nothing twice."""
    from .services.reminders import reminders_send

    return reminders_send(today=timezone.localdate()).sent
