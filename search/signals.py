"""The index follows the reports' texts: ``reports.revisions.texts_changed`` is sent by
``report_touch`` (every write of answers, next steps, activities, indicator values and
the workflow's state changes), by the comment service and by ``seed_demo``; the index of
those reports is brought in step in the same transaction (``search.index``)."""

from __future__ import annotations

from django.dispatch import receiver

from reports.revisions import texts_changed

from .index import sync_reports


@receiver(texts_changed, dispatch_uid="search-sync")
def _sync(sender, *, reports, **kwargs) -> None:
    sync_reports(reports)
