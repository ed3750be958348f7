"""How the API knows who asks. A session (a person signed in to the portal, e.g. trying the
docs page) is accepted now; personal access tokens are added before it in
``REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]`` (settings)."""

from __future__ import annotations

from rest_framework import authentication


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, answering a request without credentials with 401 (and
    a ``WWW-Authenticate`` header) rather than 403: a client such as Power BI asks for
    credentials on a 401 only, and a redirect to the sign-in page would break it."""

    def authenticate_header(self, request) -> str:
        return 'Session realm="api"'
