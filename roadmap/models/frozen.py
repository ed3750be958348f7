"""What a frozen row keeps: which of its fields a write changes, and whether a record
elsewhere (a handed-in report) relies on the row as it stands."""

from __future__ import annotations

from django.db import models
from django.dispatch import Signal


def changed_fields(instance: models.Model, fields: tuple[str, ...]) -> list[str]:
    """Which of ``fields`` (attribute names) ``instance`` changes from its stored row; all
    of them for a row not stored yet."""
    if instance.pk is None:
        return list(fields)
    stored = type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first()
    if stored is None:
        return list(fields)
    return [name for name in fields if stored[name] != getattr(instance, name)]


# Asked (sender: Roadmap, Indicator or Area, ``pk``) before a change to what a frozen roadmap
# version or indicator keeps: a receiver answers True when a record it knows of relies on
# the row as it stands. The reports app answers "a handed-in report does" (reports.freeze):
# the safety net behind ``frozen_at``, which every write of a handed-in report sets but a
# path that skipped the model layer (raw SQL, a future bulk write) could leave unset. A
# signal, so that this app keeps importing nothing of ``reports``.
relied_on = Signal()


def held_by_others(model: type[models.Model], pk: int) -> bool:
    return any(answer for _receiver, answer in relied_on.send(sender=model, pk=pk))
