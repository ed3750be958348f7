"""Project-wide middleware: what every signed-in response must carry."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreForSignedInMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in user.

    Report pages, PDFs and exports are drafts that change by the minute, and ministries
    share computers: neither the browser nor a proxy may keep a copy that the next person
    at that desk would see with the Back button or from the cache. Every page of the
    portal needs a sign-in, so it is simplest (and leaves nothing out) to mark them all.
    Static files never get here: WhiteNoise serves them above, with their long caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
