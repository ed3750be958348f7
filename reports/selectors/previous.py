"""Last cycle's answer beside each question of an entry page.

An item of this cycle matches an answer of the country's latest report of an earlier
cycle of the framework (the previous cycle unless it skipped one) by question code (a
questionnaire is copied to each cycle, so question ids differ and codes stay) and, for a
per-priority question, by the priority's theme number and number: a new roadmap version
keeps its numbering (the admin's numbering checks), while the rows, and so the ids, are
new. Only text answers are offered: a choice is quicker to pick again than to copy, and
a per-next-step question is asked of other next steps each cycle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Subquery

from ..layout import Item
from ..models import Answer, QuestionKind, Report, ReportingCycle

# The kinds whose last answer is shown (text per next step is not: see above).
PREVIOUS_KINDS = (QuestionKind.TEXT, QuestionKind.TEXT_PER_PRIORITY)


@dataclass(frozen=True)
class PreviousAnswer:
    text: str
    cycle_label: str


def _match_key(code: str, theme_number: int | None, priority_number: int | None) -> tuple:
    return (code, theme_number, priority_number)


def _item_match_key(item: Item) -> tuple:
    priority = item.priority
    return _match_key(
        item.question.code,
        priority.theme.number if priority is not None else None,
        priority.number if priority is not None else None,
    )


def previous_answers(*, report: Report, items: Iterable[Item]) -> dict[str, PreviousAnswer]:
    """``{item key: PreviousAnswer}`` for the items (one section's) whose question the
    country answered with text in its latest report of an earlier cycle. One
    query whatever the number of items (the previous cycle is a subquery); none when no
    item is of a kind that shows it. ``report`` comes with its cycle selected, the items'
    priorities with their themes (as ``build_layout`` gives them)."""
    wanted = {
        _item_match_key(item): item.key
        for item in items
        if item.question.kind in PREVIOUS_KINDS and item.next_step is None
    }
    if not wanted:
        return {}
    cycle = report.cycle
    previous_cycle = (
        ReportingCycle.objects.filter(
            framework_id=cycle.framework_id,
            starts_on__lt=cycle.starts_on,
            reports__country_id=report.country_id,  # its latest earlier report, as layout
        )
        .order_by("-starts_on")
        .values("pk")[:1]
    )
    rows = (
        Answer.objects.filter(
            report__country_id=report.country_id,
            report__cycle_id=Subquery(previous_cycle),
            question__code__in={code for code, _t, _p in wanted},
            next_step__isnull=True,
        )
        .exclude(text="")
        .values_list(
            "question__code",
            "priority__theme__number",
            "priority__number",
            "text",
            "report__cycle__starts_on",
            "report__cycle__ends_on",
        )
    )
    found: dict[str, PreviousAnswer] = {}
    # Every row is of the one previous cycle: its label formatted once, not per item.
    labels: dict[tuple, str] = {}
    for code, theme_number, number, text, starts_on, ends_on in rows:
        key = wanted.get(_match_key(code, theme_number, number))
        if key is not None and text.strip():
            if (starts_on, ends_on) not in labels:
                cycle_label = ReportingCycle(starts_on=starts_on, ends_on=ends_on).label
                labels[starts_on, ends_on] = str(cycle_label)
            found[key] = PreviousAnswer(text=text, cycle_label=labels[starts_on, ends_on])
    return found
