"""A report's indicator values: the page (explicit Save, "Add a part") and its autosave.

Anyone who may read the report sees the page; only ``permissions.can_edit_report`` may
change anything. A contributor (issue 24) sees only the indicators assigned to them and
writes those not accepted. The autosave (indicators.js) posts the same form to the same service and
gets JSON: the rows it saved (their new revision and digest), the conflicts and errors.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from .. import permissions
from ..forms.activities import show_rule_warnings
from ..forms.breakdown import with_one_more_row
from ..forms.indicator_values import IndicatorValuesFormSet, stored_fingerprint
from ..models import Report
from ..selectors.activities import (
    previous_indicator_values,
    report_indicator_values,
    report_indicators,
)
from ..selectors.evidence import evidence_by_target, report_evidence
from ..selectors.reports import report_for
from ..selectors.validation import VALUE_FORM_FIELDS, value_warnings
from ..services.activities import RuleErrors, StaleRevision, indicator_values_save


def _save_values(
    request: HttpRequest, report: Report, formset: IndicatorValuesFormSet
) -> tuple[int, int, str]:
    """Save the valid formset's changed rows: (saved, conflicts, error). A refused save
    leaves the formset with the colleague's values taken in."""
    rows = formset.changed_rows()
    if not rows:
        return 0, 0, ""
    try:
        saved = indicator_values_save(report=report, rows=rows, user=request.user)
    except StaleRevision as exc:
        for form in formset:
            if form.indicator.pk in exc.current:
                form.take_current(exc.current[form.indicator.pk])
        return 0, len(exc.current), ""
    except RuleErrors as exc:
        # A rule that is an error: said at the field, the typed figures kept.
        for form in formset:
            for field, texts in exc.by_indicator.get(form.indicator.pk, {}).items():
                form.add_error(VALUE_FORM_FIELDS.get(field, field), texts)
        return 0, 0, _("please correct the marked fields.")
    except ValidationError as exc:
        return 0, 0, " ".join(exc.messages)
    except PermissionDenied as exc:
        return 0, 0, " ".join(map(str, exc.args))
    return saved, 0, ""


def _indicators(request: HttpRequest, report: Report) -> tuple[list, list, bool]:
    """(indicators shown, indicators in the form, can edit): all of them for the country's
    staff; a contributor's assigned ones (404 if none), the form holding those not
    accepted."""
    indicators = report_indicators(report=report)
    if not permissions.is_contributor_of(request.user, report):
        can_edit = permissions.can_edit_report(request.user, report)
        return indicators, indicators, can_edit
    parts = permissions.contributor_parts(request.user, report)
    shown = [i for i in indicators if i.pk in parts.assigned.indicators]
    if not shown:
        raise Http404
    editable = [i for i in shown if i.pk in parts.writable.indicators]
    return shown, editable, bool(editable) and report.is_editable_state


def _added_part(request: HttpRequest, indicators) -> tuple[object, int | None]:
    """The posted data and the indicator whose "Add a part" was pressed (None: a save)."""
    try:
        pk = int(request.POST.get("add_part", ""))
    except ValueError:
        return request.POST, None
    if pk not in {i.pk for i in indicators}:
        return request.POST, None
    return with_one_more_row(request.POST, f"ind-{pk}-parts"), pk


@require_http_methods(["GET", "POST"])
def indicator_values(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk, for_parts=True)
    indicators, editable, can_edit = _indicators(request, report)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    stored = report_indicator_values(report=report)
    data, adding = (None, None) if request.method != "POST" else _added_part(request, editable)
    formset = IndicatorValuesFormSet(data, indicators=editable, stored=stored) if can_edit else None
    conflicts = 0
    if formset is not None and data is not None and adding is None and formset.is_valid():
        saved, conflicts, error = _save_values(request, report, formset)
        if error:
            messages.error(request, capfirst(error))
        elif not conflicts:
            if saved:
                message = ngettext(
                    "%(count)d indicator value saved.", "%(count)d indicator values saved.", saved
                )
                messages.success(request, message % {"count": saved})
            else:
                messages.info(request, _("No value was changed, so there was nothing to save."))
            return redirect("reports:indicators", pk=report.pk)
    previous_report, previous = previous_indicator_values(user=request.user, report=report)
    forms_by_indicator = {f.indicator.pk: f for f in formset} if formset is not None else {}
    # Evidence files are read through the reading rule, which a contributor lacks.
    readable = permissions.can_view_report(request.user, report)
    files = evidence_by_target(evidence=report_evidence(report=report)) if readable else {}
    if request.method == "GET":
        for indicator_pk, breaches in value_warnings(report=report, stored=stored).items():
            if indicator_pk in forms_by_indicator:
                show_rule_warnings(forms_by_indicator[indicator_pk], breaches)
    rows = [
        {
            "indicator": indicator,
            "stored": stored.get(indicator.pk),
            "previous": previous.get(indicator.pk),
            "form": forms_by_indicator.get(indicator.pk),
            "adding": adding == indicator.pk,
            "evidence_files": files.get(("indicator_value", stored[indicator.pk].pk), [])
            if indicator.pk in stored
            else [],
        }
        for indicator in indicators
    ]
    context = {
        "report": report,
        "rows": rows,
        "formset": formset,
        "can_edit": can_edit,
        # Removing a file, saying whether it may be public: not a contributor's.
        "can_change_files": permissions.can_change_evidence(request.user, report),
        "conflicts": conflicts,
        "previous_report": previous_report,
        "contributor": not readable,
    }
    return render(request, "reports/activities/indicators.html", context)


@require_POST
def indicators_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """The background save of indicators.js: same form, same service, a JSON answer."""
    report = report_for(user=request.user, pk=pk, for_parts=True)
    _shown, editable, can_edit = _indicators(request, report)
    if not can_edit:
        return JsonResponse(
            {"ok": False, "reason": _("this report cannot be edited now.")}, status=403
        )
    formset = IndicatorValuesFormSet(
        request.POST, indicators=editable, stored=report_indicator_values(report=report)
    )
    if not formset.is_valid():
        reason = _("please correct the marked fields.")
        return JsonResponse({"ok": False, "reason": reason, "errors": formset.error_list()})
    changed = [form.indicator.pk for form in formset if form.changed_by_user]
    saved, conflicts, error = _save_values(request, report, formset)
    if error and formset.error_list():
        # Refused by a rule that is an error: said at its field, like a typing slip.
        return JsonResponse({"ok": False, "reason": error, "errors": formset.error_list()})
    if error:
        return JsonResponse({"ok": False, "reason": error}, status=409)
    reply = {"ok": not conflicts, "reason": "", "errors": [], "rows": {}, "conflicts": {}}
    if conflicts:
        reply["reason"] = _(
            "someone else changed a value you are editing: see the marked indicators."
        )
        for form in formset:
            if form.conflicted:
                html = render_to_string(
                    "reports/activities/_indicator_conflict.html", {"form": form}, request=request
                )
                reply["conflicts"][form.indicator.pk] = {"html": html}
                reply["rows"][form.indicator.pk] = _row(form.conflict)
        return JsonResponse(reply)
    # The rows written (or found already written: a save sent twice) and only those: a
    # row the person left alone keeps what it was loaded with, so a colleague's change
    # to it is still caught by the next save.
    fresh = report_indicator_values(report=report) if saved else {}
    reply["rows"] = {pk: _row(fresh.get(pk)) for pk in changed}
    reply["saved_at"] = timezone.localtime().strftime("%H:%M")
    return JsonResponse(reply)


def _row(stored) -> dict:
    return {"revision": stored.revision if stored else 0, "loaded": stored_fingerprint(stored)}
