"""Writing texts into reports the way the portal does (through the services), and asking
the search what a person finds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reports.layout import build_layout
from reports.models import Activity, Report
from reports.services.activities import (
    ActivityData,
    IndicatorValueData,
    activity_create,
    indicator_values_save,
)
from reports.services.answers import AnswerInput, answer_digest, section_save
from reports.services.comments import thread_start
from roadmap.models import Indicator
from search.selectors import SearchFilters, search


def fresh(report: Report) -> Report:
    return Report.objects.with_context().get(pk=report.pk)


def first_item(report: Report, code: str = "highlights"):
    layout = build_layout(fresh(report))
    return next(i for i in layout.items() if i.question.code == code), layout


def answer(report: Report, user, text: str, code: str = "highlights") -> None:
    """Type ``text`` as the answer to question ``code`` and save the section."""
    it, _layout = first_item(report, code)
    answer_item(report, user, it, text)


def answer_item(report: Report, user, it, text: str) -> None:
    """Type ``text`` as the answer to the laid-out item ``it`` and save its section."""
    layout = build_layout(fresh(report))
    stored = it.answer
    section_save(
        report=fresh(report),
        user=user,
        layout_section=layout.section(it.question.section.order),
        answers=[
            AnswerInput(
                key=it.key,
                text=text,
                value=None,
                revision=stored.revision if stored else 0,
                original=answer_digest(stored.text if stored else "", None),
            )
        ],
    )


def activity(report: Report, **fields) -> Activity:
    data = {"title": "Training", "kind": "training", "starts_on": dt.date(2022, 6, 1), **fields}
    return activity_create(report=fresh(report), data=ActivityData(**data))


def indicator_value(report: Report, *, note: str = "", source: str = "") -> Indicator:
    indicator = Indicator.objects.create(
        country=report.country, name="Calls to the hotline", unit="calls"
    )
    indicator_values_save(
        report=fresh(report),
        rows=[IndicatorValueData(indicator, 0, Decimal("12"), source=source, note=note)],
    )
    return indicator


def comment(report: Report, user, body: str):
    it, _layout = first_item(report)
    return thread_start(report=fresh(report), user=user, body=body, item=it)


def found(user, query: str, **filters) -> list:
    return search(user=user, query=query, filters=SearchFilters(**filters)).hits


def texts(user, query: str, **filters) -> set[str]:
    """The marked snippets' plain text of what ``user`` finds."""
    return {
        h.snippet.replace("<mark>", "").replace("</mark>", "")
        for h in found(user, query, **filters)
    }
