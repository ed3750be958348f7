"""Saving what a Word file says: into a draft, question by question as the person chose
(through ``section_save``: the entry pages' conflict rule, audit trail and quality
flags), or, for an admin, as a past cycle's handed-in report (history).

Activities and indicator figures found in a file's text stay in the answers: nothing here
creates activity or indicator records from prose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from roadmap.models import Country

from .. import permissions, workflow
from ..layout import build_layout
from ..models import Answer, NextStep, QuestionKind, Report, ReportingCycle
from ..revisions import texts_changed
from ..word.matcher import Match, layouts_for, match_document
from ..word.preview import NEW, SAME, preview_row, rows_digest
from ..word.reader import read_docx, refuse
from ..word.writer import IDENTIFIER_PREFIX
from .answers import AnswerInput, RowInput, next_step_digest, section_save
from .questionnaires import report_create

# simple-history keeps a reason of at most 100 characters.
REASON_LENGTH = 100


def change_reason(source: str) -> str:
    return (_("Word file: %(name)s") % {"name": source})[:REASON_LENGTH]


def check_identity(properties: dict[str, str], report_country: Country, cycle: ReportingCycle):
    """A file the portal wrote says whose report it is: refuse another country's or
    cycle's (files from elsewhere say nothing, and pass)."""
    name = properties.get("identifier", "")
    if not name.startswith(IDENTIFIER_PREFIX + ":"):
        return
    _prefix, country_code, cycle_code = [*name.split(":"), "", ""][:3]
    if country_code != report_country.code or cycle_code != cycle.code:
        raise ValidationError(
            _(
                "This file is the report of %(country)s for %(cycle)s, not this one. Upload "
                "the file of this report."
            )
            % {"country": country_code or "?", "cycle": cycle_code or "?"},
            code="other_report",
        )


@dataclass
class ImportOutcome:
    saved: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


@transaction.atomic
def word_import_apply(
    *,
    report: Report,
    user,
    proposals: dict[str, dict[str, Any]],
    accepted: Iterable[str],
    seen: dict[str, tuple[int, str]],
    source: str,
) -> ImportOutcome:
    """Save the accepted items of an import. ``seen`` holds, per item, the revision and
    digest the person was shown on the preview: an item changed since is a conflict and
    is not saved (the others are)."""
    # The report's row only: with_context joins the questionnaire by an outer join, which
    # PostgreSQL refuses to lock.
    locked = Report.objects.select_for_update(of=("self",)).with_context().get(pk=report.pk)
    if not permissions.can_import_word(user, locked):
        raise PermissionDenied(_("This report cannot be edited now."))
    accepted = set(accepted)
    outcome = ImportOutcome()
    layout = build_layout(locked)
    for section in layout.sections:
        answers: list[AnswerInput] = []
        rows: list[RowInput] = []
        for item in section.items:
            proposal = proposals.get(item.key)
            if item.key not in accepted or proposal is None:
                continue
            revision, shown = seen.get(item.key, (0, ""))
            row = preview_row(item, proposal)
            if row.status == SAME:
                continue
            if item.question.kind == QuestionKind.NEXT_STEPS:
                if shown != rows_digest(list(item.rows or [])):
                    outcome.conflicts.append(item.key)
                    continue
                rows += _row_inputs(row.row_changes)
                outcome.saved.append(item.key)
                continue
            answers.append(
                AnswerInput(
                    key=item.key,
                    text=proposal.get("text", ""),
                    value=proposal.get("value"),
                    revision=revision,
                    original=shown,
                )
            )
        if not answers and not rows:
            continue
        result = section_save(
            report=locked,
            user=user,
            layout_section=section,
            answers=answers,
            rows=rows,
            change_reason=change_reason(source),
        )
        outcome.conflicts += list(result.conflicts)
        outcome.saved += [a.key for a in answers if a.key not in result.conflicts]
    report.refresh_from_db()
    return outcome


def _row_inputs(changes) -> list[RowInput]:
    inputs = []
    for n, change in enumerate(changes):
        row, step = change.row, change.step
        inputs.append(
            RowInput(
                prefix=f"word-{n}",
                id=step.pk if step else None,
                revision=step.revision if step else 0,
                original=next_step_digest(step) if step else "",
                title=row["title"],
                targets=row["targets"],
                evidence=row["evidence"],
                work_areas=list(row["work_areas"] or (step.work_areas if step else [])),
            )
        )
    return inputs


@transaction.atomic
def history_import(
    *, country: Country, cycle: ReportingCycle, user, data: bytes, source: str
) -> tuple[Report, Match]:
    """Bring a country's report of a past cycle in from Word as an accepted report, with
    its answers and next steps, recorded in the audit trail (who, when, which file)."""
    if not permissions.can_import_history(user):
        raise PermissionDenied(_("Only administrators can import past reports."))
    document = read_docx(data)
    if document.cut:  # history is imported whole or not at all: no preview says what is missing
        raise refuse("too_much_text")
    check_identity(document.properties, country, cycle)
    if not hasattr(cycle, "questionnaire"):
        raise ValidationError(_("This cycle has no questionnaire yet."), code="no_form")
    report = Report.objects.filter(country=country, cycle=cycle).with_context().first()
    if report is None:
        report = report_create(country=country, cycle=cycle)
        report = Report.objects.with_context().get(pk=report.pk)
    elif report.answers.exists() or report.next_steps.exists() or not report.is_editable_state:
        raise ValidationError(
            _("This country already has a report for this cycle."), code="report_exists"
        )
    match = match_document(document, layouts_for(report))
    items = build_layout(report, with_answers=False).item_by_key()
    now = timezone.now()
    history = {
        "default_user": user,
        "default_date": now,
        "default_change_reason": change_reason(source),
    }
    answers, steps = [], []
    for key, proposal in match.proposals.items():
        item = items.get(key)
        if item is None:
            continue
        if item.question.kind == QuestionKind.NEXT_STEPS:
            steps += [
                NextStep(report=report, order=n, **row)
                for n, row in enumerate(proposal.rows or [], start=1)
                if row["title"]
            ]
            continue
        row = preview_row(item, proposal.as_dict())
        if row.status != NEW:
            continue
        answers.append(
            Answer(
                report=report,
                question=item.question,
                priority=item.priority,
                next_step=item.next_step,
                text=proposal.text,
                value=proposal.value,
                updated_by=user,
            )
        )
    bulk_create_with_history(answers, Answer, **history)
    bulk_create_with_history(steps, NextStep, **history)
    # Written in bulk, and the workflow's state change below touches no text: the search
    # index is told here, in this transaction.
    texts_changed.send(sender=Report, reports=[report])
    workflow.report_import_history(report=report, user=user, source=source)
    return report, match
