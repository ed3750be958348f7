"""A job that failed for good (its retries used up), kept so an admin sees the error and
can run it again."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobFailure(models.Model):
    # Huey's name for the task ("reports.tasks.send_transition_mail"): the retry finds the
    # task by it, so a failure outlives a restart of the worker.
    task = models.CharField(_("job"), max_length=200)
    task_id = models.CharField(_("job id"), max_length=64, unique=True)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    error = models.TextField(_("error"))
    traceback = models.TextField(_("traceback"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    failed_at = models.DateTimeField(_("failed at"), auto_now_add=True)
    retried_at = models.DateTimeField(_("retried at"), null=True, blank=True)

    class Meta:
        ordering = ["-failed_at", "-pk"]
        verbose_name = _("failed job")
        verbose_name_plural = _("failed jobs")

    def __str__(self) -> str:
        return f"{self.task} ({self.failed_at:%Y-%m-%d %H:%M})"


class JobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")


class PendingJob(models.Model):
    """A job enqueued and not finished yet, kept outside the queue: a queue hands a job to
    a worker by removing it, so a worker killed mid-job (``kill -9``, a crash, a power cut)
    would take the job with it. A row lives from the enqueue to the job's end (done, or
    listed as a ``JobFailure``); a row whose worker is gone, or that stays without news
    past its ``due_at``, is enqueued again (``jobs.services.jobs_recover``). Jobs are
    idempotent, so a job run twice does its work once."""

    task_id = models.CharField(_("job id"), max_length=64, unique=True)
    task = models.CharField(_("job"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices)
    # The process running it ("host:pid:start"), blank while it waits in the queue.
    holder = models.CharField(_("worker"), max_length=200, blank=True)
    # Past this, a job with no news is taken as lost (its worker on another machine, or
    # lost between the queue and a worker).
    due_at = models.DateTimeField(_("due at"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("pending job")
        verbose_name_plural = _("pending jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=JobState.values), name="pending_job_state_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(state=JobState.RUNNING) | ~models.Q(holder=""),
                name="running_job_has_a_worker",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} ({self.state})"


class JobLock(models.Model):
    """A lock a job holds while it works ("pdf:12:vi": one render of a PDF at a time).
    It dies with its holder: released at the end, taken over once ``expires_at`` is past
    (longer than any job holding it) or as soon as its holder's process is gone."""

    name = models.CharField(max_length=200, unique=True)
    holder = models.CharField(max_length=200)
    # One per acquisition: a release never removes a lock taken over since.
    token = models.CharField(max_length=32)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("job lock")
        verbose_name_plural = _("job locks")

    def __str__(self) -> str:
        return self.name
