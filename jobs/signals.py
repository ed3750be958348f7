"""Huey's signals -> the job engine's records:

- a job that has used up its retries -> a ``JobFailure`` row. Intermediate failures are
  only logged (by Huey): a mail server down for a minute is what the retries with
  back-off are for; an admin needs to hear about it once it stays down;
- every job from its enqueue to its end -> a ``PendingJob`` row, so a job a killed worker
  took from the queue is enqueued again (``services.jobs_recover``); a job interrupted
  by a worker's stop is enqueued again at once.

Not in immediate mode (tests, ``JOBS_IMMEDIATE``): a job then runs inside the call that
enqueues it, and no worker can die with it.
"""

from __future__ import annotations

import json
import logging
import traceback

from django.db import DatabaseError, connection
from huey import signals as S
from huey.contrib.djhuey import HUEY

from . import services
from .models import JobFailure

logger = logging.getLogger(__name__)

_connected = False
# Jobs not recorded: the recovery itself runs every minute anyway.
UNRECORDED = {"jobs.tasks.recover_jobs", "reports.tasks.recover_notices"}


def _plain(value):
    """Arguments as JSON (ours are ids and dates; anything else is kept as its text)."""
    return json.loads(json.dumps(value, default=str))


def _name(task) -> str:
    return f"{type(task).__module__}.{type(task).__name__}"


def _arguments(task) -> tuple[list, dict]:
    # A job declared with context=True carries itself in its kwargs while it runs.
    kwargs = {k: v for k, v in dict(task.kwargs).items() if k != "task"}
    return _plain(list(task.args)), _plain(kwargs)


def job_failed(signal, task, exc=None) -> None:
    if task.retries:
        return  # it will run again

    args, kwargs = _arguments(task)
    JobFailure.objects.update_or_create(
        task_id=task.id,
        defaults={
            "task": _name(task),
            "args": args,
            "kwargs": kwargs,
            "error": f"{type(exc).__name__}: {exc}" if exc else "",
            "traceback": "".join(traceback.format_exception(exc)) if exc else "",
            "attempts": type(task).default_retries + 1,
        },
    )
    services.pending_job_done(task_id=task.id)


def job_tracked(signal, task, *args) -> None:
    """Keep the job's ``PendingJob`` row in step with what the queue does with it."""
    if HUEY.immediate or _name(task) in UNRECORDED:
        return
    try:
        if signal in (S.SIGNAL_ENQUEUED, S.SIGNAL_SCHEDULED):
            job_args, job_kwargs = _arguments(task)
            services.pending_job_queued(
                task_id=task.id, task=_name(task), args=job_args, kwargs=job_kwargs, eta=task.eta
            )
        elif signal == S.SIGNAL_EXECUTING:
            job_args, job_kwargs = _arguments(task)
            services.pending_job_started(
                task_id=task.id, task=_name(task), args=job_args, kwargs=job_kwargs
            )
        elif signal in (S.SIGNAL_COMPLETE, S.SIGNAL_CANCELED, S.SIGNAL_REVOKED, S.SIGNAL_EXPIRED):
            services.pending_job_done(task_id=task.id)
        elif signal == S.SIGNAL_INTERRUPTED:
            # The worker stops before the job ends (Ctrl-C, a shutdown that timed out):
            # back in the queue for the next worker.
            logger.warning("Job %s interrupted by the worker's stop: enqueued again.", task.id)
            HUEY.enqueue(task)
    except DatabaseError:
        # Never let the record break the queue; a broken connection is replaced on its
        # next use. The recovery's lease still covers the job.
        logger.exception("Could not record job %s (%s).", task.id, signal)
        if not connection.in_atomic_block:
            connection.close()


TRACKED = (
    S.SIGNAL_ENQUEUED,
    S.SIGNAL_SCHEDULED,
    S.SIGNAL_EXECUTING,
    S.SIGNAL_COMPLETE,
    S.SIGNAL_CANCELED,
    S.SIGNAL_REVOKED,
    S.SIGNAL_EXPIRED,
    S.SIGNAL_INTERRUPTED,
)


def worker_started() -> None:
    """Each worker thread, as it starts: what a dead worker left is taken up at once."""
    try:
        recovered = services.jobs_recover()
    except DatabaseError:
        logger.exception("Could not recover the jobs of dead workers at start.")
        return
    finally:
        connection.close()
    if any(recovered.values()):
        logger.warning("At start: %s", recovered)


def connect() -> None:
    global _connected
    if _connected:
        return

    HUEY.signal(S.SIGNAL_ERROR)(job_failed)
    HUEY.signal(*TRACKED)(job_tracked)
    HUEY.on_startup("jobs.recover")(worker_started)
    _connected = True
