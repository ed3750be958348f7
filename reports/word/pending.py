"""An import between upload and confirmation: a ``PendingWordImport`` row under a random
token, for the person who uploaded the file and that report only. It holds what was read
(the proposed answers and the text that answers no question), bounded, never the file.

Not in the session: a session is read and written with every request of its person, so a
large file's answers there (27.8 MB once) slowed every later page and autosave for hours.
A row is deleted when its import is confirmed or cancelled; one past ``LIFETIME`` is
treated as gone and deleted the next time anyone uploads a file.

What is kept is bounded whatever the file: an answer at most what an answer holds
(``MAX_ANSWER_LENGTH``; a longer one is cut and flagged ``cut``, and not ticked by
default), next steps as the form holds them, and the first ``MAX_UNMATCHED`` paragraphs
that answer no question, each at most ``MAX_UNMATCHED_CHARS`` (the rest counted).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..models import MAX_ANSWER_LENGTH, PendingWordImport, Report
from .matcher import Match

# A person has a few imports under way at most (a tab per file); older ones go.
KEEP = 3
LIFETIME = dt.timedelta(hours=8)
MAX_UNMATCHED = 300
MAX_UNMATCHED_CHARS = 1_000
# A file has at most this many next-step blocks kept (the form asks for a handful).
MAX_ROWS = 50
# What each next-step field holds (models.NextStep).
ROW_LIMITS = {"title": 500, "targets": 5_000, "evidence": 5_000}


def _cut(text: str, limit: int) -> tuple[str, bool]:
    return (text[:limit], True) if len(text) > limit else (text, False)


def bounded_proposal(proposal: dict[str, Any]) -> dict[str, Any]:
    """``proposal`` with its text and next steps cut to what the portal holds; ``cut``
    among its notes when anything was cut."""
    bounded = dict(proposal)
    bounded["text"], cut = _cut(proposal.get("text") or "", MAX_ANSWER_LENGTH)
    if proposal.get("rows") is not None:
        rows = []
        for row in proposal["rows"][:MAX_ROWS]:
            row = dict(row)
            for name, limit in ROW_LIMITS.items():
                row[name], row_cut = _cut(row.get(name) or "", limit)
                cut = cut or row_cut
            rows.append(row)
        cut = cut or len(proposal["rows"]) > MAX_ROWS
        bounded["rows"] = rows
    if cut:
        bounded["notes"] = [*proposal.get("notes", []), "cut"]
    return bounded


@transaction.atomic
def keep(
    *, user, report: Report, source: str, match: Match, file_revision: str, file_cut: bool = False
) -> str:
    """Keep what ``match`` read from the file for ``user`` and ``report``; the token."""
    now = timezone.now()
    PendingWordImport.objects.filter(expires_at__lte=now).delete()
    # The person's older imports beyond KEEP - 1 go, oldest first.
    older = PendingWordImport.objects.filter(user=user).order_by("-created_at", "-pk")
    stale = list(older.values_list("pk", flat=True)[KEEP - 1 :])
    PendingWordImport.objects.filter(pk__in=stale).delete()
    token = secrets.token_urlsafe(16)
    PendingWordImport.objects.create(
        token=token,
        report=report,
        user=user,
        source=source[:200],
        from_portal=match.from_portal,
        file_revision=file_revision[:50],
        proposals={key: bounded_proposal(p.as_dict()) for key, p in match.proposals.items()},
        unmatched=[text[:MAX_UNMATCHED_CHARS] for text in match.unmatched[:MAX_UNMATCHED]],
        unmatched_left_out=max(0, len(match.unmatched) - MAX_UNMATCHED),
        file_cut=file_cut,
        expires_at=now + LIFETIME,
    )
    return token


def get(*, user, report_pk: int, token: str) -> PendingWordImport | None:
    """The import under ``token`` if it is ``user``'s, of that report and not expired."""
    return PendingWordImport.objects.filter(
        token=token, user_id=user.pk, report_id=report_pk, expires_at__gt=timezone.now()
    ).first()


def drop(*, user, token: str) -> None:
    """Delete the import (confirmed or cancelled): only its owner's."""
    PendingWordImport.objects.filter(token=token, user_id=user.pk).delete()
