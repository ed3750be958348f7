"""How the schema names the API's authentication (imported by ``ApiConfig.ready``)."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


class TokenScheme(OpenApiAuthenticationExtension):
    """A personal access token (tokens/): as a Bearer token, or as the password of HTTP
    Basic (what Excel's and Power BI's dialogs send), or as ``?api_key=``."""

    target_class = "tokens.drf.TokenAuthentication"
    name = ["personalToken", "personalTokenBasic"]

    def get_security_definition(self, auto_schema):
        return [
            {
                "type": "http",
                "scheme": "bearer",
                "description": "A personal access token (Connect page), read-only.",
            },
            {
                "type": "http",
                "scheme": "basic",
                "description": "Any user name, the personal access token as the password.",
            },
        ]
