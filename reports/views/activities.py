"""A report's activities (list with totals, add, edit, delete) and its indicator values.

Anyone who may read the report sees these pages; only ``permissions.can_edit_report``
may change anything (a crafted POST otherwise gets 403, or 404 for another country's
report, from ``selectors.reports.report_for``). A contributor (issue 24) sees only the
activities assigned to them and edits those not accepted; they add and delete none.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions
from ..forms.activities import ActivityForm, show_rule_warnings
from ..models import Activity, Report, is_blank
from ..places import activity_places, places_of, places_text
from ..selectors.activities import activity_totals, report_activities
from ..selectors.evidence import evidence_by_target, report_evidence
from ..selectors.reports import report_for
from ..selectors.validation import activity_warnings
from ..services.activities import (
    StaleRevision,
    activity_create,
    activity_delete,
    activity_update,
)
from ..undecodable import marks_undecodable_bytes, split_undecodable

# --- Activities ---------------------------------------------------------------------------


def _require_edit(request: HttpRequest, report: Report) -> None:
    if not permissions.can_edit_report(request.user, report):
        raise PermissionDenied


def _contributor_activities(request: HttpRequest, report: Report):
    """A contributor's parts (None for anyone else); 404 if no activity is theirs."""
    if not permissions.is_contributor_of(request.user, report):
        return None
    parts = permissions.contributor_parts(request.user, report)
    if not parts.assigned.activities:
        raise Http404
    return parts


@require_GET
def activity_list(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk, for_parts=True)
    parts = _contributor_activities(request, report)
    activities = report_activities(report=report)
    editable: frozenset[int] = frozenset()
    if parts is not None:
        activities = [a for a in activities if a.pk in parts.assigned.activities]
        editable = parts.writable.activities if report.is_editable_state else frozenset()
    files = evidence_by_target(evidence=report_evidence(report=report))
    for activity in activities:
        # Evidence files are read through the reading rule, which a contributor lacks.
        activity.evidence_files = files.get(("activity", activity.pk), []) if not parts else []
    return render(
        request,
        "reports/activities/list.html",
        {
            "report": report,
            "activities": activities,
            "totals": activity_totals(activities=activities),
            "can_edit": permissions.can_edit_report(request.user, report),
            "can_change_files": permissions.can_change_evidence(request.user, report),
            "editable_ids": editable,
            "contributor": parts is not None,
        },
    )


def _posted_form(request: HttpRequest, report: Report, **kwargs) -> ActivityForm:
    """The form, bound to what was posted (bytes that were not UTF-8 refused at their
    field, as the entry pages do), or unbound on a GET."""
    if request.method != "POST":
        return ActivityForm(report=report, **kwargs)
    data, undecodable = split_undecodable(request)
    return ActivityForm(data, report=report, undecodable=undecodable, **kwargs)


@marks_undecodable_bytes
@require_http_methods(["GET", "POST"])
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    _require_edit(request, report)
    form = _posted_form(request, report)
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_create(
                report=report, data=form.to_data(), key=form.cleaned_data["key"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Activity “%(title)s” added.") % {"title": activity})
            return _after_save(request, report, activity)
    return render(request, "reports/activities/form.html", {"report": report, "form": form})


@marks_undecodable_bytes
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk, for_parts=True)
    if not permissions.can_edit_part(request.user, report, activity_id=activity_pk):
        if not permissions.can_view_report(request.user, report):
            raise Http404
        raise PermissionDenied
    activity = (
        report.activities.prefetch_related("priorities", "areas").filter(pk=activity_pk).first()
    )
    if activity is None:
        if request.method == "POST" and _deleted_from(report, activity_pk):
            return _deleted_meanwhile(request, report)
        raise Http404
    form = _posted_form(request, report, activity=activity)
    context: dict = {
        "report": report,
        "form": form,
        "activity": activity,
        "contributor": permissions.is_contributor_of(request.user, report),
    }
    if request.method == "POST" and form.is_valid():
        try:
            activity_update(
                activity=activity,
                revision=form.cleaned_data["revision"] or 0,
                data=form.to_data(),
                user=request.user,
            )
        except StaleRevision as exc:
            current = exc.current[activity.pk]
            if current is None:
                # Deleted meanwhile: the same form can add it again, text and all.
                context["deleted"] = True
            else:
                form.take_revision(current.revision)
                context["differences"] = activity_differences(current, form)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Activity “%(title)s” saved.") % {"title": form.cleaned_data["title"]}
            )
            return _after_save(request, report, activity)
    if request.method == "GET":
        show_rule_warnings(form, activity_warnings(report=report, activity=activity))
    return render(request, "reports/activities/form.html", context)


