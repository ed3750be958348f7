"""The rows of the monitoring board (not a model's rows: one per country of a cycle)."""

from __future__ import annotations

from rest_framework import serializers

from ..fields import FieldsMixin, TextIn


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
