"""Questionnaire entry, section by section: the page (GET, explicit Save), autosave (JSON)
and the Submit confirmation. Access: ``selectors.reports.report_for`` (404 unless readable), then
``permissions`` (read-only page, or 403 on a write)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import permissions, quality, workflow
from ..forms.autosave_reply import autosave_reply, saved_time
from ..forms.entry import SectionForm
from ..forms.navigation import section_nav
from ..forms.redisplay import patched_data
from ..forms.submit import SubmitForm
from ..labels import previous_answer_labels
from ..layout import (
    ReportLayout,
    SectionLayout,
    attach_answers,
    attach_open_threads,
    build_layout,
)
from ..models import Report, TransitionAction
from ..part_layout import covers, restrict_layout, writable_section
from ..selectors.activities import activities_naming_unlisted_areas
from ..selectors.evidence import (
    evidence_by_target,
    question_evidence,
    section_evidence,
)
from ..selectors.previous import previous_answers
from ..selectors.reports import report_for
from ..selectors.threads import open_threads, threads_by_item
from ..selectors.validation import report_warnings
from ..services.answers import SectionSaveResult, section_save
from ..services.explanations import explanations_save
from ..snapshot import answer_display
from ..undecodable import marks_undecodable_bytes, split_undecodable


def _section(
    request: HttpRequest, pk: int, order: int, *, with_answers: bool = True
) -> tuple[Report, ReportLayout, SectionLayout]:
    """The report, its layout and the section ``order``. A contributor's layout holds only
    the parts assigned to them (another section is a 404, as for an outsider)."""
    report = report_for(user=request.user, pk=pk, for_parts=True)
    layout = build_layout(report, with_answers=with_answers)
    if permissions.is_contributor_of(request.user, report):
        restrict_layout(layout, permissions.contributor_parts(request.user, report).assigned)
    section = layout.section(order)
    if section is None:
        raise Http404
    return report, layout, section


def _editable(request: HttpRequest, report: Report, section: SectionLayout) -> SectionLayout | None:
    """What of ``section`` the person's form holds: all of it for the country's staff, a
    contributor's items not yet accepted; None when nothing (the page is read-only)."""
    if permissions.can_edit_report(request.user, report):
        return section
    if not permissions.can_write_in(request.user, report):
        return None
    editable = writable_section(
        section, permissions.contributor_parts(request.user, report).writable
    )
    return editable if editable.items else None


def _save(request: HttpRequest, report: Report, section: SectionLayout, form: SectionForm):
    form.is_valid()  # valid items are saved even when others have errors
    return section_save(
        report=report,
        user=request.user,
        layout_section=section,
        answers=form.answer_inputs(),
        rows=form.row_inputs(),
    )


def _page_context(
    request: HttpRequest,
    report: Report,
    layout: ReportLayout,
    section: SectionLayout,
    form: SectionForm | None,
    result: SectionSaveResult | None,
    *,
    can_edit: bool,
) -> dict[str, Any]:
    """The section page: its fields (or, read-only, its answers) with their review threads
    and last cycle's answers, and the navigation around it."""
    # Review threads beside each question, and open ones counted per section in the nav.
    threads = threads_by_item(report=report)
    attach_open_threads(layout, threads)
    # By the section's row, not the layout object: a contributor's form holds a smaller
    # copy of it (their open parts only) once one of their parts there is accepted.
    position = next(i for i, s in enumerate(layout.sections) if s.section.pk == section.section.pk)
    context: dict[str, Any] = {
        "report": report,
        "layout": layout,
        "section": section,
        "previous": layout.sections[position - 1] if position else None,
        "next": layout.sections[position + 1] if position + 1 < len(layout.sections) else None,
        "can_edit": can_edit,
        # Removing a file, saying whether it may be public: the country's, not a
        # contributor's (who may attach files to their parts, ``can_edit``).
        "can_change_files": permissions.can_change_evidence(request.user, report),
        "can_read": permissions.can_view_report(request.user, report),
        "can_submit": permissions.can_submit_report(request.user, report),
        "can_comment": permissions.can_comment(request.user, report),
        "form": form,
        "result": result,
        "nav": section_nav(layout, section),
        # The threads' template marks search words (reading view); nothing is searched
        # here, and a filter's missing argument raises: without it a thread beside a
        # question made the page a 500 (since the search page's merge).
        "terms": (),
        # Files attached to the section's questions, below the form (never inside it).
        "section_evidence": section_evidence(
            items=section.items,
            grouped=evidence_by_target(
                evidence=question_evidence(report=report, items=section.items)
            ),
            with_empty=can_edit,
        ),
    }
    if form is not None:
        context.update(_form_context(request, report, section, form, result, threads))
    else:
        context["answers"] = [
            (item, answer_display(item), threads.get(item.key, [])) for item in section.items
        ]
    return context


def _form_context(
    request: HttpRequest,
    report: Report,
    section: SectionLayout,
    form: SectionForm,
    result: SectionSaveResult | None,
    threads: dict,
) -> dict[str, Any]:
    """The form's entries, each with its threads and last cycle's answer, and its errors."""
    entries = form.entries(
        result.conflicts if result else None, result.row_conflicts if result else None
    )
    # Last cycle's answers beside the fields: one query for the whole section. Not for a
    # contributor, who reads no report, last year's neither.
    readable = permissions.can_view_report(request.user, report)
    previous = previous_answers(report=report, items=section.items) if readable else {}
    for entry in entries:
        entry.threads = threads.get(entry.item.key, [])
        entry.previous = previous.get(entry.item.key)
        if entry.previous is not None and entry.widget == "text":
            entry.previous_labels = previous_answer_labels(
                entry.item.display_number, entry.previous.cycle_label
            )
    return {
        "entries": entries,
        "copy_label": _("Copy into my answer"),
        "errors": form.error_list(),
    }


