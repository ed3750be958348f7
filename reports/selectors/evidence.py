"""A report's evidence files as pages, the PDF and the exports show them: one query for
all of a report's files, whatever their number, grouped by what they are attached to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from .. import permissions
from ..layout import Item, ReportLayout
from ..models import Activity, Evidence, IndicatorValue, Report
from .reports import report_for

TargetKey = tuple[str, int]


def report_evidence(*, report: Report) -> list[Evidence]:
    """Every file of ``report``, with what it is attached to and who attached it."""
    return list(
        Evidence.objects.filter(report=report)
        .select_related("activity", "indicator_value__indicator", "uploaded_by")
        .order_by("uploaded_at", "pk")
    )


def question_evidence(*, report: Report, items: Iterable[Item]) -> list[Evidence]:
    """The files of ``report`` attached to the questions of ``items`` (a section page):
    nothing joined, as a question's file shows only its own columns (issue 25: the whole
    report's files with their activities, indicators and uploaders cost the entry page a
    query as heavy to build as the rest of its answers)."""
    return list(
        Evidence.objects.filter(
            report=report, question_id__in={i.question.pk for i in items}
        ).order_by("uploaded_at", "pk")
    )


def evidence_by_target(*, evidence: Iterable[Evidence]) -> dict[TargetKey, list[Evidence]]:
    """The files keyed by ("question" | "activity" | "indicator_value", pk)."""
    grouped: dict[TargetKey, list[Evidence]] = defaultdict(list)
    for row in evidence:
        grouped[row.target_id].append(row)
    return dict(grouped)


def evidence_for(*, user: permissions.AnyUser, report_pk: int, pk: int) -> Evidence:
    """A file of a report ``user`` may read, else 404 (the report's own rule, exactly)."""
    report = report_for(user=user, pk=report_pk)
    evidence = Evidence.objects.filter(report=report, pk=pk).first()
    if evidence is None:
        raise Http404
    evidence.report = report
    return evidence


def first_items(*, layout: ReportLayout) -> dict[int, Item]:
    """Each question's first item in the layout: its number and text name the question
    (a question asked once per priority has several items, one question)."""
    items: dict[int, Item] = {}
    for item in layout.items():
        items.setdefault(item.question.pk, item)
    return items


def attached_to(evidence: Evidence, *, questions: dict[int, Item]) -> str:
    """What a file proves, in words: "Question 29: ...", "Activity: ...", "Indicator: ..."."""
    if evidence.activity_id:
        return _("Activity: %(title)s") % {"title": evidence.activity.title}
    if evidence.indicator_value_id:
        return _("Indicator: %(name)s") % {"name": evidence.indicator_value.indicator.shown_name}
    item = questions.get(evidence.question_id)
    if item is None:
        return _("A question no longer asked")
    return _("Question %(number)s: %(text)s") % {"number": item.number, "text": item.text}


def evidence_rows(
    *,
    report: Report,
    layout: ReportLayout,
    activities: Iterable[Activity] | None = None,
    values: Iterable[IndicatorValue] | None = None,
) -> list[tuple[Evidence, str]]:
    """Every file of ``report`` with what it is attached to, in words (reading view, PDF).
    Given the report's activities and values (these with their indicator), as the reading
    view has them loaded, the files are read without joining them again (issue 25)."""
    questions = first_items(layout=layout)
    if activities is None or values is None:
        files = report_evidence(report=report)
    else:
        files = _evidence_on(report=report, activities=activities, values=values)
    return [(row, attached_to(row, questions=questions)) for row in files]


def _evidence_on(
    *, report: Report, activities: Iterable[Activity], values: Iterable[IndicatorValue]
) -> list[Evidence]:
    """``report_evidence`` with the activities and values given put in place."""
    by_activity = {a.pk: a for a in activities}
    by_value = {v.pk: v for v in values}
    files = list(
        Evidence.objects.filter(report=report)
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )
    for row in files:
        # A row of this report's own: found among them (else read as before, one query).
        if row.activity_id in by_activity:
            row.activity = by_activity[row.activity_id]
        if row.indicator_value_id in by_value:
            row.indicator_value = by_value[row.indicator_value_id]
    return files


@dataclass(frozen=True)
class QuestionEvidence:
    """A question of a section page with its files."""

    item: Item
    files: list[Evidence]


def section_evidence(
    *, items: Iterable[Item], grouped: dict[TargetKey, list[Evidence]], with_empty: bool
) -> list[QuestionEvidence]:
    """The section's questions (once each, in order) with their files; those without
    files too when ``with_empty`` (a page that offers to attach one)."""
    seen: set[int] = set()
    rows = []
    for item in items:
        if item.question.pk in seen:
            continue
        seen.add(item.question.pk)
        files = grouped.get(("question", item.question.pk), [])
        if files or with_empty:
            rows.append(QuestionEvidence(item, files))
    return rows
