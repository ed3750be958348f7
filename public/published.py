"""The public pages' reads: live publications, from ``reports.selectors.publications``,
put in the shapes the pages need. Only a publication's snapshot, dates and revision are
read: never the live report rows (drafts, comments, names stay out by construction)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import Http404

from reports.models import Evidence, Publication
from reports.selectors.publications import (
    country_publications,
    live_publications,
    publication_events,
    publication_for,
)
from roadmap.models import Country, Framework

from .selectors import text_in


def framework_or_404(*, slug: str) -> Framework:
    framework = Framework.objects.filter(slug=slug).first()
    if framework is None:
        raise Http404
    return framework


def published_frameworks() -> list[Framework]:
    """Frameworks with at least one live publication, by name."""
    live = Publication.objects.filter(withdrawn_at__isnull=True)
    return list(Framework.objects.filter(pk__in=live.values("report__cycle__framework")))


@dataclass
class CountryEntry:
    code: str
    name: str
    latest_cycle: str
    last_updated: datetime
    cycles: int


def _cycle_start(publication: Publication) -> str:
    return publication.snapshot["cycle"]["starts_on"]


def country_entries(*, framework: Framework, language: str) -> list[CountryEntry]:
    """Each country with a live publication: its newest cycle, when it last changed."""
    by_country: dict[str, list[Publication]] = {}
    for publication in live_publications(framework=framework):
        by_country.setdefault(publication.snapshot["country"]["code"], []).append(publication)
    entries = []
    for code, publications in by_country.items():
        newest = max(publications, key=_cycle_start)
        entries.append(
            CountryEntry(
                code=code,
                name=text_in(newest.snapshot["country"], "name", language=language),
                latest_cycle=newest.snapshot["cycle"]["code"],
                last_updated=max(p.published_at for p in publications),
                cycles=len(publications),
            )
        )
    return sorted(entries, key=lambda e: e.name)


def events(*, framework: Framework, limit: int = 10) -> list[Any]:
    return list(publication_events(framework=framework, limit=limit))


def country_or_404(*, framework: Framework, code: str) -> tuple[Country, list[Publication]]:
    """The country and its live publications, oldest cycle first; 404 without any."""
    country = Country.objects.filter(code=code).first()
    publications = (
        sorted(country_publications(framework=framework, country=country), key=_cycle_start)
        if country
        else []
    )
    if not publications:
        raise Http404
    return country, publications


def publication_or_404(*, framework: Framework, country_code: str, cycle_code: str) -> Publication:
    publication = publication_for(
        framework=framework, country_code=country_code, cycle_code=cycle_code
    )
    if publication is None:
        raise Http404
    return publication


def evidence_file(*, report_id: int, evidence_id: int) -> Evidence | None:
    """The evidence row of a file a live snapshot lists (the caller checked the list)."""
    return Evidence.objects.filter(report_id=report_id, pk=evidence_id).first()


def sitemap_pages(*, framework: Framework) -> list[tuple[str, dict[str, str], datetime]]:
    """The framework's country and report pages: (URL name, kwargs, last published)."""
    pages: list[tuple[str, dict[str, str], datetime]] = []
    newest: dict[str, datetime] = {}
    for publication in live_publications(framework=framework):
        code = publication.snapshot["country"]["code"]
        cycle = publication.snapshot["cycle"]["code"]
        when = publication.published_at
        newest[code] = max(when, newest.get(code, when))
        pages.append(("report", {"country_code": code, "cycle_code": cycle}, when))
    pages += [("country", {"country_code": code}, when) for code, when in newest.items()]
    return pages
