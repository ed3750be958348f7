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
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from jobs.services import JobLocked, job_lock

from . import notifications
from .assignment_reminders import assignment_remind, assignment_reminders_send
from .documents.public_store import public_pdfs_store
from .documents.report_pdf import kept_pdf, pdf_for
from .handover_mail import handover_notify
from .models import Report, ReportingCycle
from .reminders import reminders_send

logger = logging.getLogger(__name__)

MAIL_RETRIES = 5
MAIL_RETRY_DELAY = 30  # seconds before the first retry
BACKOFF = 2  # each retry waits twice as long as the one before
# A PDF that could not be stored (a full disk) is tried again after 10, 20, 40 s.
PDF_RETRIES = 3
PDF_RETRY_DELAY = 10
# A render lock dies with its worker; failing that (a worker on another machine that
# stopped answering), after this long: far longer than any render (seconds).
RENDER_LOCK_SECONDS = 15 * 60


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF)
def send_transition_mail(transition_id: int) -> int:
    return notifications.transition_notify(transition_id=transition_id)


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF)
def send_submission_confirmation(transition_id: int) -> int:
    return notifications.submission_confirm(transition_id=transition_id)


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF)
def send_comment_mail(comment_id: int) -> int:
    return notifications.comment_notify(comment_id=comment_id)


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF, context=True)
def resend_notice(notice_id: int, task=None) -> bool:
    """A notice its first sender left pending (it died mid-send), sent from its row; on
    its last failure it is marked failed and the job listed under Failed jobs."""
    final = task is None or not task.retries
    return notifications.notice_resend(notice_id=notice_id, final=final)


@db_periodic_task(crontab(minute="*"))
def recover_notices() -> int:
    """Every minute: the notices a dead worker left pending are sent again."""
    return notifications.notices_recover(resend=resend_notice)


@HUEY.on_startup("reports.recover_notices")
def _recover_notices_at_start() -> None:
    try:
        notifications.notices_recover(resend=resend_notice)
    except DatabaseError:
        logger.exception("Could not recover the notices of dead workers at start.")
    finally:
        connection.close()


def _day(today: str | None) -> dt.date:
    """The day a reminders job acts on: today, or the ISO date it was given."""
    return timezone.localdate() if today is None else dt.date.fromisoformat(today)


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF)
def send_reminders(today: str | None = None) -> int:
    """Today's deadline reminders and overdue notices (``manage.py send_reminders``)."""

    return reminders_send(today=_day(today)).sent


@db_periodic_task(
    crontab(hour=str(settings.REMINDER_HOUR), minute="0"),
    retries=MAIL_RETRIES,
    retry_delay=MAIL_RETRY_DELAY,
    retry_backoff=BACKOFF,
)
def daily_reminders() -> int:
    """Once a day; a second worker running it at the same time sends nothing twice."""

    return reminders_send(today=timezone.localdate()).sent


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF)
def send_assignment_reminders(today: str | None = None) -> int:
    """Today's reminders about assignments (``manage.py send_assignment_reminders``)."""

    return assignment_reminders_send(today=_day(today)).sent


@db_periodic_task(
    crontab(hour=str(settings.REMINDER_HOUR), minute="5"),
    retries=MAIL_RETRIES,
    retry_delay=MAIL_RETRY_DELAY,
    retry_backoff=BACKOFF,
)
def daily_assignment_reminders() -> int:
    """Once a day, beside the deadline reminders; each step goes once per person."""

    return assignment_reminders_send(today=timezone.localdate()).sent


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF)
def remind_assignment(assignment_id: int, today: str) -> int:
    """The focal point's "Remind now": once per assignment and day, however often it runs
    (a retried POST, a job retried after a mail failure)."""
    return assignment_remind(assignment_id=assignment_id, today=dt.date.fromisoformat(today))


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY, retry_backoff=BACKOFF)
def send_handover_mail(mark_id: int) -> int:
    """The focal points hear that a reporter marked the report ready for them."""
    return handover_notify(mark_id=mark_id)


# ------------------------------------------------------------------------- PDFs


def _render(report_id: int, languages: list[str] | None = None) -> int:
    """Keep the PDF of the report's current revision in each language; the number made.

    One attempt each: if an edit lands during the render, that edit has scheduled its own
    render (``schedule_render``), which will keep the newer revision. Two workers never
    render the same PDF at once (a lock that dies with its holder, ``jobs.JobLock``)."""

    report = Report.objects.with_context().filter(pk=report_id).first()
    if report is None:
        return 0
    made = 0
    for language in languages or [code for code, _name in settings.LANGUAGES]:
        if kept_pdf(report=report, revision=report.revision, language=language) is not None:
            continue
        try:
            with job_lock(f"pdf:{report_id}:{language}", ttl=RENDER_LOCK_SECONDS):
                pdf_for(report=report, language=language, attempts=1)
        except JobLocked:
            continue  # another worker is rendering this one now
        except ValidationError:
            logger.info("Report %s changed while its PDF rendered: left to the edit.", report_id)
            continue
        made += 1
    return made


@db_task(retries=PDF_RETRIES, retry_delay=PDF_RETRY_DELAY, retry_backoff=BACKOFF)
def render_report_pdfs(report_id: int, language: str = "") -> int:
    """The report's PDF as it is now, in ``language`` or every language (after a
    transition, or when a download found none kept for the current revision)."""
    return _render(report_id, [language] if language else None)


@db_task(retries=PDF_RETRIES, retry_delay=PDF_RETRY_DELAY, retry_backoff=BACKOFF)
def render_after_edit(report_id: int, revision: int) -> int:
    """The debounced render: scheduled ``PDF_RENDER_DELAY`` seconds after each edit, it
    does nothing if another edit came since (that edit's own render is still to come)."""
    current = Report.objects.filter(pk=report_id).values_list("revision", flat=True).first()
    if current != revision:
        return 0
    return _render(report_id)


def schedule_render(report_id: int, revision: int) -> None:
    """After an edit commits: renew the PDF once the report has been quiet for a while."""
    render_after_edit.schedule(args=(report_id, revision), delay=settings.PDF_RENDER_DELAY)


@db_task(retries=PDF_RETRIES, retry_delay=PDF_RETRY_DELAY, retry_backoff=BACKOFF)
def render_public_pdfs(report_id: int) -> int:
    """The public PDFs (one per language) of the report's live publication, printed from
    its snapshot and stored on it; the number made. A language already stored is left
    alone, so a retry or a second job does nothing twice."""
    return public_pdfs_store(report_id=report_id)


def cycle_render_pdfs(*, cycle: ReportingCycle, languages: list[str] | None = None) -> int:
    """Queue the PDFs of every report of ``cycle`` (one job per report and language asked,
    or one per report for every language); the number of jobs queued.

    Queuing again is harmless: a job whose revision is already kept does nothing."""
    report_ids = list(
        Report.objects.filter(cycle=cycle).order_by("country__code").values_list("pk", flat=True)
    )
    for report_id in report_ids:
        for language in languages or [""]:
            render_report_pdfs(report_id, language)
    return len(report_ids) * len(languages or [""])
