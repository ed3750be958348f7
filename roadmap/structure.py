"""The structure token of a roadmap version: a new one with every write that can change
how a report on it is laid out (the roadmap, its themes, its priorities, their
translations), in the same transaction as the write (issue 25).

Pages keep the laid-out priorities of a roadmap in Django's cache under its id and this
token (``reports.structure``), so an admin's change shows on the next request in every
process: the token is read with the report, and a new token is a new cache key. A random
token rather than a counter: a roadmap deleted and made again under the same id (SQLite
reuses ids) never meets the old entry.

A queryset's ``update``, ``bulk_create`` and ``bulk_update`` of themes or priorities send
no post_save: ``models.roadmaps.RoadmapPartQuerySet`` renews the tokens of the versions
they write (and refuses them on a frozen version, as a save is refused).
"""

from __future__ import annotations

import uuid

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver


def new_structure_token() -> str:
    return uuid.uuid4().hex


def structure_changed(roadmap_id: int | None) -> None:
    """Give roadmap ``roadmap_id`` a new structure token (one UPDATE)."""
    from .models import Roadmap

    if roadmap_id:
        Roadmap.objects.filter(pk=roadmap_id).update(structure_token=new_structure_token())


@receiver(post_save, sender="roadmap.Theme", dispatch_uid="pf-roadmap-structure-theme")
@receiver(post_delete, sender="roadmap.Theme", dispatch_uid="pf-roadmap-structure-theme-d")
@receiver(post_save, sender="roadmap.Priority", dispatch_uid="pf-roadmap-structure-priority")
@receiver(post_delete, sender="roadmap.Priority", dispatch_uid="pf-roadmap-structure-priority-d")
def _part_changed(sender, instance, **kwargs) -> None:
    structure_changed(instance.roadmap_id)


@receiver(post_save, sender="roadmap.Roadmap", dispatch_uid="pf-roadmap-structure-roadmap")
def _roadmap_saved(sender, instance, created: bool, **kwargs) -> None:
    # A new row already has a token of its own (the field's default).
    if not created:
        structure_changed(instance.pk)
