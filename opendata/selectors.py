"""The published reports open data is written from: live publications only
(``reports.selectors.publications``), each as an ``Entry`` of its frozen snapshot."""

from __future__ import annotations

import hashlib

from reports.models import Publication
from reports.selectors.publications import country_publications, live_publications
from roadmap.models import Country, Framework

from .entries import Entry


def _entry(publication: Publication, framework: Framework) -> Entry:
    snapshot = publication.snapshot
    # Codes from the snapshot too: the files say what was published, whatever changed since.
    return Entry(
        framework=framework.slug,
        country_code=snapshot["country"]["code"],
        cycle_code=snapshot["cycle"]["code"],
        revision=publication.revision,
        published_at=publication.published_at,
        snapshot=snapshot,
    )


def _ordered(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.country_code, e.cycle_code))


def data_version(*, framework: Framework) -> str:
    """A short string that changes exactly when the open data of ``framework`` changes:
    its live publications (a new one, a withdrawn one, a newer revision is a new row).
    Unlike ``public_version``, a public PDF rendered after publishing leaves it as it is:
    the files hold no PDF. For the stored zip's name, the cache and ETags. One query."""
    live = Publication.objects.filter(
        withdrawn_at__isnull=True, report__cycle__framework=framework
    ).order_by("pk")
    ids = ",".join(str(pk) for pk in live.values_list("pk", flat=True))
    return hashlib.sha256(f"{framework.pk}|{ids}".encode()).hexdigest()[:16]


def framework_by_slug(*, slug: str) -> Framework | None:
    return Framework.objects.filter(slug=slug).first()


def framework_entries(*, framework: Framework) -> list[Entry]:
    """Every live publication of ``framework``, by country code then cycle. One query."""
    return _ordered([_entry(p, framework) for p in live_publications(framework=framework)])


def country_entries(*, framework: Framework, country_code: str) -> list[Entry]:
    """``country_code``'s live publications of ``framework``, oldest cycle first; [] for
    an unknown country. Two queries."""
    country = Country.objects.filter(code__iexact=country_code.strip()).first()
    if country is None:
        return []
    publications = country_publications(framework=framework, country=country)
    return _ordered([_entry(p, framework) for p in publications])
