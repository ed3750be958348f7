"""What the report hub says about who submits and whether a reporter marked the report
ready for the focal point: two queries (the latest mark, the focal points)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from roadmap.models import Role

from ..handover_models import ReadyForFocalPoint
from ..models import Report


@dataclass(frozen=True)
class Handover:
    last_mark: ReadyForFocalPoint | None
    focal_points: list
    # Whether the latest mark is of the report as it is now (no edit since).
    is_current: bool

    @property
    def focal_point_names(self) -> str:
        return ", ".join(p.get_full_name() or p.username for p in self.focal_points)


def report_handover(*, report: Report) -> Handover:
    last = (
        ReadyForFocalPoint.objects.filter(report=report)
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )
    focal_points = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__country_id=report.country_id,
            memberships__role=Role.FOCAL_POINT,
        )
        .order_by("last_name", "first_name", "username")
        .distinct()
    )
    return Handover(
        last_mark=last,
        focal_points=focal_points,
        is_current=last is not None and last.revision == report.revision,
    )
