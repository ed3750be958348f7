"""The rows of every resource, flat: the same columns serve the JSON of ``/api/v1/``, the
CSV and XLSX files and the data package's field list.

Codes are stable (a country's ISO code, a framework's short name, a cycle's code "2022-2023",
a question's code, a priority's key "2.3"); a data text comes in English and beside it in
every other language (``name``, ``name_vi``), as the exports give it. What a country typed
comes once, as typed.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reports.models import (
    Activity,
    Answer,
    IndicatorValue,
    NextStep,
    Report,
    ReportingCycle,
)
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

from .fields import ChoiceLabels, ContributedBy, FieldsMixin, TextIn


def priority_key(priority: Priority) -> str:
    """The exports' key of a priority: "2.3" is priority 3 of theme 2."""
    return f"{priority.theme.number}.{priority.number}"


CONTRIBUTED_BY = ("contributed_by", "contributed_by_vi")


class Row(FieldsMixin, serializers.ModelSerializer):
    """A resource's row: read-only, ``?fields=`` honoured."""


class OfReport(Row):
    """The columns a row written in a report starts with."""

    report = serializers.IntegerField(source="report_id", read_only=True)
    country = serializers.CharField(source="report.country.code", read_only=True)
    framework = serializers.CharField(source="report.cycle.framework.slug", read_only=True)
    cycle = serializers.CharField(source="report.cycle.code", read_only=True)

    REPORT_FIELDS = ("id", "report", "country", "framework", "cycle")


class FrameworkSerializer(Row):
    code = serializers.CharField(source="slug", read_only=True)
    name = TextIn("name", "en")
    name_vi = TextIn("name", "vi")
    theme_label = TextIn("theme_label", "en")
    theme_label_vi = TextIn("theme_label", "vi")
    priority_label = TextIn("priority_label", "en")
    priority_label_vi = TextIn("priority_label", "vi")

    class Meta:
        model = Framework
        fields = (
            "code",
            "name",
            "name_vi",
            "kind",
            "theme_label",
            "theme_label_vi",
            "priority_label",
            "priority_label_vi",
            "updated_at",
        )


class CountrySerializer(Row):
    name = TextIn("name", "en")
    name_vi = TextIn("name", "vi")

    class Meta:
        model = Country
        fields = ("code", "name", "name_vi", "region", "is_pathfinder", "updated_at")


class CycleSerializer(Row):
    code = serializers.CharField(read_only=True)
    framework = serializers.CharField(source="framework.slug", read_only=True)

    class Meta:
        model = ReportingCycle
        fields = (
            "id",
            "code",
            "framework",
            "starts_on",
            "ends_on",
            "opens_on",
            "deadline",
            "updated_at",
        )


class RoadmapSerializer(Row):
    country = serializers.CharField(source="country.code", read_only=True)
    framework = serializers.CharField(source="framework.slug", read_only=True)
    title = TextIn("title", "en")
    title_vi = TextIn("title", "vi")
    goal = TextIn("goal", "en")
    goal_vi = TextIn("goal", "vi")
    frozen = serializers.SerializerMethodField()

    class Meta:
        model = Roadmap
        fields = (
            "id",
            "country",
            "framework",
            "version",
            "title",
            "title_vi",
            "goal",
            "goal_vi",
            "adopted_on",
            "frozen",
            "updated_at",
        )

    def get_frozen(self, roadmap: Roadmap) -> bool:
        """A report was handed in on this version: its themes and priorities stay."""
        return roadmap.frozen_at is not None


class OfRoadmap(Row):
    roadmap = serializers.IntegerField(source="roadmap_id", read_only=True)
    country = serializers.CharField(source="roadmap.country.code", read_only=True)
    framework = serializers.CharField(source="roadmap.framework.slug", read_only=True)
    roadmap_version = serializers.IntegerField(source="roadmap.version", read_only=True)


class ThemeSerializer(OfRoadmap):
    name = TextIn("name", "en")
    name_vi = TextIn("name", "vi")

    class Meta:
        model = Theme
        fields = (
            "id",
            "roadmap",
            "country",
            "framework",
            "roadmap_version",
            "number",
            "name",
            "name_vi",
            "updated_at",
        )


