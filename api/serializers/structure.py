"""The rows of the structure a country reports against: frameworks, countries, cycles,
roadmaps with their themes and priorities, indicators and areas."""

from __future__ import annotations

from rest_framework import serializers

from reports.models import ReportingCycle
from roadmap.models import (
    Area,
    Country,
    Framework,
    Indicator,
    Priority,
    Roadmap,
    Theme,
)

from ..fields import TextIn
from .base import Row, priority_key


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
