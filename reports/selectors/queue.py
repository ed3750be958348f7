"""The reviewer queue: reports handed in by the countries a reviewer reviews, filtered,
sorted, and each with its completeness, open threads and lateness. A fixed number of
queries whatever the number of countries or reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from django.db.models import Count, F, QuerySet
from django.utils import timezone

from roadmap.models import Country, Role

from .. import permissions
from ..models import (
    NextStep,
    Question,
    QuestionKind,
    Report,
    ReportingCycle,
)
from .counts import with_row_counts
from .reports import report_is_late


def queue_reports(*, user: permissions.AnyUser) -> QuerySet[Report]:
    """Reports handed in by the countries ``user`` reviews (an admin: every country)."""
    roles = permissions.roles_for(user)
    reports = Report.objects.filter(permissions.HANDED_IN)
    if not roles.is_admin:
        reports = reports.filter(permissions.review_scope(roles))
    return reports


def queue_filter_choices(
    *, user: permissions.AnyUser
) -> tuple[QuerySet[ReportingCycle], QuerySet[Country]]:
    """The cycles and countries worth offering in the queue's filters."""
    handed_in = queue_reports(user=user)
    cycles = ReportingCycle.objects.filter(pk__in=handed_in.values("cycle_id")).select_related(
        "framework"
    )
    roles = permissions.roles_for(user)
    if roles.is_admin or roles.is_secretariat:
        countries = Country.objects.filter(pk__in=handed_in.values("country_id"))
    else:
        countries = Country.objects.filter(pk__in=roles.country_ids(Role.REVIEWER))
    return cycles.order_by("-starts_on"), countries.order_by("name")


def queue_queryset(
    *,
    user: permissions.AnyUser,
    cycle: ReportingCycle | None = None,
    country: Country | None = None,
    state: str = "",
    sort: str = "oldest",
) -> QuerySet[Report]:
    """The queue, filtered and sorted by submission date, each report annotated with the
    counts its row shows. One query, whatever the number of reports."""
    reports = queue_reports(user=user).with_context()
    if cycle is not None:
        reports = reports.filter(cycle=cycle)
    if country is not None:
        reports = reports.filter(country=country)
    if state:
        reports = reports.filter(state=state)
    reports = with_row_counts(reports)
    order = F("submitted_at").asc(nulls_last=True)
    if sort == "newest":
        order = F("submitted_at").desc(nulls_last=True)
    return reports.order_by(order, "country__name", "pk")


@dataclass
class QueueRow:
    report: Report
    required_total: int
    required_answered: int
    today: dt.date

    @property
    def percent_complete(self) -> int:
        if not self.required_total:
            return 100
        return min(100, round(100 * self.required_answered / self.required_total))

    @property
    def unresolved(self) -> int:
        return self.report.unresolved  # type: ignore[attr-defined]

    @property
    def days_since_submission(self) -> int | None:
        if self.report.submitted_at is None:
            return None
        return (self.today - timezone.localdate(self.report.submitted_at)).days

    @property
    def is_late(self) -> bool:
        return report_is_late(
            report=self.report,
            first_submitted_at=self.report.first_submitted_at,  # type: ignore[attr-defined]
            today=self.today,
        )


def _required_by_cycle(cycle_ids: set[int]) -> dict[int, dict[str, int]]:
    """Required questions per cycle and question kind: one grouped query."""
    required: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in (
        Question.objects.filter(required=True, section__questionnaire__cycle_id__in=cycle_ids)
        .values("section__questionnaire__cycle_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        required[row["section__questionnaire__cycle_id"]][row["kind"]] += row["n"]
    return required


def _previous_cycles(framework_ids: set[int]) -> dict[int, int]:
    """Each cycle of these frameworks -> the cycle before it: one query."""
    by_framework: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for pk, framework_id, starts_on in ReportingCycle.objects.filter(
        framework_id__in=framework_ids
    ).values_list("pk", "framework_id", "starts_on"):
        by_framework[framework_id].append((starts_on, pk))
    previous: dict[int, int] = {}
    for cycles in by_framework.values():
        cycles.sort()
        for (_start, earlier), (_later_start, later) in pairwise(cycles):
            previous[later] = earlier
    return previous


def _carried_counts(*, country_ids: set[int], prev_ids: set[int]) -> dict[tuple[int, int], int]:
    """(country, previous cycle) -> the next steps identified then: one grouped query,
    none when no report has a previous cycle."""
    carried: dict[tuple[int, int], int] = {}
    if not prev_ids:
        return carried
    for country_id, cycle_id, n in (
        NextStep.objects.filter(report__country_id__in=country_ids, report__cycle_id__in=prev_ids)
        .values_list("report__country_id", "report__cycle_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        carried[(country_id, cycle_id)] = n
    return carried


def queue_rows(*, reports: list[Report]) -> list[QueueRow]:
    """Completeness of each report without laying any of them out: three grouped
    queries (required questions per cycle and kind, cycles, carried next steps), so the
    cost stays fixed however many reports the page shows.

    The required total is what ``ReportLayout.required_total`` counts: a per-priority
    question counts once per active priority of the report's roadmap, a per-next-step
    question once per next step the country identified in the previous cycle, the rest
    once each."""
    if not reports:
        return []
    cycle_ids = {r.cycle_id for r in reports}
    required = _required_by_cycle(cycle_ids)
    previous = _previous_cycles({r.cycle.framework_id for r in reports})
    carried = _carried_counts(
        country_ids={r.country_id for r in reports},
        prev_ids={previous[c] for c in cycle_ids if c in previous},
    )

    today = timezone.localdate()
    rows = []
    for report in reports:
        kinds = required[report.cycle_id]
        per_priority = sum(kinds[k] for k in Question.PER_PRIORITY_KINDS)
        per_next_step = sum(kinds[k] for k in Question.PER_NEXT_STEP_KINDS)
        once = sum(kinds.values()) - per_priority - per_next_step
        steps = carried.get((report.country_id, previous.get(report.cycle_id, 0)), 0)
        total = once + per_priority * report.active_priorities + per_next_step * steps
        answered = report.answered_required
        if report.has_next_steps:
            answered += kinds[QuestionKind.NEXT_STEPS]
        rows.append(QueueRow(report, total, answered, today))
    return rows
