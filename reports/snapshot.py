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
    if item.answer is None:
        return ""
    return answer_as_text(question, item.answer)


def answer_as_text(question, answer) -> str:
    """A stored answer as one text: its choices by label, then its text."""
    labels = question.labels_of(answer.value) if question.has_choices else []
    return "\n".join(filter(None, ["; ".join(labels), answer.text]))


def report_snapshot(layout: ReportLayout) -> dict[str, Any]:
    return {
        "revision": layout.report.revision,
        "items": {
            item.key: {"number": item.number, "text": item.text, "answer": answer_display(item)}
            for item in layout.items()
        },
    }