class PrioritySerializer(OfRoadmap):
    key = serializers.SerializerMethodField()
    theme = serializers.IntegerField(source="theme_id", read_only=True)
    theme_name = TextIn("name", "theme", "en")
    theme_name_vi = TextIn("name", "theme", "vi")
    text = TextIn("text", "en")
    text_vi = TextIn("text", "vi")

    class Meta:
        model = Priority
        fields = (
            "id",
            "roadmap",
            "country",
            "framework",
            "roadmap_version",
            "key",
            "theme",
            "theme_name",
            "theme_name_vi",
            "number",
            "text",
            "text_vi",
            "order",
            "is_active",
            "updated_at",
        )

    def get_key(self, priority: Priority) -> str:
        return priority_key(priority)


class IndicatorSerializer(Row):
    country = serializers.CharField(source="country.code", read_only=True)
    name = TextIn("name", "en")
    name_vi = TextIn("name", "vi")
    unit = TextIn("unit", "en")
    unit_vi = TextIn("unit", "vi")
    source = TextIn("source", "en")
    source_vi = TextIn("source", "vi")

    class Meta:
        model = Indicator
        fields = (
            "id",
            "country",
            "name",
            "name_vi",
            "unit",
            "unit_vi",
            "source",
            "source_vi",
            "work_area",
            "order",
            "is_active",
            "updated_at",
        )


class AreaSerializer(Row):
    country = serializers.CharField(source="country.code", read_only=True)
    name = TextIn("name", "en")
    name_vi = TextIn("name", "vi")

    class Meta:
        model = Area
        fields = (
            "id",
            "country",
            "code",
            "name",
            "name_vi",
            "valid_from",
            "valid_until",
            "is_active",
            "updated_at",
        )


class FigureSerializer(Row):
    """What a baseline and a target share: the indicator, its country, the roadmap
    version (and its framework) they belong to, a year and a value."""

    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    country = serializers.CharField(source="indicator.country.code", read_only=True)
    framework = serializers.CharField(source="roadmap.framework.slug", read_only=True)
    roadmap = serializers.IntegerField(source="roadmap_id", read_only=True)

    FIGURE_FIELDS = ("id", "indicator", "country", "framework", "roadmap", "year", "value")


class BaselineSerializer(FigureSerializer):
    source = TextIn("source", "en")
    source_vi = TextIn("source", "vi")

    class Meta:
        model = IndicatorBaseline
        fields = (*FigureSerializer.FIGURE_FIELDS, "source", "source_vi", "updated_at")


class TargetSerializer(FigureSerializer):
    class Meta:
        model = IndicatorTarget
        fields = (*FigureSerializer.FIGURE_FIELDS, "updated_at")


class ReportSerializer(Row):
    country = serializers.CharField(source="country.code", read_only=True)
    framework = serializers.CharField(source="cycle.framework.slug", read_only=True)
    cycle = serializers.CharField(source="cycle.code", read_only=True)
    roadmap = serializers.IntegerField(source="roadmap_id", read_only=True)
    roadmap_version = serializers.IntegerField(source="roadmap.version", read_only=True)

    class Meta:
        model = Report
        fields = (
            "id",
            "country",
            "framework",
            "cycle",
            "roadmap",
            "roadmap_version",
            "state",
            "revision",
            "created_at",
            "updated_at",
            "submitted_at",
            "accepted_at",
        )


@extend_schema_field(OpenApiTypes.ANY)
class StoredChoice(serializers.JSONField):
    """A choice value as stored: a value ("yes"), a list of values, a rating, or null."""


