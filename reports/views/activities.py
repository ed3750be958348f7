"""A report's activities (list with totals, add, edit, delete) and its indicator values.

Anyone who may read the report sees these pages; only ``permissions.can_edit_report``
may change anything (a crafted POST otherwise gets 403, or 404 for another country's
report, from ``selectors.reports.report_for``).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions
from ..forms.activities import ActivityForm, IndicatorValuesFormSet, format_breakdown
from ..models import Activity, Report, is_blank
from ..selectors.activities import (
    activity_totals,
    previous_indicator_values,
    report_activities,
    report_indicators,
)
from ..selectors.evidence import evidence_by_target, report_evidence
from ..selectors.reports import report_for
from ..services.activities import (
    StaleRevision,
    activity_create,
    activity_delete,
    activity_update,
    indicator_values_save,
)
from ..undecodable import marks_undecodable_bytes, split_undecodable

# --- Activities ---------------------------------------------------------------------------


def _require_edit(request: HttpRequest, report: Report) -> None:
    if not permissions.can_edit_report(request.user, report):
        raise PermissionDenied


@require_GET
def activity_list(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    activities = report_activities(report=report)
    files = evidence_by_target(evidence=report_evidence(report=report))
    for activity in activities:
        activity.evidence_files = files.get(("activity", activity.pk), [])
    return render(
        request,
        "reports/activities/list.html",
        {
            "report": report,
            "activities": activities,
            "totals": activity_totals(activities=activities),
            "can_edit": permissions.can_edit_report(request.user, report),
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
            return redirect("reports:activities", pk=report.pk)
    return render(request, "reports/activities/form.html", {"report": report, "form": form})


@marks_undecodable_bytes
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    _require_edit(request, report)
    activity = report.activities.prefetch_related("priorities").filter(pk=activity_pk).first()
    if activity is None:
        if request.method == "POST" and _deleted_from(report, activity_pk):
            return _deleted_meanwhile(request, report)
        raise Http404
    form = _posted_form(request, report, activity=activity)
    context: dict = {"report": report, "form": form, "activity": activity}
    if request.method == "POST" and form.is_valid():
        try:
            activity_update(
                activity=activity,
                revision=form.cleaned_data["revision"] or 0,
                data=form.to_data(),
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
            return redirect("reports:activities", pk=report.pk)
    return render(request, "reports/activities/form.html", context)


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
        report.activities.prefetch_related("priorities__theme"), pk=activity_pk
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
            activity = report.activities.prefetch_related("priorities__theme").get(pk=activity.pk)
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
    if is_blank(value):
        return "—"
    if name == "kind":
        return str(Activity.Kind(value).label)
    if name in ("starts_on", "ends_on"):
        return date_format(value, "DATE_FORMAT")
    if name == "provinces":
        return ", ".join(value)
    if name == "priorities":
        return ", ".join(p.short_label for p in value)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return str(value)


def activity_differences(current: Activity, form: ActivityForm) -> list[dict]:
    """The fields where what is stored now differs from what the person typed."""
    typed = form.to_data()
    stored_priorities = sorted(current.priorities.select_related("theme"), key=lambda p: p.pk)
    rows = []
    names = [n for n in typed.SCALARS if n != "description"] + ["priorities", "description"]
    for name in names:
        if name == "priorities":
            mine, theirs = sorted(typed.priorities, key=lambda p: p.pk), stored_priorities
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


# --- Indicator values ---------------------------------------------------------------------


def _save_values(
    request: HttpRequest, report: Report, formset: IndicatorValuesFormSet
) -> tuple[bool, int]:
    """Save the valid formset's changed rows: (done, conflicts). Done when the page goes
    back to itself (saved, or nothing to save); a refused save leaves the formset with the
    colleague's values taken in (the count of conflicts) or a message."""
    rows = formset.changed_rows()
    if not rows:
        messages.info(request, _("No value was changed, so there was nothing to save."))
        return True, 0
    try:
        saved = indicator_values_save(report=report, rows=rows)
    except StaleRevision as exc:
        for form in formset:
            if form.indicator.pk in exc.current:
                form.take_current(exc.current[form.indicator.pk])
        return False, len(exc.current)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False, 0
    messages.success(
        request,
        ngettext("%(count)d indicator value saved.", "%(count)d indicator values saved.", saved)
        % {"count": saved},
    )
    return True, 0


@require_http_methods(["GET", "POST"])
def indicator_values(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    can_edit = permissions.can_edit_report(request.user, report)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    indicators = report_indicators(report=report)
    stored = {v.indicator_id: v for v in report.indicator_values.select_related("indicator")}
    previous_report, previous = previous_indicator_values(user=request.user, report=report)
    for value in previous.values():
        value.breakdown_text = format_breakdown(value.disaggregation)
    formset = None
    if can_edit:
        formset = IndicatorValuesFormSet(
            request.POST if request.method == "POST" else None,
            indicators=indicators,
            stored=stored,
        )
    conflicts = 0
    if formset is not None and request.method == "POST" and formset.is_valid():
        done, conflicts = _save_values(request, report, formset)
        if done:
            return redirect("reports:indicators", pk=report.pk)
    forms_by_indicator = {f.indicator.pk: f for f in formset} if formset is not None else {}
    files = evidence_by_target(evidence=report_evidence(report=report))
    rows = [
        {
            "indicator": indicator,
            "stored": stored.get(indicator.pk),
            "previous": previous.get(indicator.pk),
            "form": forms_by_indicator.get(indicator.pk),
            "evidence_files": files.get(("indicator_value", stored[indicator.pk].pk), [])
            if indicator.pk in stored
            else [],
        }
        for indicator in indicators
    ]
    return render(
        request,
        "reports/activities/indicators.html",
        {
            "report": report,
            "rows": rows,
            "formset": formset,
            "can_edit": can_edit,
            "conflicts": conflicts,
            "previous_report": previous_report,
        },
    )
