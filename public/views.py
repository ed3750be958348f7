"""The public pages: thin views over ``public.published`` (reads) and ``public.selectors``
(what a snapshot says). Every page but the first redirect and the files goes through
``public.cache.public_page``: cached per URL, language and public version, ETag and
Last-Modified, 304s."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_from_request
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from reports.views.evidence import download_headers

from . import charts, published, selectors
from .cache import mark_public, public_page
from .sitemaps import SITEMAPS


def _links(request: HttpRequest, language: str) -> dict[str, Any]:
    """The canonical URL of the page and the same page in every language."""
    match = request.resolver_match
    alternates = [
        (
            code,
            name,
            request.build_absolute_uri(
                reverse(f"public:{match.url_name}", kwargs={**match.kwargs, "lang": code})
            ),
        )
        for code, name in settings.LANGUAGES
    ]
    return {
        "language": language,
        "canonical": request.build_absolute_uri(request.path),
        "alternates": alternates,
        "other_languages": [a for a in alternates if a[0] != language],
    }


def _page(request: HttpRequest, template: str, language: str, **context: Any) -> HttpResponse:
    response = render(request, template, {**_links(request, language), **context})
    response.last_modified = context.get("last_modified")
    return response


@login_not_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """/public/: the pages in the reader's language (browser or language cookie)."""
    return redirect("public:frameworks", lang=get_language_from_request(request))


@login_not_required
@require_safe
@public_page
def frameworks(request: HttpRequest, *, language: str) -> HttpResponse:
    found = published.published_frameworks()
    if len(found) == 1:
        return redirect("public:index", lang=language, framework_slug=found[0].slug)
    return _page(request, "public/frameworks.html", language, frameworks=found)


@login_not_required
@require_safe
@public_page
def framework_index(request: HttpRequest, *, language: str, framework_slug: str) -> HttpResponse:
    framework = published.framework_or_404(slug=framework_slug)
    countries = published.country_entries(framework=framework, language=language)
    return _page(
        request,
        "public/index.html",
        language,
        framework=framework,
        countries=countries,
        events=published.events(framework=framework),
        last_modified=max((c.last_updated for c in countries), default=None),
    )


@login_not_required
@require_safe
@public_page
def country(
    request: HttpRequest, *, language: str, framework_slug: str, country_code: str
) -> HttpResponse:
    framework = published.framework_or_404(slug=framework_slug)
    _country, publications = published.country_or_404(framework=framework, code=country_code)
    snapshots = [p.snapshot for p in publications]
    cycles = selectors.cycle_codes(snapshots=snapshots)
    return _page(
        request,
        "public/country.html",
        language,
        framework=framework,
        publications=publications,
        newest=publications[-1],
        snapshot=snapshots[-1],
        cycles=cycles,
        themes=selectors.roadmap_themes(snapshots=snapshots, language=language),
        steps=selectors.next_step_rows(snapshots=snapshots, language=language, set_label=_("Set")),
        rating=charts.rating_chart(snapshots=snapshots),
        people=charts.people_charts(snapshots=snapshots, language=language),
        indicators=charts.indicator_charts(snapshots=snapshots, language=language),
        last_modified=max(p.published_at for p in publications),
    )


@login_not_required
@require_safe
@public_page
def report(
    request: HttpRequest, *, language: str, framework_slug: str, country_code: str, cycle_code: str
) -> HttpResponse:
    framework = published.framework_or_404(slug=framework_slug)
    publication = published.publication_or_404(
        framework=framework, country_code=country_code, cycle_code=cycle_code
    )
    return _page(
        request,
        "public/report.html",
        language,
        framework=framework,
        publication=publication,
        snapshot=publication.snapshot,
        last_modified=publication.published_at,
    )


@login_not_required
@require_safe
def report_pdf(
    request: HttpRequest, lang: str, framework_slug: str, country_code: str, cycle_code: str
) -> HttpResponse:
    """The publication's PDF in the URL's language; until the worker has rendered it, a
    page saying it is being prepared (503 with Retry-After: nothing for a cache to keep)."""
    framework = published.framework_or_404(slug=framework_slug)
    publication = published.publication_or_404(
        framework=framework, country_code=country_code, cycle_code=cycle_code
    )
    document = getattr(publication, f"pdf_{lang}")
    if not document:
        # The layout's language switch and canonical link too, and the way to the report.
        context = {
            **_links(request, lang),
            "report_url": reverse("public:report", kwargs=request.resolver_match.kwargs),
        }
        with translation.override(lang):  # not public_page's: a 503 is never cached
            response = render(request, "public/pdf_preparing.html", context, status=503)
        response["Retry-After"] = "60"
        return response
    name = f"{country_code.lower()}-{cycle_code}-{lang}.pdf"
    response = FileResponse(
        document.open("rb"), content_type="application/pdf", as_attachment=True, filename=name
    )
    mark_public(response, lang)
    return response


@login_not_required
@require_safe
def evidence(
    request: HttpRequest,
    lang: str,
    framework_slug: str,
    country_code: str,
    cycle_code: str,
    evidence_id: int,
) -> HttpResponse:
    """A public evidence file: only one the live snapshot lists (marked public when the
    report was published), else 404 whatever the file's flag says now."""
    framework = published.framework_or_404(slug=framework_slug)
    publication = published.publication_or_404(
        framework=framework, country_code=country_code, cycle_code=cycle_code
    )
    listed = selectors.public_evidence_ids(snapshot=publication.snapshot)
    if evidence_id not in listed:
        raise Http404
    found = published.evidence_file(report_id=publication.report_id, evidence_id=evidence_id)
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except OSError:  # its row without its file (media not restored): not there
        raise Http404 from None
    response = FileResponse(handle)
    for header, value in download_headers(found).items():
        response[header] = value
    mark_public(response, lang)
    return response


@login_not_required
@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    response = sitemap_view(request, sitemaps=SITEMAPS)
    mark_public(response, None)
    return response
