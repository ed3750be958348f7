"""The API's resources, one place: the rows a person may read (a selector of
``reports.selectors.api_rows``), their columns (a serializer), their filters, and how the
docs and the data package name them. The viewsets, the CSV/XLSX files and
``datapackage.json`` are all made from this list, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports.selectors import api_rows

from . import filters
from . import serializers as rows


@dataclass(frozen=True)
class Resource:
    name: str
    rows: Callable[..., QuerySet]
    serializer: type[serializers.Serializer]
    filters: type
    title: Promise
    description: Promise
    # The field a row is found by in /api/v1/<name>/<key>/ ("code" for stable codes).
    lookup_field: str = "pk"
    lookup_source: str = "pk"


RESOURCES: tuple[Resource, ...] = (
    Resource(
        "frameworks",
        api_rows.api_frameworks,
        rows.FrameworkSerializer,
        filters.FrameworkFilters,
        _("Frameworks"),
        _("The reporting frameworks: the Alliance 8.7 annual report, programme reports."),
        lookup_field="code",
        lookup_source="slug",
    ),
    Resource(
        "countries",
        api_rows.api_countries,
        rows.CountrySerializer,
        filters.CountryFilters,
        _("Countries"),
        _("The countries that report, by ISO code."),
        lookup_field="code",
        lookup_source="code",
    ),
    Resource(
        "cycles",
        api_rows.api_cycles,
        rows.CycleSerializer,
        filters.CycleFilters,
        _("Reporting cycles"),
        _("The reporting periods of each framework, with their deadlines."),
    ),
    Resource(
        "roadmaps",
        api_rows.api_roadmaps,
        rows.RoadmapSerializer,
        filters.RoadmapFilters,
        _("Roadmaps"),
        _("Each version of a country's roadmap under a framework."),
    ),
    Resource(
        "themes",
        api_rows.api_themes,
        rows.ThemeSerializer,
        filters.ThemeFilters,
        _("Roadmap themes"),
        _("The themes of each roadmap version."),
    ),
    Resource(
        "priorities",
        api_rows.api_priorities,
        rows.PrioritySerializer,
        filters.PriorityFilters,
        _("Roadmap priorities"),
        _("The priorities of each roadmap version, keyed theme.number (e.g. 2.3)."),
    ),
    Resource(
        "indicators",
        api_rows.api_indicators,
        rows.IndicatorSerializer,
        filters.IndicatorFilters,
        _("Indicators"),
        _("The monitoring figures each country tracks across cycles."),
    ),
    Resource(
        "baselines",
        api_rows.api_baselines,
        rows.BaselineSerializer,
        filters.BaselineFilters,
        _("Indicator baselines"),
        _("Each indicator's baseline in a roadmap version: the year, the value, its source."),
    ),
    Resource(
        "targets",
        api_rows.api_targets,
        rows.TargetSerializer,
        filters.TargetFilters,
        _("Indicator targets"),
        _("Each indicator's targets in a roadmap version: a value per year."),
    ),
    Resource(
        "areas",
        api_rows.api_areas,
        rows.AreaSerializer,
        filters.AreaFilters,
        _("Administrative areas"),
        _("The code list of the areas activities name (ISO 3166-2 codes, e.g. VN-HN)."),
    ),
    Resource(
        "reports",
        api_rows.api_reports,
        rows.ReportSerializer,
        filters.ReportFilters,
        _("Reports"),
        _("One report per country and cycle: its state, dates and revision."),
    ),
    Resource(
        "answers",
        api_rows.api_answers,
        rows.AnswerSerializer,
        filters.AnswerFilters,
        _("Answers"),
        _("The answers of each report, per question (and priority or next step)."),
    ),
    Resource(
        "next-steps",
        api_rows.api_next_steps,
        rows.NextStepSerializer,
        filters.NextStepFilters,
        _("Next steps"),
        _("The next steps each report sets, with the status a later report gave them."),
    ),
    Resource(
        "activities",
        api_rows.api_activities,
        rows.ActivitySerializer,
        filters.ActivityFilters,
        _("Activities"),
        _("The activities each report lists, with participants by sex and where they were held."),
    ),
    Resource(
        "indicator-values",
        api_rows.api_indicator_values,
        rows.IndicatorValueSerializer,
        filters.IndicatorValueFilters,
        _("Indicator values"),
        _("The figure each report gives for an indicator, with its break-down."),
    ),
)

BY_NAME = {resource.name: resource for resource in RESOURCES}