@marks_undecodable_bytes
@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    report, layout, whole = _section(request, pk, order)
    section = _editable(request, report, whole) or whole
    can_edit = section is not whole or permissions.can_edit_report(request.user, report)
    result: SectionSaveResult | None = None
    form: SectionForm | None = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        data, undecodable = split_undecodable(request)
        form = SectionForm(data, section=section, undecodable=undecodable)
        try:
            result = _save(request, report, section, form)
        except PermissionDenied as refused:
            # A part accepted by the focal point meanwhile, or a crafted post.
            messages.error(request, " ".join(map(str, refused.args)) or _("Not saved."))
            return redirect("reports:section", pk=report.pk, order=order)
        if not form.error_list() and not result.has_conflicts:
            messages.success(request, _("Saved at %(time)s.") % {"time": saved_time(result)})
            following = layout.section(order + 1)
            if "continue" in request.POST and following is not None:
                order = following.section.order
            return redirect("reports:section", pk=report.pk, order=order)
        # Show the counts as they are now, the person's text as they typed it.
        report, layout, whole = _section(request, pk, order)
        section = _editable(request, report, whole) or whole
        form = SectionForm(
            patched_data(data, form, result),
            section=section,
            undecodable=undecodable,
            unresolved=form.unresolved,
        )
        form.is_valid()
    elif can_edit:
        form = SectionForm(section=section)

    context = _page_context(request, report, layout, section, form, result, can_edit=can_edit)
    if permissions.is_contributor_of(request.user, report):
        # The contributor's parts the focal point accepted: shown, read-only, below the
        # form (or as the whole page when nothing here is open any more).
        writable = permissions.contributor_parts(request.user, report).writable
        context["accepted"] = [
            (item, answer_display(item), []) for item in whole.items if not covers(writable, item)
        ]
    status = 200 if result is None else 409 if result.has_conflicts else 400
    return render(request, "reports/entry/section.html", context, status=status)


@marks_undecodable_bytes
@require_POST
def autosave(request: HttpRequest, pk: int, order: int) -> JsonResponse:
    """The background save of entry.js: same form, same service, a JSON answer."""
    # No answers in the layout: the save reads the section's answers itself, under the
    # report's lock, and a bound form needs no initial values.
    report, layout, whole = _section(request, pk, order, with_answers=False)
    section = _editable(request, report, whole)
    if section is None:
        return JsonResponse(
            {"ok": False, "reason": _("this report cannot be edited now.")}, status=403
        )
    data, undecodable = split_undecodable(request)
    form = SectionForm(data, section=section, undecodable=undecodable)
    try:
        result = _save(request, report, section, form)
    except PermissionDenied:
        return JsonResponse(
            {"ok": False, "reason": _("this report cannot be edited now.")}, status=403
        )
    # Then every answer, as saved, for the counts and the progress bar beside the form
    # (two queries: answers and next steps of the whole report).
    attach_answers(layout)
    return JsonResponse(
        autosave_reply(
            request=request, layout=layout, section=section, data=data, form=form, result=result
        )
    )


@marks_undecodable_bytes
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The focal point's confirmation page: blocking problems, quality flags, Submit; after
    the deadline (a first submission), the optional reason of the delay; on a resubmission,
    the optional note of what changed."""
    report = report_for(user=request.user, pk=pk)
    if not permissions.can_submit_report(request.user, report):
        raise PermissionDenied
    # A resubmission after a return is never late (the first submission counts).
    asks_late_reason = report.submitted_at is None and report.cycle.is_late(timezone.localdate())
    data, undecodable = split_undecodable(request) if request.method == "POST" else (None, set())
    form = SubmitForm(
        data,
        asks_late_reason=asks_late_reason,
        asks_change_note=report.submitted_at is not None,
        undecodable=undecodable,
        warnings=report_warnings(report=report),
    )
    error: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            # Kept first, on their own: a submission refused for another reason keeps them.
            if form.warnings:
                explanations_save(report=report, user=request.user, texts=form.explanations())
            workflow.report_transition(
                report=report,
                user=request.user,
                action=TransitionAction.SUBMIT,
                reason=form.reason(),
            )
        except ValidationError as exc:
            error = exc.messages
        else:
            messages.success(
                request,
                _("The report was submitted. It is now read-only until a reviewer returns it."),
            )
            return redirect("reports:detail", pk=report.pk)
    layout = build_layout(report)
    problems = quality.report_problems(layout)
    return render(
        request,
        "reports/entry/submit.html",
        {
            "area_flags": quality.unlisted_area_flags(
                activities_naming_unlisted_areas(report=report)
            ),
            "report": report,
            "layout": layout,
            "blocking": [p for p in problems if p.blocking],
            "flags": [p for p in problems if not p.blocking],
            "open_threads": open_threads(layout=layout, threads=threads_by_item(report=report)),
            "error": error,
            "form": form,
            "explanation_rows": form.explanation_rows(),
            "section_url": reverse("reports:section", args=[report.pk, 1]),
        },
        status=400 if error or form.errors else 200,
    )
