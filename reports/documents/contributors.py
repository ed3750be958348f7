"""The "Contributors" annex of a report's PDFs (issue 24): each agency that wrote a part
of the report, with the parts it wrote: question numbers and texts, activity titles,
indicator names. Agencies are organisations, never persons: no one's name is printed.

Both PDFs print it: the kept PDF from the live report (``report_contributors``), the
public PDF from its frozen snapshot (``snapshot_contributors``), which carries the same
``contributed_by`` the exports give, so the two say the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ..layout import ReportLayout
from ..selectors.activities import alphabetical
from ..selectors.reading import report_agencies
from .text import shorten

# A question's text is cut to one or two lines of the annex's column.
QUESTION_CHARS = 110


@dataclass
class Contributor:
    name: str
    questions: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)


# (agency name or None for the country team, "questions"/"activities"/"indicators", label)
Part = tuple[str | None, str, str]


def group_contributors(parts: Iterable[Part]) -> list[Contributor]:
    """The agencies in alphabetical order (as the reader's language sorts), each with its
    parts in report order; the country team last, and only when an agency wrote
    something (a report written by the country team alone has no annex: [])."""
    agencies: dict[str, Contributor] = {}
    team = Contributor(name=_("Country team"))
    for agency, kind, label in parts:
        contributor = team if agency is None else agencies.setdefault(agency, Contributor(agency))
        getattr(contributor, kind).append(label)
    if not agencies:
        return []
    named = sorted(agencies.values(), key=lambda c: alphabetical(c.name))
    has_team = team.questions or team.activities or team.indicators
    return [*named, team] if has_team else named


def question_label(number: str, text: str) -> str:
    return f"{number}. {shorten(' '.join(text.split()), QUESTION_CHARS)}"


def report_contributors(
    report, layout: ReportLayout, activities: Iterable[Any], indicators: Iterable[Any]
) -> list[Contributor]:
    """The live report's contributors: answered items, activities (``ActivityRow``) and
    this cycle's indicator values (``IndicatorRow`` with ``agency_id``). One query (the
    country's agencies)."""
    agencies = {
        pk: agency.shown_name
        for pk, agency in report_agencies(country_id=report.country_id).items()
    }

    def named(agency_id: int | None) -> str | None:
        return agencies.get(agency_id) if agency_id is not None else None

    parts: list[Part] = [
        (named(item.answer.agency_id), "questions", question_label(item.display_number, item.text))
        for item in layout.items()
        if item.answer is not None and item.is_answered
    ]
    parts += [
        (named(row.activity.agency_id), "activities", row.activity.title) for row in activities
    ]
    parts += [(named(row.agency_id), "indicators", row.name) for row in indicators if row.value_pk]
    return group_contributors(parts)


def snapshot_contributors(snapshot: dict, language: str) -> list[Contributor]:
    """A publication's contributors from its snapshot's ``contributed_by`` (the agency's
    name in each language). A snapshot frozen before issue 24 has none: no annex."""

    def text(row: dict, key: str) -> Any:
        # ``key_vi`` in Vietnamese, the English where none is given.
        return (language != "en" and row.get(f"{key}_{language}")) or row.get(key)

    parts: list[Part] = [
        (
            text(item, "contributed_by"),
            "questions",
            question_label(item["number"], text(item, "question") or ""),
        )
        for section in snapshot["sections"]
        for item in section["items"]
        if item.get("answered")
    ]
    parts += [
        (text(row, "contributed_by"), "activities", row["title"]) for row in snapshot["activities"]
    ]
    parts += [
        (text(row, "contributed_by"), "indicators", text(row, "indicator"))
        for row in snapshot["indicator_values"]
    ]
    return group_contributors(parts)
