"""``token_or_session``: for the plain Django views that only read (the files at fixed
URLs, the OData feed). A token sets ``request.user`` for this request alone; without
one, the signed-in session is used as on any page."""

from __future__ import annotations

import functools
import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .auth import TokenRefused, rate_refusal, rate_wait, token_for_request

CHALLENGE = 'Bearer realm="Pathfinder", Basic realm="Pathfinder", charset="UTF-8"'


def refusal(request, refused: TokenRefused) -> HttpResponse:
    """The refusal as JSON for a client that asks for JSON, else as plain text: both
    readable in a terminal, a script's log and Power BI's error box."""
    if "json" in request.META.get("HTTP_ACCEPT", ""):
        body = json.dumps({"detail": refused.message}, ensure_ascii=False)
        response = HttpResponse(body, status=refused.status, content_type="application/json")
    else:
        response = HttpResponse(
            refused.message + "\n", status=refused.status, content_type="text/plain; charset=utf-8"
        )
    if refused.status == 401:
        # Excel and Power BI ask for the user name and password on this challenge.
        response["WWW-Authenticate"] = CHALLENGE
    if refused.retry_after is not None:
        response["Retry-After"] = str(refused.retry_after)
    return response


def token_or_session(view=None, *, refuse=refusal):
    """A view that answers a valid token (rate-limited per token) or a signed-in session.
    Without either: 401 with the challenge, not the redirect to the sign-in page that
    Power BI, Excel and LibreOffice cannot follow. ``refuse(request, refused)`` words the
    refusal (the OData feed answers in the OData error format); used bare or as
    ``token_or_session(refuse=...)``."""
    if view is None:
        return functools.partial(token_or_session, refuse=refuse)

    @login_not_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            token = token_for_request(request)
            if token is None and not request.user.is_authenticated:
                raise TokenRefused(_("Sign in, or send a personal access token."))
            if token is not None:
                wait = rate_wait(token)
                if wait is not None:
                    raise rate_refusal(wait)
        except TokenRefused as refused:
            return refuse(request, refused)
        if token is not None:
            # For this request only: no login(), so no session, no cookie, no signal.
            request.user = token.user
            request.token = token
        return view(request, *args, **kwargs)

    return wrapper
