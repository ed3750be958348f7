"""What every resource's row starts from: a read-only row honouring ``?fields=``, the
columns of a row written in a report, and a priority's key as the exports give it."""

from __future__ import annotations

from rest_framework import serializers

from roadmap.models import Priority

from ..fields import FieldsMixin


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
