"""Checks a report must pass before it is submitted (blocking), and quality flags a
person should look at (not blocking).

All of them read the layout only: no query of their own, whatever the report's size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from roadmap.checks import normalise

from .layout import Item, ReportLayout
from .models import Activity, QuestionKind


@dataclass(frozen=True)
class Problem:
    item: Item
    message: str
    blocking: bool

    @property
    def section_order(self) -> int:
        """The entry page to fix it on (the question's section is cached by the layout)."""
        return self.item.question.section.order

    @property
    def field_id(self) -> str:
        return f"id_{self.item.key}"


def missing_required(layout: ReportLayout) -> list[Item]:
    return [
        item
        for item in layout.items()
        if item.question.required and item.asked and not item.is_answered
    ]


def duplicate_answers(layout: ReportLayout) -> list[Problem]:
    """The same answer pasted under different priorities (the seed report has #2, #3 and
    #10 identical): one flag per group, on its first item."""
    groups: dict[tuple[int, str], list[Item]] = {}
    for item in layout.items():
        if item.priority is None or item.answer is None:
            continue
        text = normalise(item.answer.text)
        if text:
            groups.setdefault((item.question.pk, text), []).append(item)
    problems = []
    for items in groups.values():
        if len(items) < 2:
            continue
        numbers = ", ".join(i.display_number for i in items)
        message = _(
            "Questions %(numbers)s have the same answer: say what was done for each priority."
        ) % {"numbers": numbers}
        problems.append(Problem(items[0], message, blocking=False))
    return problems


def incomplete_next_steps(layout: ReportLayout) -> list[Problem]:
    """Next steps (question 41) without precise targets or evidence of achievement."""
    problems = []
    for item in layout.items():
        if item.question.kind != QuestionKind.NEXT_STEPS:
            continue
        for step in item.rows or []:
            no_targets, no_evidence = not step.targets.strip(), not step.evidence.strip()
            if no_targets and no_evidence:
                message = _("Next step “%(title)s” has no targets and no evidence of achievement.")
            elif no_targets:
                message = _("Next step “%(title)s” has no targets.")
            elif no_evidence:
                message = _("Next step “%(title)s” has no evidence of achievement.")
            else:
                continue
            problems.append(Problem(item, message % {"title": step.title}, blocking=False))
    return problems


# Signs of text damaged on its way in (the seed report has "Child Jabour", words run
# together over a page break and a stray "d" at line ends): the replacement character,
# control characters, and runs of letters far longer than any real word. Two patterns,
# each far quicker than one alternation of the three tried at every character (the hub
# checks every answer on each view, issue 25). A run stops at a slash, so a link is
# never one: "https://" breaks it after six characters.
_BROKEN = re.compile(r"[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RUN_ON = re.compile(r"(?<!\S)[^\s/]{60}")


def looks_damaged(text: str) -> bool:
    return bool(_BROKEN.search(text) or _RUN_ON.search(text))


def garbled_answers(layout: ReportLayout) -> list[Problem]:
    """Answers whose text looks damaged by copying from another document."""
    return [
        Problem(
            item,
            _(
                "The answer to question %(number)s looks damaged (broken characters or words "
                "run together): please check it."
            )
            % {"number": item.display_number},
            blocking=False,
        )
        for item in layout.items()
        if item.answer is not None and looks_damaged(item.answer.text)
    ]


@dataclass(frozen=True)
class ActivityFlag:
    """A flag on an activity rather than a question: its message and where to fix it."""

    activity: Activity
    message: str

    @property
    def url(self) -> str:
        return reverse("reports:activity_edit", args=[self.activity.report_id, self.activity.pk])


def unlisted_area_flags(activities: list[Activity]) -> list[ActivityFlag]:
    """Activities naming places that are not in the country's list of provinces: a typing
    slip, or a place the list lacks. Either way it stays out of the province totals until
    it is picked from the list (no query: reads the activities given)."""
    return [
        ActivityFlag(
            activity,
            _(
                "Activity “%(title)s” names places not in the list of provinces: %(names)s. "
                "Pick them from the list if it has them."
            )
            % {"title": activity.title, "names": ", ".join(activity.unlisted_areas)},
        )
        for activity in activities
        if activity.unlisted_areas
    ]


def report_problems(layout: ReportLayout) -> list[Problem]:
    """Everything to show before submission: blocking problems first, then flags."""
    blocking = [
        Problem(item, _("A required question is not answered yet."), blocking=True)
        for item in missing_required(layout)
    ]
    return (
        blocking
        + duplicate_answers(layout)
        + incomplete_next_steps(layout)
        + garbled_answers(layout)
    )
