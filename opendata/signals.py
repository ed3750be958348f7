"""Every change of what is public rebuilds the framework's zip once the change is
committed: a publication written (publish, republish, any other writer) and a workflow
step that publishes or withdraws (withdrawing stamps the live row with an ``update()``,
which sends no ``post_save``; its Transition row says it happened). Listening here, rather
than being called from ``reports.workflow``, keeps the arrow one way: open data reads
reports, never the reverse. The job is idempotent, so the two signals of one publish cost
one build."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from reports.models import Publication, Report, Transition, TransitionAction

STEPS = (TransitionAction.PUBLISH, TransitionAction.WITHDRAW)


def _rebuild_after_commit(report_id: int) -> None:
    from .tasks import rebuild_framework_zip_job

    framework_id = (
        Report.objects.filter(pk=report_id).values_list("cycle__framework_id", flat=True).first()
    )
    if framework_id is not None:
        # robust: a job queue that cannot be reached must not fail the committed step
        # (the view builds a missing zip itself).
        transaction.on_commit(lambda: rebuild_framework_zip_job(framework_id), robust=True)


@receiver(post_save, sender=Publication, dispatch_uid="opendata-publication-saved")
def publication_saved(sender, instance: Publication, **kwargs) -> None:
    _rebuild_after_commit(instance.report_id)


@receiver(post_save, sender=Transition, dispatch_uid="opendata-publishing-step")
def step_taken(sender, instance: Transition, created: bool, **kwargs) -> None:
    if created and instance.action in STEPS:
        _rebuild_after_commit(instance.report_id)
