"""The rows of a report and of what is written in it: the report itself, its answers
and its next steps."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reports.models import Answer, NextStep, Report

from ..fields import ChoiceLabels, ContributedBy
from .base import CONTRIBUTED_BY, OfReport, Row, priority_key


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