def _after_save(request: HttpRequest, report: Report, activity: Activity) -> HttpResponse:
    """Back to the list; to the activity's own page when it drew a warning, so the person
    reads it at the field (and the submit page asks for its explanation)."""
    activity.refresh_from_db()
    if activity_warnings(report=report, activity=activity):
        messages.warning(
            request,
            _("It was saved with a warning: check it, or explain it when you submit."),
        )
        return redirect("reports:activity_edit", pk=report.pk, activity_pk=activity.pk)
    return redirect("reports:activities", pk=report.pk)


def _deleted_from(report: Report, activity_pk: int) -> bool:
    # The audit trail tells a colleague's deletion from a made-up or foreign id.
    return Activity.history.filter(id=activity_pk, report_id=report.pk, history_type="-").exists()


def _deleted_meanwhile(request: HttpRequest, report: Report) -> HttpResponse:
    """A save on an activity someone deleted meanwhile: nothing typed is lost, the same
    form can add it again."""
    data, undecodable = split_undecodable(request)
    data["key"] = str(uuid.uuid4())  # "Add it again" adds it once, however often sent
    form = ActivityForm(data, report=report, undecodable=undecodable)
    form.is_valid()
    return render(
        request, "reports/activities/form.html", {"report": report, "form": form, "deleted": True}
    )


@require_http_methods(["GET", "POST"])
def activity_delete_view(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    _require_edit(request, report)
    activity = get_object_or_404(
        report.activities.prefetch_related("priorities__theme", "areas"), pk=activity_pk
    )
    changed = False
    if request.method == "POST":
        try:
            revision = int(request.POST.get("revision", ""))
        except ValueError:
            revision = -1
        try:
            activity_delete(activity=activity, revision=revision)
        except StaleRevision as exc:
            if exc.current[activity.pk] is None:
                messages.info(request, _("This activity had already been deleted."))
                return redirect("reports:activities", pk=report.pk)
            # Changed since they looked: show what it holds now before they decide.
            changed = True
            activity = report.activities.prefetch_related("priorities__theme", "areas").get(
                pk=activity.pk
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Activity “%(title)s” deleted.") % {"title": activity})
            return redirect("reports:activities", pk=report.pk)
    return render(
        request,
        "reports/activities/confirm_delete.html",
        {"report": report, "activity": activity, "changed": changed},
    )


def _show(name: str, value) -> str:
    if name == "areas":
        return places_text(value) or _("Not given")
    if is_blank(value):
        return "—"
    if name == "kind":
        return str(Activity.Kind(value).label)
    if name in ("starts_on", "ends_on"):
        return date_format(value, "DATE_FORMAT")
    if name == "priorities":
        return ", ".join(p.short_label for p in value)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return str(value)


def activity_differences(current: Activity, form: ActivityForm) -> list[dict]:
    """The fields where what is stored now differs from what the person typed; where it
    was held (picked areas, names not in the list, national) is one row."""
    typed = form.to_data()
    stored_priorities = sorted(current.priorities.select_related("theme"), key=lambda p: p.pk)
    rows = []
    skipped = {"description", "coverage", "unlisted_areas"}
    names = [n for n in typed.SCALARS if n not in skipped]
    for name in [*names, "areas", "priorities", "description"]:
        if name == "priorities":
            mine, theirs = sorted(typed.priorities, key=lambda p: p.pk), stored_priorities
        elif name == "areas":
            mine = places_of(
                coverage=typed.shown_coverage, areas=typed.areas, unlisted=typed.unlisted_areas
            )
            theirs = activity_places(current)
        else:
            mine, theirs = getattr(typed, name), getattr(current, name)
        if mine != theirs:
            rows.append(
                {
                    "label": form.fields[name].label,
                    "stored": _show(name, theirs),
                    "typed": _show(name, mine),
                }
            )
    return rows
