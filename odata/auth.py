"""Who is asking: the one seam between the feed and authentication. A personal access
token (HTTP Basic password, Bearer or ``api_key``, with its rate limit) or the signed-in
session, decided by ``tokens.decorators.token_or_session``; only the wording of a refusal is
the feed's own (the OData error format).

Never a redirect to the sign-in page: Excel and Power BI follow a 302 to an HTML form and
fail; a 401 with ``WWW-Authenticate: Basic`` makes them ask for credentials."""

from __future__ import annotations

from tokens.auth import TokenRefused
from tokens.decorators import token_or_session

from .errors import ODataError, error_response

REALM = 'Basic realm="Pathfinder"'


def refused(request, refusal: TokenRefused):
    """A token refused (401: none, unknown, revoked, expired; 429: too many) as an OData
    error, with the challenge Excel and Power BI answer and any wait."""
    code = "unauthorized" if refusal.status == 401 else "too_many_requests"
    response = error_response(ODataError(refusal.message, code=code, status=refusal.status))
    if refusal.status == 401:
        response["WWW-Authenticate"] = REALM
    if refusal.retry_after is not None:
        response["Retry-After"] = str(refusal.retry_after)
    return response


feed_user = token_or_session(refuse=refused)
