"""Checks a report must pass before it is submitted (blocking), and quality flags a
person should look at (not blocking)."""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Item, ReportLayout


@dataclass(frozen=True)
class Problem:
    item: Item
    message: str
    blocking: bool


def is_shown(item: Item, layout_values: dict[int, object]) -> bool:
    """A conditional question is only asked when its condition holds."""
    condition = item.question.shown_if_id
    if not condition:
        return True
    value = layout_values.get(condition)
    wanted = item.question.shown_if_value
    return value == wanted or (isinstance(value, list) and wanted in value)


def plain_values(layout: ReportLayout) -> dict[int, object]:
    """Question id -> choice value, for questions answered once (conditions use these)."""
    return {
        item.question.pk: item.answer.value
        for item in layout.items()
        if item.answer is not None and item.priority is None and item.next_step is None
    }


def missing_required(layout: ReportLayout) -> list[Item]:
    values = plain_values(layout)
    return [
        item
        for item in layout.items()
        if item.question.required and is_shown(item, values) and not item.is_answered
    ]
