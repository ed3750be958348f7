"""The only writes of tokens: create, revoke, note a use. The admin, the pages and the
demo all come here."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import DEFAULT_DAYS, PREFIX, PersonalToken

# A use is written at most once a minute per token: a dashboard refreshing every few
# seconds must not turn each of its reads into a write.
LAST_USED_INTERVAL = dt.timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _new_raw() -> tuple[str, str]:
    """(prefix, token): pf_ + 8 characters to recognise and find it, then 43 random
    URL-safe characters (256 bits) that only the person ever sees."""
    alphabet = "abcdefghijkmnopqrstuvwxyz23456789"  # no l/1/0: read aloud or copied by hand
    prefix = PREFIX + "".join(secrets.choice(alphabet) for _ in range(8))
    return prefix, f"{prefix}_{secrets.token_urlsafe(32)}"


def token_create(
    *,
    user,
    label: str,
    days: int = DEFAULT_DAYS,
    client_key: uuid.UUID | None = None,
) -> tuple[PersonalToken, str | None]:
    """A new token and its secret, which is never stored and so never shown again. The
    same client key sent again returns the token it created, without its secret (None).
    Raises ValidationError when the label or lifetime break the model's rules."""
    if client_key is not None:
        existing = PersonalToken.objects.filter(user=user, client_key=client_key).first()
        if existing is not None:
            return existing, None
    for _attempt in range(3):
        prefix, raw = _new_raw()
        token = PersonalToken(
            user=user,
            label=label.strip(),
            lifetime_days=days,
            prefix=prefix,
            secret_hash=token_hash(raw),
            client_key=client_key,
        )
        token.expires_at = token.created_at + dt.timedelta(days=days or 0)
        token.full_clean(exclude=["prefix", "secret_hash"])
        try:
            with transaction.atomic():
                token.save()
        except IntegrityError:
            # A prefix drawn twice (1 in 33**8) or the same form posted twice at once.
            if client_key is not None:
                existing = PersonalToken.objects.filter(user=user, client_key=client_key).first()
                if existing is not None:
                    return existing, None
            continue
        return token, raw
    raise RuntimeError("no free token prefix after three draws")


def token_revoke(*, token: PersonalToken, by) -> PersonalToken:
    """Revoked at once, for good; revoking a revoked token keeps its first revocation."""
    PersonalToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by
    )
    token.refresh_from_db(fields=["revoked_at", "revoked_by"])
    return token


def token_note_use(*, token: PersonalToken, now: dt.datetime) -> None:
    """Records the use when the last one recorded is a minute old or more; otherwise no
    query at all. The condition is repeated in the UPDATE, so two requests of the same
    second write once."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_INTERVAL:
        return
    stale = now - LAST_USED_INTERVAL
    PersonalToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale), pk=token.pk
    ).update(last_used_at=now)
    token.last_used_at = now
