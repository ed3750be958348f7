"""An import between upload and confirmation, kept in the person's session under a
random token: the parsed answers only, never the file. It lives as long as the session
(or until it is confirmed), so an abandoned import leaves nothing behind."""

from __future__ import annotations

import secrets
from typing import Any

from .matcher import Match

SESSION_KEY = "word_imports"
# A person has a few imports under way at most (a tab per file); older ones go.
KEEP = 3


def keep(session, *, report_pk: int, source: str, match: Match, file_revision: str) -> str:
    pending: dict[str, Any] = dict(session.get(SESSION_KEY, {}))
    while len(pending) >= KEEP:
        pending.pop(next(iter(pending)))
    token = secrets.token_urlsafe(16)
    pending[token] = {
        "report": report_pk,
        "source": source,
        "from_portal": match.from_portal,
        "file_revision": file_revision,
        "proposals": {key: p.as_dict() for key, p in match.proposals.items()},
        "unmatched": match.unmatched,
    }
    session[SESSION_KEY] = pending
    return token


def get(session, *, report_pk: int, token: str) -> dict[str, Any] | None:
    found = session.get(SESSION_KEY, {}).get(token)
    return found if found and found["report"] == report_pk else None


def drop(session, token: str) -> None:
    pending = dict(session.get(SESSION_KEY, {}))
    pending.pop(token, None)
    session[SESSION_KEY] = pending
