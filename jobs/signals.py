"""Huey's error signal -> a ``JobFailure`` row, once a job has used up its retries.

Intermediate failures are only logged (by Huey): a mail server down for a minute is what
the retries with back-off are for; an admin needs to hear about it once it stays down.
"""

from __future__ import annotations

import json
import traceback

from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_ERROR

from .models import JobFailure

_connected = False


def _plain(value):
    """Arguments as JSON (ours are ids and dates; anything else is kept as its text)."""
    return json.loads(json.dumps(value, default=str))


def job_failed(signal, task, exc=None) -> None:
    if task.retries:
        return  # it will run again

    JobFailure.objects.update_or_create(
        task_id=task.id,
        defaults={
            "task": f"{type(task).__module__}.{type(task).__name__}",
            "args": _plain(list(task.args)),
            "kwargs": _plain(dict(task.kwargs)),
            "error": f"{type(exc).__name__}: {exc}" if exc else "",
            "traceback": "".join(traceback.format_exception(exc)) if exc else "",
            "attempts": type(task).default_retries + 1,
        },
    )


def connect() -> None:
    global _connected
    if _connected:
        return

    HUEY.signal(SIGNAL_ERROR)(job_failed)
    _connected = True
