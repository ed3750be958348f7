"""Project-wide middleware: no response kept in a cache; sessions that end when idle."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """``Cache-Control: private, no-store`` on every response the portal itself makes.

    Report pages, PDFs and exports are drafts that change by the minute, and ministries
    share computers: neither the browser nor a proxy may keep a copy that the next person
    at that desk would see with the Back button or from the cache. Every page but sign-in
    needs a user, and the sign-in pages are never cached anyway, so all are marked: no page
    can be left out, and no database lookup of the user is needed (the 500 page answers
    when the database is down, and is marked too). Static files never get here: WhiteNoise
    serves them above, with their long caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, private=True, no_store=True)
        return response


class SessionIdleRefreshMiddleware:
    """Slides a signed-in session's expiry forward, at most once a minute.

    SESSION_COOKIE_AGE is the idle timeout: a session not saved for that long has expired.
    Django only saves a session when it changes, so without this an active user would be
    signed out SESSION_COOKIE_AGE after signing in, mid-sentence. SESSION_SAVE_EVERY_REQUEST
    would fix that with one database write per request, and the section page autosaves every
    few seconds of typing; touching a timestamp once a minute costs at most one write a minute
    and makes the timeout exact to that minute. Every request counts, autosaves included, so
    typing keeps the session alive.
    """

    key = "_pf_seen_at"
    interval = 60  # seconds

    @classmethod
    def mark_seen_at_login(cls, sender: object, request: HttpRequest, **kwargs: object) -> None:
        """user_logged_in: signing in saves the session anyway; note the time, so that the
        requests of the next minute do not save it again."""
        request.session[cls.key] = int(time.time())

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(self.key, 0) >= self.interval:
                # A change, so SessionMiddleware saves the session with a fresh expiry date
                # and sends the cookie again with a fresh max-age.
                request.session[self.key] = now
        return self.get_response(request)
