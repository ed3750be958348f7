"""The same tokens for Django REST framework views (the API under /api/v1/): the
authentication class and the per-token throttle. Imported only by the API's settings,
so the portal runs without REST framework installed."""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.throttling import BaseThrottle

from .auth import TokenRefused, rate_wait, token_for_request
from .decorators import CHALLENGE
from .models import PersonalToken


class TokenAuthentication(BaseAuthentication):
    """Bearer, Basic with the token as password, or ?api_key=: (user, token). Never a
    session: REST framework sets ``request.user`` for the request alone."""

    def authenticate(self, request):
        try:
            token = token_for_request(request._request)
        except TokenRefused as refused:
            if refused.status == 429:
                raise exceptions.Throttled(
                    wait=refused.retry_after, detail=refused.message
                ) from refused
            if refused.status == 403:
                raise exceptions.PermissionDenied(refused.message) from refused
            raise exceptions.AuthenticationFailed(refused.message) from refused
        if token is None:
            return None
        return token.user, token

    def authenticate_header(self, request) -> str:
        # A challenge makes REST framework answer 401 (not 403) to a request without one.
        return CHALLENGE


class TokenRateThrottle(BaseThrottle):
    """TOKEN_RATE_LIMIT requests a minute per token; requests without a token (a signed-in
    person's browser) are not counted here."""

    def allow_request(self, request, view) -> bool:
        self._wait = None
        if not isinstance(request.auth, PersonalToken):
            return True
        self._wait = rate_wait(request.auth)
        return self._wait is None

    def wait(self) -> float | None:
        return self._wait
