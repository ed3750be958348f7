"""Project-wide views outside any app: the site icon at the address browsers, feed readers
and bookmarks ask for by convention."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico: the icon from the static files (WhiteNoise serves it hashed and cached
    for long), so it is one file whatever asks for it. Pages name it with <link rel=icon>."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))
