"""Running a failed job again (from the admin)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from huey.contrib.djhuey import HUEY
from huey.exceptions import HueyException

from .models import JobFailure


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
