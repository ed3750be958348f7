"""The job that rebuilds a framework's zip of everything published (Huey; the worker is
``manage.py run_huey``). Enqueued after the transaction that publishes or withdraws (or
stores a public PDF) commits, by the signal handler of ``opendata.signals``. Idempotent:
the zip is named by the public version, so a retry or a second worker finds it written."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from roadmap.models import Framework

from .services import rebuild_framework_zip

RETRIES = 3
RETRY_DELAY = 10  # seconds: a full disk or an unreachable object store, tried again


@db_task(retries=RETRIES, retry_delay=RETRY_DELAY)
def rebuild_framework_zip_job(framework_id: int) -> str | None:
    framework = Framework.objects.filter(pk=framework_id).first()
    return None if framework is None else rebuild_framework_zip(framework)
