"""Public pages may be kept by browsers and shared caches (a CDN): marked here.

Above ``pathfinder.middleware.NoStoreMiddleware`` (which marks every other response
private, no-store) and above the session and locale middleware: a response of
``public.cache.public_page`` leaves with ``Cache-Control: public``, no cookie (a session
or CSRF cookie would make a shared cache keep one reader's cookie for everyone) and no
``Vary: Cookie`` / ``Accept-Language`` (the language is in the URL, and the page is the same
for everyone). Every other response passes untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from http.cookies import SimpleCookie

from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re

from .cache import MAX_AGE


class PublicPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(response, "public_page", False):
            return response
        response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        if response.public_language:
            response["Content-Language"] = response.public_language
        vary = [
            v
            for v in cc_delim_re.split(response.get("Vary", ""))
            if v and v.lower() not in ("cookie", "accept-language")
        ]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif "Vary" in response:
            del response["Vary"]
        response.cookies = SimpleCookie()
        return response
