"""The mail that tells a country's focal points a reporter marked the report ready for
them (``services.handover``): one per focal point and mark, in their language, recorded
under the key ``handover:<mark>`` like every notice (a retry sends nothing twice)."""

from __future__ import annotations

from django.urls import reverse

from roadmap.models import Role

from . import notifications
from .handover_models import ReadyForFocalPoint
from .models import NoticeKind


def handover_notify(*, mark_id: int) -> int:
    mark = (
        ReadyForFocalPoint.objects.select_related("report__country", "report__cycle", "by")
        .filter(pk=mark_id)
        .first()
    )
    if mark is None:
        return 0
    report = mark.report
    focal_points = [p for p in notifications.people(report, [Role.FOCAL_POINT]) if p != mark.by]
    return notifications.deliver(
        key=f"handover:{mark.pk}",
        kind=NoticeKind.HANDOVER,
        country_id=report.country_id,
        report=report,
        template="handover",
        recipients=focal_points,
        context={
            "report": report,
            "country": report.country,
            "cycle": report.cycle,
            "by": mark.by,
        },
        url=notifications.site_url(reverse("reports:detail", args=[report.pk])),
    )
