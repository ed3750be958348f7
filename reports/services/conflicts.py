"""Conflicts settled without changing the answer or next step (the person took their
colleague's version, or combined the two into exactly that version): it stays as it is,
and its history gets a record saying the conflict was resolved and how
(``reports.resolution``)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models


def record_resolutions(
    *, recorded: list[tuple[models.Model, str]], user, history: dict[str, Any]
) -> None:
    """One history record per answer or next step, with its reason; called under the
    report's lock. Sent twice (a retried request), the choice is recorded once: a row
    whose history already holds this person's same choice at this revision gets no second
    record. One query per kind of row (answers, next steps), and one insert."""
    by_model: dict[type[models.Model], dict[int, tuple[Any, str]]] = defaultdict(dict)
    for instance, reason in recorded:
        by_model[type(instance)][instance.pk] = (instance, reason)
    for model, rows in by_model.items():
        done = set(
            model.history.filter(id__in=rows, history_user_id=user.pk).values_list(
                "id", "revision", "history_change_reason"
            )
        )
        fresh = []
        for pk, (instance, reason) in rows.items():
            if (pk, instance.revision, reason) in done:
                continue
            instance._change_reason = reason  # simple-history: this record's reason
            fresh.append(instance)
        if fresh:
            model.history.bulk_history_create(
                fresh,
                update=True,
                default_user=history["default_user"],
                default_date=history["default_date"],
            )
