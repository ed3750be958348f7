"""The board: every country of a framework in one cycle, whether or not it has opened
its report. A fixed number of queries, whatever the number of countries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports import permissions
from reports.assignment_models import Assignment, AssignmentState
from reports.models import (
    Report,
    ReportingCycle,
    ReportState,
)
from reports.selectors.counts import count_subquery, with_row_counts
from reports.selectors.queue import queue_rows
from roadmap.models import Country, Framework, Roadmap


class BoardStatus:
    """A row's status: the report's state, or "not opened" when it has no report."""

    NOT_OPENED = "not_opened"
    CHOICES = [(NOT_OPENED, _("Not opened")), *ReportState.choices]


class CountryStatus:
    """The status of a country's row (board, synthesis): its report's state, or "not
    opened". For row classes with a ``report`` attribute (None when not opened)."""

    report: Report | None

    @property
    def status(self) -> str:
        return self.report.state if self.report else BoardStatus.NOT_OPENED

    @property
    def status_label(self) -> str:
        return str(dict(BoardStatus.CHOICES)[self.status])


@dataclass(frozen=True)
class BoardRow(CountryStatus):
    country: Country
    report: Report | None
    deadline: dt.date
    today: dt.date
    required_total: int = 0
    required_answered: int = 0
    first_submitted_at: dt.datetime | None = None
    # None when the viewer may not read the report (a reviewer and a draft never handed
    # in): its comment threads are part of what they may not see.
    open_threads: int | None = None
    can_read: bool = False
    # A draft's assigned parts and those handed in to the focal point (ready or accepted):
    # numbers only, never what they say (issue 24).
    parts_total: int = 0
    parts_ready: int = 0

    @property
    def percent_complete(self) -> int:
        if self.report is None:
            return 0
        if not self.required_total:
            return 100
        return min(100, round(100 * self.required_answered / self.required_total))

    @property
    def first_submitted_on(self) -> dt.date | None:
        if self.first_submitted_at is None:
            return None
        return timezone.localdate(self.first_submitted_at)

    @property
    def days_late(self) -> int:
        """Days past the deadline: of the first submission, or of today while nothing was
        handed in (0 when on time). A resubmission after a return is not lateness."""
        handed_in = self.first_submitted_on or self.today
        return max(0, (handed_in - self.deadline).days)

    @property
    def days_left(self) -> int | None:
        """Days until the deadline while the country has not handed in yet."""
        if self.first_submitted_on is not None or self.today > self.deadline:
            return None
        return (self.deadline - self.today).days

    @property
    def is_late(self) -> bool:
        return self.days_late > 0

    @property
    def last_change(self) -> dt.datetime | None:
        return self.report.updated_at if self.report else None


SORT_KEYS = {
    "country": lambda r: r.country.shown_name.casefold(),
    "region": lambda r: (
        str(r.country.get_region_display()) or "~",
        r.country.shown_name.casefold(),
    ),
    "status": lambda r: (
        [v for v, _l in BoardStatus.CHOICES].index(r.status),
        r.country.shown_name,
    ),
    "complete": lambda r: (r.percent_complete, r.country.shown_name),
    "deadline": lambda r: (-r.days_late, r.days_left if r.days_left is not None else 10**6),
    "submitted": lambda r: (r.first_submitted_at is None, r.first_submitted_at or 0),
    "threads": lambda r: (-1 if r.open_threads is None else r.open_threads, r.country.shown_name),
    "changed": lambda r: (r.last_change is None, r.last_change or 0),
}


def board_framework(*, user, slug: str) -> Framework:
    """The framework ``slug`` if ``user`` may see its board, else 404."""
    framework = Framework.objects.filter(slug=slug).first()
    if framework is None or not permissions.can_see_board(user, framework.pk):
        raise Http404
    return framework


def board_cycles(*, framework: Framework) -> list[ReportingCycle]:
    """The framework's cycles, latest first."""
    return list(framework.cycles.order_by("-starts_on"))


def current_cycle(*, cycles: list[ReportingCycle], today: dt.date) -> ReportingCycle | None:
    """The latest cycle whose reporting has opened (else the earliest one)."""
    opened = [c for c in cycles if c.opens_on <= today]
    return opened[0] if opened else (cycles[-1] if cycles else None)


def board_countries(*, user, framework: Framework) -> QuerySet[Country]:
    """The framework's countries (those with a roadmap under it) the user has rows for."""
    has_roadmap = Exists(Roadmap.objects.filter(framework=framework, country_id=OuterRef("pk")))
    return (
        Country.objects.filter(has_roadmap)
        .filter(permissions.board_countries(user, framework.pk))
        .order_by("name")
    )


def _board_reports(cycle: ReportingCycle, countries: QuerySet[Country]) -> list[Report]:
    """The cycle's reports of ``countries``, with what a row counts (no answer text), the
    parts assigned and those ready among them: subqueries of the same query."""
    assignments = Assignment.objects.filter(report_id=OuterRef("pk"))
    return list(
        with_row_counts(
            Report.objects.with_context().filter(cycle=cycle, country__in=countries)
        ).annotate(
            parts_total=count_subquery(assignments, "report_id"),
            parts_ready=count_subquery(
                assignments.filter(state__in=(AssignmentState.READY, AssignmentState.ACCEPTED)),
                "report_id",
            ),
        )
    )


def board_rows(
    *,
    user,
    framework: Framework,
    cycle: ReportingCycle,
    status: str = "",
    late: bool = False,
    region: str = "",
    sort: str = "country",
    descending: bool = False,
    today: dt.date | None = None,
) -> list[BoardRow]:
    """One row per country of the framework the user covers, filtered and sorted.
    Completeness is counted in SQL as the review queue counts it: a draft's progress is
    shown, never its text."""
    today = today or timezone.localdate()
    countries = board_countries(user=user, framework=framework)
    if region:
        countries = countries.filter(region=region)
    reports = _board_reports(cycle, countries)
    counted = {row.report.pk: row for row in queue_rows(reports=reports)}
    by_country = {r.country_id: r for r in reports}
    rows = []
    for country in countries:
        report = by_country.get(country.pk)
        if report is None:
            rows.append(
                BoardRow(country=country, report=None, deadline=cycle.deadline, today=today)
            )
            continue
        queue_row = counted[report.pk]
        can_read = permissions.can_view_report(user, report)
        rows.append(
            BoardRow(
                country=country,
                report=report,
                deadline=cycle.deadline,
                today=today,
                required_total=queue_row.required_total,
                required_answered=queue_row.required_answered,
                first_submitted_at=report.first_submitted_at,  # type: ignore[attr-defined]
                open_threads=report.unresolved if can_read else None,  # type: ignore[attr-defined]
                can_read=can_read,
                parts_total=report.parts_total,  # type: ignore[attr-defined]
                parts_ready=report.parts_ready,  # type: ignore[attr-defined]
            )
        )
    if status:
        rows = [r for r in rows if r.status == status]
    if late:
        rows = [r for r in rows if r.is_late]
    rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["country"]), reverse=descending)
    return rows
