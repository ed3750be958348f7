"""The rows of an indicator's figures: the baselines and targets a roadmap sets, and the
values a report gives (with their break-down)."""

from __future__ import annotations

from rest_framework import serializers

from reports.models import IndicatorValue
from roadmap.models import IndicatorBaseline, IndicatorTarget

from ..fields import ContributedBy, TextIn
from .base import CONTRIBUTED_BY, OfReport, Row


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
