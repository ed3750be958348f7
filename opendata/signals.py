"""Every change of a publication (published, withdrawn, a public PDF stored) rebuilds the
framework's zip once the change is committed. Listening here, rather than being called from
``reports.workflow``, keeps the arrow one way: open data reads reports, never the reverse."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from reports.models import Publication


@receiver(post_save, sender=Publication, dispatch_uid="opendata-rebuild-framework-zip")
def publication_changed(sender, instance: Publication, **kwargs) -> None:
    from .tasks import rebuild_framework_zip_job

    framework_id = (
        Publication.objects.filter(pk=instance.pk)
        .values_list("report__cycle__framework_id", flat=True)
        .first()
    )
    if framework_id is not None:
        transaction.on_commit(lambda: rebuild_framework_zip_job(framework_id))
