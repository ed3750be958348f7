"""Conflicts settled without changing the answer (the person took their colleague's text,
or combined the two into exactly that text): the answer stays as it is, and its history
gets a record saying the conflict was resolved and how (``reports.resolution``)."""

from __future__ import annotations

from typing import Any

from ..models import Answer


def record_resolutions(
    *, recorded: list[tuple[Answer, str]], user, history: dict[str, Any]
) -> None:
    """One history record per answer, with its reason; called under the report's lock.
    Sent twice (a retried request), the choice is recorded once: an answer whose history
    already holds this person's same choice at this revision gets no second record."""
    answers = {answer.pk: (answer, reason) for answer, reason in recorded}
    done = set(
        Answer.history.filter(id__in=answers, history_user_id=user.pk).values_list(
            "id", "revision", "history_change_reason"
        )
    )
    fresh = []
    for pk, (answer, reason) in answers.items():
        if (pk, answer.revision, reason) in done:
            continue
        answer._change_reason = reason  # simple-history: this record's reason
        fresh.append(answer)
    if fresh:
        Answer.history.bulk_history_create(
            fresh,
            update=True,
            default_user=history["default_user"],
            default_date=history["default_date"],
        )
