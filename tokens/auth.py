"""Who a request's token belongs to. Three ways to send it, because analysts' tools each
offer one: ``Authorization: Bearer <token>`` (scripts), HTTP Basic with the token as the
password and any user name (the OData dialogs of Excel and Power BI) and ``?api_key=``
(Power Query's "Web API" key; it ends up in logs and browser history: see the README).

A token is never a session: nothing here calls ``login()`` or touches ``request.session``.
The failure throttle and the per-token rate limit count in Django's cache.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .models import PersonalToken
from .selectors import token_by_prefix
from .services import token_hash, token_note_use

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
_SEEN = "_pf_token"  # the request's token, once checked (the DRF throttle asks again)


class TokenRefused(Exception):
    """A token request turned away: 401 (bad, revoked, expired, deactivated), 403 (a
    method that writes) or 429 (throttled, with the seconds to wait)."""

    def __init__(self, message: str, *, status: int = 401, retry_after: int | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


def credential_of(request) -> str | None:
    """The token the request carries, however it is sent; None when it carries none."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return ""  # a credential, unreadable: a failed attempt
        return decoded.partition(":")[2]
    key = request.GET.get("api_key")
    return key.strip() if key is not None else None


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _failure_keys(request) -> tuple[str, str]:
    ip = client_ip(request)
    return f"tokens:failures:{ip}", f"tokens:locked:{ip}"


def _check_not_locked(request) -> None:
    unlock_at = cache.get(_failure_keys(request)[1])
    if unlock_at is not None and unlock_at > time.time():
        wait = math.ceil(unlock_at - time.time())
        raise TokenRefused(
            _("Too many failed token attempts from your address. Try again in %(s)d seconds.")
            % {"s": wait},
            status=429,
            retry_after=wait,
        )


def _failed(request, message: str) -> TokenRefused:
    """Counts a failed attempt of the client's address; the limit reached, the address is
    refused for the cool-off, as django-axes does for a user name at sign-in. By address,
    because a guessed token has no user name to lock."""
    failures, locked = _failure_keys(request)
    cooloff = settings.TOKEN_FAILURE_COOLOFF_MINUTES * 60
    cache.add(failures, 0, timeout=cooloff)
    try:
        count = cache.incr(failures)
    except ValueError:  # expired between add and incr
        cache.set(failures, 1, timeout=cooloff)
        count = 1
    if count >= settings.TOKEN_FAILURE_LIMIT:
        cache.set(locked, time.time() + cooloff, timeout=cooloff)
        cache.delete(failures)
    return TokenRefused(message)


def _when(moment) -> str:
    return date_format(localtime(moment), "DATETIME_FORMAT")


def _checked(request, raw: str) -> PersonalToken:
    token = token_by_prefix(raw=raw)
    # Compared in constant time: the hash of a guess tells nothing by how fast it fails.
    if token is None or not hmac.compare_digest(token.secret_hash, token_hash(raw)):
        raise _failed(request, _("This token is not valid."))
    if token.revoked_at is not None:
        raise _failed(
            request,
            _("This token was revoked on %(when)s. Create a new one on your Connect page.")
            % {"when": _when(token.revoked_at)},
        )
    if token.expires_at <= timezone.now():
        raise _failed(
            request,
            _("This token expired on %(when)s. Create a new one on your Connect page.")
            % {"when": _when(token.expires_at)},
        )
    if not token.user.is_active:
        raise _failed(request, _("The account this token belongs to is deactivated."))
    return token


def token_for_request(request) -> PersonalToken | None:
    """The valid token the request carries, its use noted; None when it carries none.
    Raises TokenRefused for a bad one, a method that writes, or a throttled address."""
    if hasattr(request, _SEEN):
        return getattr(request, _SEEN)
    raw = credential_of(request)
    if raw is None:
        return None
    if request.method not in SAFE_METHODS:
        raise TokenRefused(
            _("A token can only read: it is not accepted for %(method)s requests.")
            % {"method": request.method},
            status=403,
        )
    _check_not_locked(request)
    token = _checked(request, raw)
    token_note_use(token=token, now=timezone.now())
    setattr(request, _SEEN, token)
    return token


def user_for_request(request):
    """The person whose valid token the request carries, or None (no token, or one
    refused: callers that must say why use ``token_for_request``)."""
    try:
        token = token_for_request(request)
    except TokenRefused:
        return None
    return token.user if token is not None else None


def rate_wait(token: PersonalToken) -> int | None:
    """Counts one request of the token in the current minute; the seconds until the next
    minute when it is over TOKEN_RATE_LIMIT, else None."""
    now = time.time()
    key = f"tokens:rate:{token.pk}:{int(now // 60)}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=70)
        count = 1
    if count > settings.TOKEN_RATE_LIMIT:
        return max(1, math.ceil(60 - now % 60))
    return None


def rate_refusal(wait: int) -> TokenRefused:
    return TokenRefused(
        _("Too many requests with this token: at most %(n)d a minute. Try again in %(s)d seconds.")
        % {"n": settings.TOKEN_RATE_LIMIT, "s": wait},
        status=429,
        retry_after=wait,
    )
