"""Notices a worker left pending when it died: found, claimed and sent again from their
rows."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.utils import timezone

from jobs.services import lease
from jobs.workers import Liveness, liveness, this_process

from ..models import Notice
from .delivery import send_notice

logger = logging.getLogger(__name__)


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
        send_notice(notice, subject=notice.subject, body=notice.body, to=notice.recipient.email)
    except Exception:
        Notice.objects.filter(pk=notice.pk).update(
            sending_by=RESEND_QUEUED,
            sending_since=timezone.now(),
            failed_at=timezone.now() if final else None,
        )
        raise
    return True
