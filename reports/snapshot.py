"""A plain-data picture of a report as handed in, kept with each submission so the reviewer
can see what changed after a return: the answers item by item, and the rows a report holds
besides its answers (activities, indicator values with their break-downs, next steps).

Rows are kept by their primary key (an indicator value by its indicator's) so that the
diff pairs a row with itself even when its title changed; values are kept raw (codes,
ISO dates, decimals as text) and turned into words in the reader's language when shown.
A snapshot taken before rows were kept has no "activities" key: the diff then says the
earlier submission did not record them rather than call every row new."""

from __future__ import annotations

from typing import Any

from .layout import ReportLayout
from .models import Activity, IndicatorValue, NextStep


def answer_display(item) -> str:
    """An item's answer as one string (choices by label), for diffs and exports."""
    question = item.question
    if question.kind == "next_steps":
        return "\n\n".join(
            f"{ns.title}\n{ns.targets}\n{ns.evidence}\n{', '.join(ns.work_areas)}"
            for ns in item.rows or []
        )
    if item.answer is None:
        return ""
    return answer_as_text(question, item.answer)


def answer_as_text(question, answer) -> str:
    """A stored answer as one text: its choices by label, then its text."""
    labels = question.labels_of(answer.value) if question.has_choices else []
    return "\n".join(filter(None, ["; ".join(labels), answer.text]))


def _plain(value: Any) -> Any:
    """A field's value as JSON keeps it: dates as ISO text, numbers as text, None as ""."""
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


def activity_rows(report) -> dict[str, dict[str, Any]]:
    """Three queries (activities, their priorities, their areas). Areas by code: a
    handed-in report's areas keep it (roadmap.models.Area)."""
    rows: dict[str, dict[str, Any]] = {}
    for activity in report.activities.order_by("starts_on", "pk").prefetch_related(
        "priorities", "areas"
    ):
        row = {name: _plain(getattr(activity, name)) for name in Activity.DESCRIBING_FIELDS}
        row["priorities"] = sorted(str(p.pk) for p in activity.priorities.all())
        row["areas"] = sorted(a.code for a in activity.areas.all())
        rows[str(activity.pk)] = row
    return rows


def indicator_rows(report) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    values = IndicatorValue.objects.filter(report=report).select_related("indicator")
    for value in values.prefetch_related("parts"):
        rows[str(value.indicator_id)] = {
            "name": value.indicator.name,
            # 2500 rather than 2500.00 (or 2.5E+3): as the reading view shows it.
            "value": format(value.value.normalize(), "f"),
            # The key of the old JSON break-down, kept: snapshots taken before the parts
            # had rows read the same way (label -> amount, in order).
            "disaggregation": {
                part.label: format(part.amount.normalize(), "f") for part in value.parts.all()
            },
            "breakdown_partial": value.breakdown_partial,
            "breakdown_text": value.breakdown_text,
            "source": value.source,
            "note": value.note,
        }
    return rows


def next_step_rows(report) -> dict[str, dict[str, Any]]:
    return {
        str(step.pk): {
            "title": step.title,
            "targets": step.targets,
            "evidence": step.evidence,
            "work_areas": [str(a) for a in step.work_areas or []],
        }
        for step in NextStep.objects.filter(report=report).order_by("order", "pk")
    }


def report_snapshot(layout: ReportLayout) -> dict[str, Any]:
    report = layout.report
    return {
        "revision": report.revision,
        "items": {
            item.key: {
                "number": item.number,
                "text": item.text,
                "kind": item.question.kind,
                "code": item.question.code,
                "answer": answer_display(item),
            }
            for item in layout.items()
        },
        "activities": activity_rows(report),
        "indicators": indicator_rows(report),
        "next_steps": next_step_rows(report),
    }
