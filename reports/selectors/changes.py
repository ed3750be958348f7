"""What changed since the return: the latest submission against the one before it, named
in the reader's language (question wording, priorities, indicators as shown today)."""

from __future__ import annotations

from roadmap.models import Area, Indicator, Priority

from ..diff import ItemLabel, SubmissionDiff, snapshot_diff, submissions
from ..diff_rows import RowNames
from ..layout import build_layout
from ..models import Report


def _names(report: Report, kept: list) -> RowNames:
    """Names of the priorities, indicators and areas the two snapshots mention (two
    queries, three when they name areas)."""
    priority_ids: set[str] = set()
    area_codes: set[str] = set()
    indicator_ids: set[str] = set()
    for transition in kept:
        snapshot = transition.snapshot or {}
        for row in snapshot.get("activities", {}).values():
            priority_ids.update(row.get("priorities", []))
            area_codes.update(row.get("areas", []))
        indicator_ids.update(snapshot.get("indicators", {}))
    priorities = Priority.objects.filter(pk__in=priority_ids).select_related("theme")
    indicators = Indicator.objects.filter(pk__in=indicator_ids)
    return RowNames(
        priorities={str(p.pk): p.short_label for p in priorities},
        indicators={str(i.pk): i.shown_name for i in indicators},
        areas={
            a.code: a.shown_name
            for a in Area.objects.filter(country_id=report.country_id, code__in=area_codes)
        }
        if area_codes
        else {},
    )


def report_changes(*, report: Report) -> SubmissionDiff | None:
    """None before a resubmission. Queries: the submissions, then the layout (seven) and
    the names (two), however many answers and rows changed."""
    kept = submissions(report)
    if len(kept) < 2:
        return None
    previous, latest = kept[-2], kept[-1]
    layout = build_layout(report, with_answers=False)
    labels = {
        item.key: ItemLabel(
            number=item.display_number,
            text=item.text,
            kind=item.question.kind,
            code=item.question.code,
        )
        for item in layout.items()
    }
    return snapshot_diff(previous, latest, labels, _names(report, [previous, latest]))
