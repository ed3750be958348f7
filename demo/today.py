"""The demo anchored on the day ``seed_demo`` runs: the newest cycle is the one containing
that day (cycles run May to April), Viet Nam's 2022-2023 report is handed in once its cycle
is past, and its report of the current cycle is opened by its focal point and begun."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from demo import data as demo
from demo import monitoring as demo_monitoring
from reports import services
from reports.layout import build_layout
from reports.models import Answer, Report, ReportingCycle, ReportState
from roadmap.models import Country


def seeded_at(day: dt.date | None) -> dt.datetime:
    """The moment the demo is seeded as of: now, or 10:00 on ``day`` (``--today``)."""
    if day is None:
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def cycle_year(today: dt.date) -> int:
    """The year the cycle containing ``today`` starts in (cycles run May to April)."""
    return today.year if today.month >= 5 else today.year - 1


def hand_in_2022(report: Report, users: dict, *, now: dt.datetime) -> None:
    """Viet Nam's 2022-2023 report, its cycle past: handed in ten days before its deadline
    (30 June 2023) and accepted. Seeded during 2022-2023, it stays the draft."""
    focal, reviewer = users["vn-focal"], users["ilo-reviewer"]
    demo_monitoring.hand_in(report, ReportState.ACCEPTED, -10, focal, reviewer, now=now)


def viet_nam_current_draft(
    country: Country, cycle: ReportingCycle, users: dict, *, now: dt.datetime
) -> None:
    """Viet Nam's report of the current cycle, opened by its focal point (the service the
    home page's button uses): a draft that has begun to report on the first next step
    carried over from its latest report (2022-2023), so the entry pages show the carry-over
    and last cycle's answers. Left alone once it exists."""
    if Report.objects.filter(country=country, cycle=cycle).exists():
        return
    report, _created = services.report_open(
        country=country, cycle=cycle, today=timezone.localdate(now)
    )
    items = build_layout(Report.objects.with_context().get(pk=report.pk)).items()
    first_step = {}
    for item in items:
        if item.next_step is not None:
            first_step.setdefault(item.question.code, item)
    for code, field, answer in [
        ("next_step_status", "value", "ongoing"),
        ("next_step_progress", "text", demo.CURRENT_NEXT_STEP_PROGRESS),
    ]:
        if code in first_step:
            item = first_step[code]
            Answer.objects.create(
                report=report,
                question=item.question,
                next_step=item.next_step,
                updated_by=users["vn-reporter"],
                **{field: answer},
            )
