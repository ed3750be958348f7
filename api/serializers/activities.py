"""The rows of the activities a report lists."""

from __future__ import annotations

from rest_framework import serializers

from reports.models import Activity

from ..fields import ContributedBy
from .base import CONTRIBUTED_BY, OfReport, priority_key


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
