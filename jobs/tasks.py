"""The job engine's own job: every minute, what a dead worker left is taken up again
(``services.jobs_recover``). Workers import this module (``run_huey`` autoloads tasks)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import jobs_recover


@db_periodic_task(crontab(minute="*"))
def recover_jobs() -> dict[str, int]:
    return jobs_recover()
