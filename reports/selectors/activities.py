"""A report's activities (with what they serve and their totals) and its indicator
values, this cycle's and last cycle's."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from roadmap.models import Area, Indicator, Priority

from .. import permissions
from ..models import Activity, IndicatorValue, IndicatorValuePart, Report
from ..places import activity_places, place_names
from ..previous_report import latest_earlier
from ..reach import Reach


def report_activities(*, report: Report) -> list[Activity]:
    """The report's activities with their priorities, themes and areas: three queries,
    however many activities."""
    return list(
        report.activities.order_by("starts_on", "pk").prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.select_related("theme").order_by(
                    "theme__number", "order", "number"
                ),
            ),
            # The areas' own order without its first key, their country's name: one
            # country, and a join less (issue 25).
            Prefetch("areas", queryset=Area.objects.order_by("order", "name")),
        )
    )


def report_values(*, report: Report) -> list[IndicatorValue]:
    """The report's indicator values in the indicators' order, with their indicator and
    their break-down parts: two queries. Ordered here, not by the models' default order,
    which starts with the report's cycle and country and would join both for nothing,
    to both queries (issue 25)."""
    parts = IndicatorValuePart.objects.order_by("order", "pk")
    return list(
        report.indicator_values.select_related("indicator")
        .prefetch_related(Prefetch("parts", queryset=parts))
        .order_by("indicator__order", "indicator__name", "pk")
    )


def activities_naming_unlisted_areas(*, report: Report) -> list[Activity]:
    """The report's activities with names kept "not in the list": one query."""
    return list(report.activities.exclude(unlisted_areas=[]).order_by("starts_on", "pk"))


def alphabetical(name: str) -> str:
    """A sort key that files "Đà Nẵng" after "Cao Bằng" and before "Hà Nội", as in
    Vietnamese: marks are ignored, and đ sorts just after d."""
    bare = "".join(
        c for c in unicodedata.normalize("NFD", name.casefold()) if not unicodedata.combining(c)
    )
    return bare.replace("đ", "d\uffff")


@dataclass
class ActivityTotals:
    overall: Reach = field(default_factory=Reach)
    without_figures: int = 0
    by_priority: list[tuple[Priority, Reach]] = field(default_factory=list)
    by_province: list[tuple[str, Reach]] = field(default_factory=list)
    no_province: Reach = field(default_factory=Reach)
    no_priority: Reach = field(default_factory=Reach)


def activity_totals(*, activities: list[Activity]) -> ActivityTotals:
    """People reached by sex, by priority and by province, from activities fetched with
    ``report_activities`` (no further queries). An activity serving two priorities or held
    in two provinces counts fully under each: its participants cannot be split."""
    totals = ActivityTotals()
    by_priority: dict[int, tuple[Priority, Reach]] = {}
    by_province: dict[str, tuple[str, Reach]] = {}
    names = place_names(activities)
    for activity in activities:
        totals.overall.add(activity)
        if activity.people_reached == 0 and activity.participants_total is None:
            totals.without_figures += 1
        priorities = list(activity.priorities.all())
        for priority in priorities:
            by_priority.setdefault(priority.pk, (priority, Reach()))[1].add(activity)
        if not priorities:
            totals.no_priority.add(activity)
        # By area code, or a name not in the list by its folded text (reports.places).
        places = activity_places(activity)
        for place in places:
            by_province.setdefault(place.key, (names[place.key], Reach()))[1].add(activity)
        if not places:
            totals.no_province.add(activity)
    totals.by_priority = sorted(
        by_priority.values(), key=lambda pr: (pr[0].theme.number, pr[0].order, pr[0].number)
    )
    totals.by_province = sorted(by_province.values(), key=lambda pr: alphabetical(pr[0]))
    return totals


def report_indicators(*, report: Report) -> list[Indicator]:
    """The country's active indicators, and any retired since that already has a value
    in ``report``."""
    return list(
        Indicator.objects.filter(country_id=report.country_id)
        .filter(
            Q(is_active=True)
            | Q(pk__in=IndicatorValue.objects.filter(report=report).values("indicator_id"))
        )
        .order_by("order", "name")
    )


def previous_indicator_values(
    *, user: permissions.AnyUser, report: Report
) -> tuple[Report | None, dict[int, IndicatorValue]]:
    """Last cycle's values by indicator: the same country's latest report of an earlier
    cycle of the framework, when ``user`` may read it."""
    earlier = latest_earlier(report)
    if earlier is None:
        return None, {}
    previous_report = Report.objects.with_context().filter(pk=earlier.pk).first()
    if previous_report is None or not permissions.can_view_report(user, previous_report):
        return None, {}
    values = previous_report.indicator_values.select_related("indicator").prefetch_related("parts")
    return previous_report, {v.indicator_id: v for v in values}


def report_indicator_values(*, report: Report) -> dict[int, IndicatorValue]:
    """``report``'s values by indicator, with their break-down parts (two queries)."""
    values = report.indicator_values.select_related("indicator").prefetch_related("parts")
    return {v.indicator_id: v for v in values}
