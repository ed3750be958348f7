"""A plain-data picture of a report's answers, kept with each submission so the reviewer
can see what changed after a return."""

from __future__ import annotations

from typing import Any

from .layout import ReportLayout


def answer_display(item) -> str:
    """An item's answer as one string (choices by label), for diffs and exports."""
    question = item.question
    if question.kind == "next_steps":
        return "\n\n".join(
            f"{ns.title}\n{ns.targets}\n{ns.evidence}\n{', '.join(ns.work_areas)}"
            for ns in item.rows or []
        )
    answer = item.answer
    if answer is None:
        return ""
    parts: list[str] = []
    if question.has_choices and answer.value not in (None, "", []):
        labels = {c.value: c.shown_label for c in question.choices.all()}
        values = answer.value if isinstance(answer.value, list) else [answer.value]
        parts.append("; ".join(labels.get(str(v), str(v)) for v in values))
    if answer.text:
        parts.append(answer.text)
    return "\n".join(parts)


def report_snapshot(layout: ReportLayout) -> dict[str, Any]:
    return {
        "revision": layout.report.revision,
        "items": {
            item.key: {"number": item.number, "text": item.text, "answer": answer_display(item)}
            for item in layout.items()
        },
    }
