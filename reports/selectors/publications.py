"""What is public: the live publications of a framework, for the public pages and the open
data. Nothing here asks who is reading: everything it returns is public by definition (a
live publication's frozen snapshot), and nothing names a person."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from roadmap.models import Country, Framework

from ..models import Publication, ReportingCycle, TransitionAction


class EventKind:
    PUBLISHED = "published"
    REPUBLISHED = "republished"  # a newer revision replaced the one that was public
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class PublicationEvent:
    """One line of "what changed lately": no person, no reason (a withdrawal's reason is
    the secretariat's note to the country, not a public statement)."""

    country: Country
    cycle: ReportingCycle
    what: str  # EventKind
    at: dt.datetime
    revision: int


def _live(framework: Framework) -> QuerySet[Publication]:
    return Publication.objects.filter(
        withdrawn_at__isnull=True, report__cycle__framework=framework
    ).select_related("report__country", "report__cycle")


def live_publications(*, framework: Framework) -> list[Publication]:
    """Every report of ``framework`` public now (one live publication per report, so per
    country and cycle), newest cycle first, then by country. One query."""
    return list(_live(framework).order_by("-report__cycle__starts_on", "report__country__name"))


def country_publications(*, framework: Framework, country: Country) -> list[Publication]:
    """``country``'s public reports of ``framework``, oldest cycle first. One query."""
    return list(
        _live(framework).filter(report__country=country).order_by("report__cycle__starts_on")
    )


def publication_for(
    *, framework: Framework, country_code: str, cycle_code: str
) -> Publication | None:
    """The live publication of a country's report of a cycle ("VN", "2022-2023"), or None
    (no such country, cycle or publication, or a code that is not one). Two queries."""
    try:
        cycle = ReportingCycle.objects.filter(framework=framework).get_by_code(cycle_code)
    except (ReportingCycle.DoesNotExist, ReportingCycle.MultipleObjectsReturned):
        return None
    return (
        _live(framework)
        .filter(report__cycle=cycle, report__country__code__iexact=country_code.strip())
        .first()
    )


def publication_events(*, framework: Framework, limit: int = 20) -> list[PublicationEvent]:
    """The latest publishing and withdrawals of ``framework``, newest first (at most
    ``limit``). A withdrawal done by republishing a newer revision is not an event of its
    own: the new publication says "republished". Two queries."""
    rows = Publication.objects.filter(report__cycle__framework=framework).select_related(
        "report__country", "report__cycle"
    )
    replaced = Publication.objects.filter(report=OuterRef("report"), pk__lt=OuterRef("pk"))
    published = rows.annotate(again=Exists(replaced)).order_by("-published_at", "-pk")[:limit]
    # Withdrawn by someone, not replaced: no later publication of the same report at the
    # very moment it was withdrawn (republishing withdraws and publishes in one step).
    superseding = Publication.objects.filter(
        report=OuterRef("report"), pk__gt=OuterRef("pk"), published_at=OuterRef("withdrawn_at")
    )
    withdrawn = (
        rows.filter(withdrawn_at__isnull=False)
        .annotate(superseded=Exists(superseding))
        .filter(superseded=False)
        .order_by("-withdrawn_at", "-pk")[:limit]
    )
    events = [
        PublicationEvent(
            country=p.report.country,
            cycle=p.report.cycle,
            what=EventKind.REPUBLISHED if p.again else EventKind.PUBLISHED,
            at=p.published_at,
            revision=p.revision,
        )
        for p in published
    ] + [
        PublicationEvent(
            country=p.report.country,
            cycle=p.report.cycle,
            what=EventKind.WITHDRAWN,
            at=p.withdrawn_at,
            revision=p.revision,
        )
        for p in withdrawn
    ]
    events.sort(key=lambda event: event.at, reverse=True)
    return events[:limit]


def public_version(*, framework: Framework) -> str:
    """A short string that changes whenever anything of ``framework`` is published,
    withdrawn, or gets its public PDF: for cache keys, ETags and knowing the open data is
    stale. One query."""
    figures = Publication.objects.filter(report__cycle__framework=framework).aggregate(
        count=Count("pk"),
        last=Max("pk"),
        withdrawn=Count("pk", filter=Q(withdrawn_at__isnull=False)),
        last_withdrawn=Max("withdrawn_at"),
        pdfs=Count("pk", filter=~Q(pdf_en="")) + Count("pk", filter=~Q(pdf_vi="")),
    )
    key = "|".join(str(figures[name]) for name in sorted(figures))
    return hashlib.sha256(f"{framework.pk}|{key}".encode()).hexdigest()[:16]


# ------------------------------------------------------------------------------------
# The portal side: what a report's pages say about its publication (not public).


@dataclass(frozen=True)
class PublicationStatus:
    """Whether and what of a report is public, for the panel of its hub and reading
    view; shown to whoever may read the report."""

    live: Publication | None
    needs_consent: bool
    # The focal point's consent to the current revision, if given: (when, revision).
    consent_at: dt.datetime | None
    revision: int

    @property
    def is_current(self) -> bool:
        """The public pages show the report's current revision."""
        return self.live is not None and self.live.revision == self.revision

    @property
    def awaiting_consent(self) -> bool:
        return self.needs_consent and self.consent_at is None and not self.is_current


def publication_status(*, report, transitions: list) -> PublicationStatus:
    """The report's publication as its pages show it. ``transitions``: the report's
    steps, which the pages load anyway: a report never published costs no query, one
    published costs one."""
    published = any(t.action == TransitionAction.PUBLISH for t in transitions)
    live = (
        Publication.objects.filter(report=report, withdrawn_at__isnull=True)
        .only("pk", "report_id", "revision", "published_at", "pdf_en", "pdf_vi")
        .first()
        if published
        else None
    )
    consent = [
        t.at
        for t in transitions
        if t.action == TransitionAction.CONSENT and t.revision == report.revision
    ]
    return PublicationStatus(
        live=live,
        needs_consent=report.cycle.framework.publication_needs_consent,
        consent_at=consent[-1] if consent else None,
        revision=report.revision,
    )