class AnswerSerializer(OfReport):
    question_code = serializers.CharField(source="question.code", read_only=True)
    kind = serializers.CharField(source="question.kind", read_only=True)
    priority_key = serializers.SerializerMethodField()
    value = StoredChoice(read_only=True)
    choices = ChoiceLabels("en")
    choices_vi = ChoiceLabels("vi")
    contributed_by = ContributedBy("en")
    contributed_by_vi = ContributedBy("vi")

    class Meta:
        model = Answer
        fields = (
            *OfReport.REPORT_FIELDS,
            "question_code",
            "kind",
            "priority_key",
            "next_step",
            "text",
            "value",
            "choices",
            "choices_vi",
            *CONTRIBUTED_BY,
            "revision",
            "updated_at",
        )

    def get_priority_key(self, answer: Answer) -> str | None:
        return priority_key(answer.priority) if answer.priority is not None else None


class NextStepSerializer(OfReport):
    status = StoredChoice(read_only=True)
    status_report = serializers.IntegerField(
        source="status_report_id", read_only=True, allow_null=True
    )

    class Meta:
        model = NextStep
        fields = (
            *OfReport.REPORT_FIELDS,
            "order",
            "title",
            "targets",
            "evidence",
            "work_areas",
            "status",
            "status_report",
            "revision",
            "updated_at",
        )


class ActivitySerializer(OfReport):
    people_reached = serializers.IntegerField(read_only=True)
    priority_keys = serializers.SerializerMethodField()
    area_codes = serializers.SerializerMethodField()
    contributed_by = ContributedBy("en")
    contributed_by_vi = ContributedBy("vi")

    class Meta:
        model = Activity
        fields = (
            *OfReport.REPORT_FIELDS,
            "title",
            "kind",
            "starts_on",
            "ends_on",
            "coverage",
            "area_codes",
            "unlisted_areas",
            "organisers",
            "partners",
            "participants_women",
            "participants_men",
            "participants_total",
            "people_reached",
            "priority_keys",
            "description",
            *CONTRIBUTED_BY,
            "revision",
            "updated_at",
        )

    def get_priority_keys(self, activity: Activity) -> list[str]:
        return [priority_key(p) for p in activity.priorities.all()]

    def get_area_codes(self, activity: Activity) -> list[str]:
        """The codes of the country's areas it was held in (ISO 3166-2, e.g. VN-HN); the
        ``areas`` resource of the exports names them in each language."""
        return [area.code for area in activity.areas.all()]


class IndicatorValueSerializer(OfReport):
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    indicator_name = TextIn("name", "indicator", "en")
    indicator_name_vi = TextIn("name", "indicator", "vi")
    unit = TextIn("unit", "indicator", "en")
    unit_vi = TextIn("unit", "indicator", "vi")
    work_area = serializers.CharField(source="indicator.work_area", read_only=True)
    breakdown = serializers.SerializerMethodField()
    contributed_by = ContributedBy("en")
    contributed_by_vi = ContributedBy("vi")

    class Meta:
        model = IndicatorValue
        fields = (
            *OfReport.REPORT_FIELDS,
            "indicator",
            "indicator_name",
            "indicator_name_vi",
            "unit",
            "unit_vi",
            "work_area",
            "value",
            "breakdown",
            "breakdown_partial",
            "breakdown_text",
            "source",
            "note",
            *CONTRIBUTED_BY,
            "revision",
            "updated_at",
        )

    def get_breakdown(self, value: IndicatorValue) -> list[dict[str, str]]:
        """The parts in order, each amount a decimal string (no precision lost)."""
        return [{"label": p.label, "amount": str(p.amount)} for p in value.parts.all()]


class BoardRowSerializer(FieldsMixin, serializers.Serializer):
    """One country's row on the monitoring board of a framework's cycle."""

    country = serializers.CharField(source="country.code")
    country_name = TextIn("name", "country", "en")
    country_name_vi = TextIn("name", "country", "vi")
    region = serializers.CharField(source="country.region")
    status = serializers.CharField()
    report = serializers.IntegerField(source="report.pk", allow_null=True, default=None)
    percent_complete = serializers.IntegerField()
    required_total = serializers.IntegerField()
    required_answered = serializers.IntegerField()
    first_submitted_at = serializers.DateTimeField(allow_null=True)
    days_late = serializers.IntegerField()
    days_left = serializers.IntegerField(allow_null=True)
    open_threads = serializers.IntegerField(allow_null=True)
    last_change = serializers.DateTimeField(allow_null=True)
