"""The autosave's JSON reply, built beside the form that read its request: what the save
kept (revisions, digests, texts to refresh), each conflict's box as the section page
renders it, the form's errors and the section's progress, for entry.js."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ..answer_states import Conflict, RowState, SectionSaveResult
from ..layout import ReportLayout, SectionLayout
from .entry import SectionForm
from .navigation import count_label
from .redisplay import patched_data
from .row_conflicts import row_resolve_view


def saved_time(result: SectionSaveResult) -> str:
    return timezone.localtime(result.saved_at).strftime("%H:%M")


def section_progress(layout: ReportLayout) -> dict[str, Any]:
    """The side navigation's counts and the progress bar, as the page shows them."""
    done = layout.completeness
    return {
        "percent": done.percent,
        "required": f"{done.answered} / {done.total}",
        "sections": {str(s.section.order): count_label(s) for s in layout.sections},
    }


def _row_saved(s: RowState) -> dict[str, Any]:
    """A next-step row as saved, with its fields when the page must show them anew."""
    return {
        "id": s.id,
        "rev": s.revision,
        "orig": s.digest,
        "deleted": s.deleted,
        "refresh": (
            {
                "title": s.step.title,
                "targets": s.step.targets,
                "evidence": s.step.evidence,
                "work_areas": s.step.work_areas,
            }
            if s.refresh and s.step
            else None
        ),
    }


def autosave_reply(
    *,
    request: HttpRequest,
    layout: ReportLayout,
    section: SectionLayout,
    data,
    form: SectionForm,
    result: SectionSaveResult,
) -> dict[str, Any]:
    """The reply to one autosave; ``layout`` carries every answer as saved."""
    errors = form.error_list()
    reason = ""
    if result.has_conflicts:
        reason = _("someone else changed an answer you are editing: see the marked fields.")
    elif errors:
        reason = _("please correct the marked fields.")
    return {
        "ok": not reason,
        "reason": reason,
        "saved_at": saved_time(result),
        "revision": result.report_revision,
        "items": {
            key: {
                "rev": s.revision,
                "orig": s.digest,
                "refresh": {"text": s.text, "value": s.value} if s.refresh else None,
            }
            for key, s in result.items.items()
        },
        "rows": {prefix: _row_saved(s) for prefix, s in result.rows.items()},
        "conflicts": _conflict_boxes(request, section, data, form, result),
        "errors": errors,
        "progress": section_progress(layout),
    }


def _conflict_boxes(
    request: HttpRequest,
    section: SectionLayout,
    data,
    form: SectionForm,
    result: SectionSaveResult,
) -> dict[str, dict[str, Any]]:
    """Each conflict (an answer's, a next-step row's) with its box as the section page
    renders it (the choices, the differences, the combined text or row), for entry.js to
    put beside the field. A row a colleague removed has no box: the message says the
    person's version was saved as a new next step."""
    if not result.has_conflicts:
        return {}
    shown = SectionForm(patched_data(data, form, result), section=section, unresolved=())
    items = {i.key: i for i in section.items}
    boxes = {}
    for key, conflict in result.conflicts.items():
        html = render_to_string(
            "reports/entry/_conflict.html",
            {
                "conflict": conflict,
                "key": key,
                "number": items[key].display_number,
                "yours": conflict.yours if shown.kind(key) == "text" else "",
                "resolve": shown.resolve_view(key),
            },
            request=request,
        )
        boxes[key] = _box(conflict, html)
    rows = {row.prefix: row for formset in shown.formsets.values() for row in formset.forms}
    for prefix, conflict in result.row_conflicts.items():
        row = rows.get(prefix)
        if conflict.removed or row is None:
            boxes[prefix] = _box(conflict, "")
            continue
        row.conflict = conflict
        row.resolve = row_resolve_view(row)
        number = int(prefix.rsplit("-", 1)[-1]) + 1
        html = render_to_string(
            "reports/entry/_row_conflict.html",
            {"conflict": conflict, "row": row, "resolve": row.resolve, "number": number},
            request=request,
        )
        boxes[prefix] = _box(conflict, html)
    return boxes


def _box(conflict: Conflict, html: str) -> dict[str, Any]:
    return {
        "message": conflict.message,
        "theirs": conflict.theirs,
        "rev": conflict.revision,
        "orig": conflict.digest,
        "html": html,
    }
