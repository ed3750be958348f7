"""The job engine's writes: running a failed job again (from the admin), the record of
pending jobs that outlives a killed worker, locks that die with their holder, and the
recovery that re-enqueues what a dead worker left."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import uuid
from collections.abc import Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from huey.contrib.djhuey import HUEY
from huey.exceptions import HueyException

from .models import JobFailure, JobLock, JobState, PendingJob
from .workers import Liveness, liveness, this_process

logger = logging.getLogger(__name__)


def job_retry(*, failure: JobFailure) -> str:
    """Enqueue ``failure``'s job again with the same arguments (with its full retries);
    returns the new job's id. Jobs are idempotent, so running one twice is harmless."""
    try:
        task_class = HUEY._registry.string_to_task(failure.task)
    except HueyException:
        raise ValidationError(
            _("The job %(task)s no longer exists.") % {"task": failure.task}, code="unknown_job"
        ) from None
    task = task_class(args=tuple(failure.args), kwargs=dict(failure.kwargs))
    failure.retried_at = timezone.now()
    failure.save(update_fields=["retried_at"])
    HUEY.enqueue(task)
    return task.id


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.JOBS_LEASE)


# ------------------------------------------------------------------ pending jobs


def _pending_job_write(*, task_id: str, **fields) -> None:
    """Update the job's row, or insert it. Single statements, not update_or_create: on
    SQLite a read that turns into a write inside one transaction fails at once ("database
    is locked") when another process writes, where a lone write waits its turn."""
    if PendingJob.objects.filter(task_id=task_id).update(**fields):
        return
    try:
        with transaction.atomic():
            PendingJob.objects.create(task_id=task_id, **fields)
    except IntegrityError:  # inserted meanwhile (the worker saw the job before we did)
        PendingJob.objects.filter(task_id=task_id).update(**fields)


def pending_job_queued(*, task_id: str, task: str, args: list, kwargs: dict, eta) -> None:
    """A job enters the queue (or its schedule, to run at ``eta``): recorded before it
    does, so no worker can take it before the row exists."""
    start = timezone.now()
    if eta is not None:  # the queue's clock: local time, naive (settings.HUEY "utc": False)
        start = max(start, timezone.make_aware(eta) if timezone.is_naive(eta) else eta)
    _pending_job_write(
        task_id=task_id,
        task=task,
        args=args,
        kwargs=kwargs,
        state=JobState.QUEUED,
        holder="",
        due_at=start + lease(),
    )


def pending_job_started(*, task_id: str, task: str, args: list, kwargs: dict) -> None:
    _pending_job_write(
        task_id=task_id,
        task=task,
        args=args,
        kwargs=kwargs,
        state=JobState.RUNNING,
        holder=this_process(),
        due_at=timezone.now() + lease(),
    )


def pending_job_done(*, task_id: str) -> None:
    """Done, or failed for good (then listed as a ``JobFailure``), or cancelled."""
    PendingJob.objects.filter(task_id=task_id).delete()


# ------------------------------------------------------------------------ locks


class JobLocked(Exception):
    """Another living process holds the lock."""


@contextlib.contextmanager
def job_lock(name: str, *, ttl: int) -> Iterator[None]:
    """Hold the lock ``name`` for at most ``ttl`` seconds (longer than any job that takes
    it); raises ``JobLocked`` while another process holds it. A lock whose holder died,
    or whose time is past, is taken over."""
    now = timezone.now()
    for stale in JobLock.objects.filter(name=name):
        if stale.expires_at < now or liveness(stale.holder) is Liveness.DEAD:
            JobLock.objects.filter(pk=stale.pk, token=stale.token).delete()
    token = uuid.uuid4().hex
    try:
        with transaction.atomic():
            JobLock.objects.create(
                name=name,
                holder=this_process(),
                token=token,
                expires_at=now + dt.timedelta(seconds=ttl),
            )
    except IntegrityError:
        raise JobLocked(name) from None
    try:
        yield
    finally:
        JobLock.objects.filter(name=name, token=token).delete()


# --------------------------------------------------------------------- recovery


def _waiting_ids() -> set[str]:
    """Ids of the jobs in the queue and its schedule (read only when a queued job is
    overdue: a long queue is not read every minute)."""
    storage = HUEY.storage
    messages = [*storage.enqueued_items(), *storage.scheduled_items()]
    return {HUEY.deserialize_task(message).id for message in messages}


def _lost(job: PendingJob, now: dt.datetime) -> bool:
    state = liveness(job.holder) if job.holder else Liveness.UNKNOWN
    return state is Liveness.DEAD or (state is Liveness.UNKNOWN and job.due_at < now)


def jobs_recover() -> dict[str, int]:
    """Enqueue again the jobs a dead worker left (its process gone from this machine, or
    no news past the lease), and remove the locks it held. Run when a worker starts and
    every minute; a job still in the queue or held by a living worker is left alone."""
    now = timezone.now()
    dead_locks = [
        lock.pk
        for lock in JobLock.objects.filter(Q(expires_at__lt=now) | ~Q(holder=""))
        if lock.expires_at < now or liveness(lock.holder) is Liveness.DEAD
    ]
    JobLock.objects.filter(pk__in=dead_locks).delete()
    lost = [job for job in PendingJob.objects.all() if _lost(job, now)]
    if any(job.state == JobState.QUEUED for job in lost):
        waiting = _waiting_ids()
        lost = [job for job in lost if job.task_id not in waiting]
    again = 0
    for job in lost:
        # Claimed by the row's present values: two workers recovering at once enqueue once.
        claimed = PendingJob.objects.filter(
            pk=job.pk, holder=job.holder, due_at=job.due_at, state=job.state
        ).update(state=JobState.QUEUED, holder="", due_at=now + lease())
        if not claimed:
            continue
        try:
            task_class = HUEY._registry.string_to_task(job.task)
        except HueyException:
            logger.error("Pending job %s (%s) no longer exists: dropped.", job.task_id, job.task)
            job.delete()
            continue
        logger.warning(
            "Job %s (%s) was left by a dead worker: enqueued again.", job.task_id, job.task
        )
        HUEY.enqueue(task_class(args=tuple(job.args), kwargs=dict(job.kwargs), id=job.task_id))
        again += 1
    return {"jobs": again, "locks": len(dead_locks)}
