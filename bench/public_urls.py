"""The project's URLs plus ``/bench-floor/``: a minimal Django view answering a static HTML
page of ``?bytes=N`` bytes, through the same middleware as a public page. The floor of
``bench.public``: what serving that many bytes costs Django and gunicorn at the least."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from pathfinder.urls import handler400, handler403, handler404, handler500  # noqa: F401
from pathfinder.urls import urlpatterns as portal

HEAD = b'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Floor</title>'
TAIL = b"</head><body><main><p>A static page.</p></main></body></html>\n"


@login_not_required
@require_GET
def floor(request):
    size = max(int(request.GET.get("bytes", "0") or 0), len(HEAD) + len(TAIL))
    padding = b"<!--" + b"x" * max(size - len(HEAD) - len(TAIL) - 7, 0) + b"-->"
    return HttpResponse(HEAD + padding + TAIL, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench-floor/", floor), *portal]
