"""What the API (``api/``) and its files read: one queryset per resource, holding exactly
what the person may read on the portal's pages, with what its rows show loaded in a fixed
number of queries (whatever the number of rows).

Reports and everything written in them come only from ``permissions.visible_reports``: a
reviewer never gets a draft that was never handed in, nor its answers, next steps,
activities or figures. Roadmaps, countries and frameworks come from the scopes beside it.
"""

from __future__ import annotations

import re

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from roadmap.models import (
    Area,
    Country,
    Framework,
    Indicator,
    IndicatorBaseline,
    IndicatorTarget,
    Priority,
    Roadmap,
    Theme,
)

from .. import permissions
from ..models import (
    Activity,
    Answer,
    Choice,
    IndicatorValue,
    NextStep,
    QuestionKind,
    Report,
    ReportingCycle,
)


def cycle_code_filter(code: str, *, prefix: str = "") -> Q | None:
    """A filter for the cycle named by ``code`` ("2022-2023", or "2003-10" for one that
    starts in October 2003 within a year: ``ReportingCycle.code``) on a model reaching the
    cycle through ``prefix`` ("report__cycle__"); None when ``code`` is not a cycle code."""
    code = code.strip()
    if match := re.fullmatch(r"(\d{4})-(\d{4})", code):
        return Q(**{f"{prefix}starts_on__year": int(match[1])}) & Q(
            **{f"{prefix}ends_on__year": int(match[2])}
        )
    if match := re.fullmatch(r"(\d{4})-(\d{2})", code):
        if not 1 <= int(match[2]) <= 12:
            return None
        return Q(**{f"{prefix}starts_on__year": int(match[1])}) & Q(
            **{f"{prefix}starts_on__month": int(match[2])}
        )
    return None


def priority_key_filter(key: str, *, prefix: str = "") -> Q | None:
    """A filter for the priority keyed "2.3" (theme 2, priority 3: the exports' key) through
    ``prefix`` ("priority__"); None when ``key`` is not such a key."""
    match = re.fullmatch(r"\s*(\d{1,4})\.(\d{1,4})\s*", key)
    if match is None:
        return None
    return Q(**{f"{prefix}theme__number": int(match[1])}) & Q(**{f"{prefix}number": int(match[2])})


def _readable_reports(user) -> QuerySet[Report]:
    return permissions.visible_reports(user).order_by().values("pk")


def api_frameworks(*, user) -> QuerySet[Framework]:
    return Framework.objects.filter(permissions.framework_scope(user)).order_by("pk")


def api_countries(*, user) -> QuerySet[Country]:
    return Country.objects.filter(permissions.country_scope(user)).order_by("pk")


def api_cycles(*, user) -> QuerySet[ReportingCycle]:
    frameworks = Framework.objects.filter(permissions.framework_scope(user)).values("pk")
    return (
        ReportingCycle.objects.filter(framework__in=frameworks)
        .select_related("framework")
        .order_by("pk")
    )


def api_roadmaps(*, user) -> QuerySet[Roadmap]:
    return (
        Roadmap.objects.filter(permissions.roadmap_scope(user))
        .select_related("country", "framework")
        .order_by("pk")
    )


def _roadmap_ids(user) -> QuerySet:
    return Roadmap.objects.filter(permissions.roadmap_scope(user)).values("pk")


def api_themes(*, user) -> QuerySet[Theme]:
    return (
        Theme.objects.filter(roadmap__in=_roadmap_ids(user))
        .select_related("roadmap__country", "roadmap__framework")
        .order_by("pk")
    )


def api_priorities(*, user) -> QuerySet[Priority]:
    return (
        Priority.objects.filter(roadmap__in=_roadmap_ids(user))
        .select_related("theme", "roadmap__country", "roadmap__framework")
        .order_by("pk")
    )


def api_indicators(*, user) -> QuerySet[Indicator]:
    countries = Country.objects.filter(permissions.country_scope(user)).values("pk")
    return Indicator.objects.filter(country__in=countries).select_related("country").order_by("pk")


def api_areas(*, user) -> QuerySet[Area]:
    """The administrative areas of the countries the person reads about: the code list
    the activities' ``area_codes`` refer to."""
    countries = Country.objects.filter(permissions.country_scope(user)).values("pk")
    return Area.objects.filter(country__in=countries).select_related("country").order_by("pk")


def api_baselines(*, user) -> QuerySet[IndicatorBaseline]:
    return (
        IndicatorBaseline.objects.filter(roadmap__in=_roadmap_ids(user))
        .select_related("indicator__country", "roadmap__framework")
        .order_by("pk")
    )


def api_targets(*, user) -> QuerySet[IndicatorTarget]:
    return (
        IndicatorTarget.objects.filter(roadmap__in=_roadmap_ids(user))
        .select_related("indicator__country", "roadmap__framework")
        .order_by("pk")
    )


def api_reports(*, user) -> QuerySet[Report]:
    return (
        Report.objects.filter(pk__in=_readable_reports(user))
        .select_related("country", "cycle__framework", "roadmap")
        .order_by("pk")
    )


def api_answers(*, user) -> QuerySet[Answer]:
    """Answers of the reports the user reads, with the choices their labels need (one
    query per page, however many questions)."""
    return (
        Answer.objects.filter(report__in=_readable_reports(user))
        .select_related(
            "report__country",
            "report__cycle__framework",
            "question",
            "priority__theme",
            "agency",  # who contributed it (issue 24): joined, no query
        )
        .prefetch_related(Prefetch("question__choices", queryset=Choice.objects.order_by("order")))
        .order_by("pk")
    )


def api_next_steps(*, user) -> QuerySet[NextStep]:
    """Next steps of the reports the user reads, each with the status the country gave it
    in a later cycle's report (``status``, and that report as ``status_report_id``) when
    the user may read that report too; None while no later report gave one."""
    later = Answer.objects.filter(
        next_step=OuterRef("pk"),
        question__kind=QuestionKind.STATUS_PER_NEXT_STEP,
        report__in=_readable_reports(user),
    ).order_by("-report__cycle__starts_on")
    return (
        NextStep.objects.filter(report__in=_readable_reports(user))
        .select_related("report__country", "report__cycle__framework")
        .annotate(
            status=Subquery(later.values("value")[:1]),
            status_report_id=Subquery(later.values("report_id")[:1]),
        )
        .order_by("pk")
    )


def api_activities(*, user) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(report__in=_readable_reports(user))
        .select_related("report__country", "report__cycle__framework", "agency")
        .prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.select_related("theme")), "areas"
        )
        .order_by("pk")
    )


def api_indicator_values(*, user) -> QuerySet[IndicatorValue]:
    return (
        IndicatorValue.objects.filter(report__in=_readable_reports(user))
        .select_related("report__country", "report__cycle__framework", "indicator", "agency")
        .prefetch_related("parts")
        .order_by("pk")
    )
