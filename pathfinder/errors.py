"""Error pages in the portal's layout, translated, each with a way back (issue 8, item 6).

400, 403, 404 and the CSRF failure render with the request, so they show the header and
the user's menu. The 500 page renders without the request: no context processor runs, so
nothing reads the session, the user or their roles, and it still answers when the database
is what failed.
"""

from __future__ import annotations

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def _back_url(request: HttpRequest) -> str:
    """The page the user came from, when it is one of ours (never another site's)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the very reason for a 400: no host to compare with
        return ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _page(request: HttpRequest, template: str, status: int, **context: object) -> HttpResponse:
    return render(request, template, {"back_url": _back_url(request), **context}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, "errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Our views raise PermissionDenied with a translated reason ("The review queue is for
    # reviewers.") or none at all.
    return _page(request, "errors/403.html", 403, reason=" ".join(map(str, exception.args)))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    context = {"back_url": _back_url(request), "home_url": reverse("home")}
    return HttpResponseServerError(loader.get_template("errors/500.html").render(context))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW. Django logs ``reason``; the user is told what it means for them."""
    return _page(request, "errors/csrf.html", 403)
