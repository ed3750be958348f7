"""Who is asking: the one seam between the feed and authentication. Today the signed-in
session; at merge ``tokens.decorators.token_or_session`` (a personal token as HTTP Basic
password, Bearer or ``api_key``, with its rate limit) takes this decorator's place, and
nothing else in the feed changes.

Never a redirect to the sign-in page: Excel and Power BI follow a 302 to an HTML form and
fail; a 401 with ``WWW-Authenticate: Basic`` makes them ask for credentials."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.utils.translation import gettext as _

from .errors import ODataError, error_response

REALM = 'Basic realm="Pathfinder"'


def unauthorized():
    response = error_response(
        ODataError(
            _("Sign in: give a personal access token as the password (HTTP Basic)."),
            code="unauthorized",
            status=401,
        )
    )
    response["WWW-Authenticate"] = REALM
    return response


def feed_user(view):
    @login_not_required
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return unauthorized()
        return view(request, *args, **kwargs)

    return checked
