"""Public pages served from Django's cache, with validators for conditional requests.

A page is kept whole (body and headers) under its URL, its language and the *public
version* of its framework: a token that changes whenever something of the framework is
published or withdrawn. Nothing is ever deleted to invalidate a page: the version moves,
so the next request looks under a new key and the old copies age out.

The version itself lives in the cache, so a hit costs no query at all: one cache read for
the version, one for the page. Only when the version is not in the cache (a cold start, an
eviction) is it worked out from the database (``reports.selectors.publications``). A
publication saved or deleted (publish, withdraw, republish: any path) sets the new version
once the transaction commits, so no reader sees a page rendered from the old rows under
the new version. With several server processes the cache must be shared (Redis,
``CACHE_URL``): a per-process memory cache would keep stale pages in the other processes.

ETag: a hash of version, URL and language, known before anything is rendered, so
If-None-Match is answered 304 without the page. Last-Modified: the newest publication date
the page shows, kept with the page; If-Modified-Since is answered from the cached copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from reports.models import TransitionAction
from reports.selectors.publications import public_version
from roadmap.models import Framework

PREFIX = "public:1"
SITE = "*"  # the version of the pages listing every framework
PAGE_TIMEOUT = 24 * 60 * 60  # old versions' pages go within a day (the version moves on)
MAX_AGE = 300  # seconds a browser or CDN may keep a page without asking


def _version_key(slug: str) -> str:
    return f"{PREFIX}:version:{slug}"


def _compute_version(slug: str) -> str:
    if slug == SITE:
        return "-".join(
            f"{f.slug}.{public_version(framework=f)}" for f in Framework.objects.order_by("slug")
        )
    framework = Framework.objects.filter(slug=slug).first()
    return public_version(framework=framework) if framework else "none"


def version(slug: str) -> str:
    """The framework's public version (``SITE``: of the whole public site), cached."""
    key = _version_key(slug)
    found = cache.get(key)
    if found is None:
        # add, not set: a publication committed meanwhile has already set the newer one.
        cache.add(key, _compute_version(slug), timeout=None)
        found = cache.get(key) or _compute_version(slug)
    return found


def bump(slug: str) -> None:
    """The framework's pages (and the site's) change: new versions, from the database."""
    for key in (slug, SITE):
        cache.set(_version_key(key), _compute_version(key), timeout=None)


def publication_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_save / post_delete of a Publication: bump its framework once committed."""
    # The snapshot names its framework: no query in the writer's transaction.
    slug = (instance.snapshot or {}).get("framework", {}).get("slug")
    if slug is None:
        slug = instance.report.cycle.framework.slug
    transaction.on_commit(lambda: bump(slug))


def step_taken(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """post_save of a workflow step: a publish or withdraw bumps the report's framework
    once committed (looked up then, so the step's transaction makes no query more)."""
    if not created or instance.action not in (TransitionAction.PUBLISH, TransitionAction.WITHDRAW):
        return
    report_id = instance.report_id

    def after() -> None:
        found = Framework.objects.filter(cycles__reports__pk=report_id).values_list("slug")
        for (slug,) in found[:1]:
            bump(slug)

    transaction.on_commit(after)


def etag_for(request: HttpRequest, slug: str, language: str) -> str:
    digest = hashlib.sha256(f"{version(slug)}|{request.path}|{language}".encode()).hexdigest()
    return f'"{digest[:32]}"'


def _store(key: str, response: HttpResponse) -> None:
    headers = {k: v for k, v in response.items() if k in ("Content-Type", "Last-Modified")}
    cache.set(key, (response.status_code, response.content, headers), PAGE_TIMEOUT)


def _rebuild(entry: tuple[int, bytes, dict[str, str]]) -> HttpResponse:
    status, content, headers = entry
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve ``view`` (called as ``view(request, language=..., framework_slug=..., ...)``)
    in the URL's language, from the cache when it holds the page, with ETag and
    Last-Modified; 304 when the reader's copy is current. The view may set
    ``response.last_modified`` (a datetime): the newest publication the page shows."""

    @wraps(view)
    def wrapper(request: HttpRequest, lang: str, **kwargs: Any) -> HttpResponse:
        slug = kwargs.get("framework_slug", SITE)
        etag = etag_for(request, slug, lang)
        key = f"{PREFIX}:page:{etag}"
        entry = cache.get(key)
        if entry is not None:
            response = _rebuild(entry)
        else:
            with translation.override(lang):
                response = view(request, language=lang, **kwargs)
            modified: datetime | None = getattr(response, "last_modified", None)
            if modified is not None:
                response["Last-Modified"] = http_date(modified.timestamp())
            if response.status_code == 200:
                _store(key, response)
        response["ETag"] = etag
        mark_public(response, lang)
        if response.status_code != 200:
            return response
        conditional = get_conditional_response(
            request, etag=etag, last_modified=_timestamp(response), response=response
        )
        if conditional is not response:
            mark_public(conditional, lang)
        return conditional

    return wrapper


def _timestamp(response: HttpResponse) -> int | None:
    value = response.get("Last-Modified")
    return parse_http_date_safe(value) if value else None


def mark_public(response: HttpResponse, language: str | None) -> None:
    """Tell ``public.middleware.PublicPagesMiddleware`` the response is public (a page in
    ``language``, or a file): cacheable by anyone, no cookie, no Vary on cookies."""
    response.public_page = True
    response.public_language = language
