"""The open-data downloads: public (no sign-in), GET only, language-independent. Each
answer carries an ETag made of the framework's data version (its live publications), so a
client that has the file gets 304, and the bytes are cached (``CACHES``) under that
version: nothing is written twice for the same publications, and publishing or
withdrawing changes the version at once."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import condition, require_safe

from public.cache import mark_public
from reports.storage import documents_storage

from .package import country_zip, table_csv
from .selectors import country_entries, data_version, framework_by_slug
from .services import rebuild_framework_zip
from .tables import BY_NAME

# Raised when the files' layout changes, so no client keeps a file of the old one.
FORMAT = "1"
CACHE_SECONDS = 24 * 60 * 60
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "zip": "application/zip"}


def _etag(request: HttpRequest, framework: str, **kwargs) -> str | None:
    found = framework_by_slug(slug=framework)
    if found is None:
        return None
    what = "/".join(str(kwargs[k]).upper() for k in sorted(kwargs))
    return f"{FORMAT}-{data_version(framework=found)}-{what}"


def _file(body: bytes, *, filename: str, extension: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    mark_public(response, None)  # shareable by any cache, no cookie (public.middleware)
    return response


def _cached(key: str, build: Callable[[], bytes | None]) -> bytes | None:
    body = cache.get(key)
    if body is None:
        body = build()
        if body is not None:
            cache.set(key, body, CACHE_SECONDS)
    return body


def _country_body(framework: str, country: str, what: str) -> tuple[str, bytes]:
    found = framework_by_slug(slug=framework)
    if found is None:
        raise Http404
    version = data_version(framework=found)
    code = country.upper()

    def build() -> bytes | None:
        entries = country_entries(framework=found, country_code=code)
        if not entries:
            return None
        if what == "zip":
            return country_zip(framework=found.slug, country_code=code, entries=entries)
        return table_csv(BY_NAME[what], entries)

    body = _cached(f"opendata:{FORMAT}:{found.pk}:{version}:{code}:{what}", build)
    if body is None:
        raise Http404
    return code, body


@login_not_required
@require_safe
@condition(etag_func=_etag)
def country_table(request: HttpRequest, framework: str, country: str, table: str):
    if table not in BY_NAME:
        raise Http404
    code, body = _country_body(framework, country, table)
    return _file(body, filename=f"{framework}-{code}-{table}.csv", extension="csv")


@login_not_required
@require_safe
@condition(etag_func=_etag)
def country_zip_file(request: HttpRequest, framework: str, country: str):
    code, body = _country_body(framework, country, "zip")
    return _file(body, filename=f"{framework}-{code}.zip", extension="zip")


@login_not_required
@require_safe
@condition(etag_func=_etag)
def framework_zip_file(request: HttpRequest, framework: str):
    """The stored zip of everything published (``services``), built now if the job has
    not written it yet."""
    found = framework_by_slug(slug=framework)
    if found is None:
        raise Http404
    name = rebuild_framework_zip(found)
    response = FileResponse(documents_storage().open(name, "rb"), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{found.slug}.zip"'
    mark_public(response, None)
    return response
