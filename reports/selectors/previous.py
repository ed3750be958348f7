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

from ..layout import Item
from ..models import QuestionKind, Report, ReportingCycle
from ..previous_report import earlier_texts

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
    country answered with text in its latest report of an earlier cycle. No query when
    ``build_layout`` has found that report and its texts are kept (``previous_report``),
    else one or two; none when no item is of a kind that shows it. The items'
    priorities come with their themes (as ``build_layout`` gives them)."""
    wanted = {
        _item_match_key(item): item.key
        for item in items
        if item.question.kind in PREVIOUS_KINDS and item.next_step is None
    }
    if not wanted:
        return {}
    earlier, texts = earlier_texts(report)
    if earlier is None:
        return {}
    # Every text is of the one earlier report: its cycle's label formatted once.
    label = str(ReportingCycle(starts_on=earlier.starts_on, ends_on=earlier.ends_on).label)
    found: dict[str, PreviousAnswer] = {}
    for code, theme_number, number, text in texts:
        key = wanted.get(_match_key(code, theme_number, number))
        if key is not None and text.strip():
            found[key] = PreviousAnswer(text=text, cycle_label=label)
    return found
