"""The focal point's assignments page (issue 24): who writes which part of the report,
by when; assign, change, remove, accept or send back; and the assignee's "Mark ready".

Thin: access by ``reports.permissions``, writes by ``services.assignments``, reads by
``selectors.assignments``. Plain forms, no script needed; a refused form is shown again
with what was typed and an error summary (400).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import permissions
from ..forms.assignments import AssignForm, AssignmentChangeForm, SendBackForm
from ..models import Assignment, Report
from ..selectors.assignments import parts_with_assignments
from ..selectors.reports import report_for
from ..services import assignments as service


def _managed(request: HttpRequest, pk: int) -> Report:
    report = report_for(user=request.user, pk=pk)
    if not permissions.can_manage_assignments(request.user, report):
        raise PermissionDenied
    return report


def _page(
    request: HttpRequest,
    report: Report,
    *,
    form: AssignForm | None = None,
    failed: tuple[int, object] | None = None,
    status: int = 200,
) -> HttpResponse:
    groups = parts_with_assignments(report=report)
    people = list(service.assignable_people(report=report))
    form = form or AssignForm(groups=groups, people=people)
    rows = []
    for group in groups:
        for part in group.parts:
            for assignment in part.assignments:
                change = AssignmentChangeForm(
                    initial={
                        "version": assignment.version,
                        "due_on": assignment.due_on,
                        "note": assignment.note,
                    },
                    prefix=f"a{assignment.pk}",
                )
                send_back = SendBackForm(prefix=f"b{assignment.pk}")
                if failed and failed[0] == assignment.pk:
                    bound = failed[1]
                    change = bound if isinstance(bound, AssignmentChangeForm) else change
                    send_back = bound if isinstance(bound, SendBackForm) else send_back
                rows.append(
                    {
                        "group": group.title,
                        "part": part,
                        "assignment": assignment,
                        "change": change,
                        "send_back": send_back,
                    }
                )
    context = {
        "report": report,
        "groups": groups,
        "rows": rows,
        "form": form,
        "failed": failed[1] if failed else None,
        "has_people": bool(people),
        "can_invite": permissions.can_invite_contributors(request.user, report.country_id),
    }
    return render(request, "reports/assignments/page.html", context, status=status)


@require_http_methods(["GET", "POST"])
def assignments_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = _managed(request, pk)
    if request.method != "POST":
        return _page(request, report)
    form = AssignForm(
        request.POST,
        groups=parts_with_assignments(report=report),
        people=list(service.assignable_people(report=report)),
    )
    if form.is_valid():
        try:
            for kind, target_id in form.chosen_parts():
                service.assign(
                    report=report,
                    user=request.user,
                    kind=kind,
                    target_id=target_id,
                    assignees=form.chosen_people(),
                    due_on=form.cleaned_data["due_on"],
                    note=form.cleaned_data["note"],
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The parts were assigned."))
            return redirect("reports:assignments", pk=report.pk)
    return _page(request, report, form=form, status=400)


def _act(request: HttpRequest, report: Report, assignment: Assignment, action: str):
    """Run ``action``; a bound form back when it was refused for what was typed."""
    user = request.user
    if action == "ready":
        service.assignment_mark_ready(assignment=assignment, user=user)
        return _("Marked ready: the focal point has been asked to look at it.")
    if action == "accept":
        service.assignment_accept(assignment=assignment, user=user)
        return _("Accepted.")
    if action == "remove":
        version = int(request.POST.get("version") or 0) or None
        service.assignment_remove(assignment=assignment, user=user, version=version)
        return _("Assignment removed.")
    if action == "send_back":
        form = SendBackForm(request.POST, prefix=f"b{assignment.pk}")
        if not form.is_valid():
            return form
        service.assignment_send_back(
            assignment=assignment, user=user, note=form.cleaned_data["state_note"]
        )
        return _("Sent back with your note.")
    if action == "change":
        form = AssignmentChangeForm(request.POST, prefix=f"a{assignment.pk}")
        if not form.is_valid():
            return form
        service.assignment_change(
            assignment=assignment,
            user=user,
            version=form.cleaned_data["version"],
            due_on=form.cleaned_data["due_on"],
            note=form.cleaned_data["note"],
        )
        return _("Assignment changed.")
    raise Http404


@require_POST
def assignment_action(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """One action on one assignment; "ready" is the assignee's, the others the focal
    point's (the services check who)."""
    action = request.POST.get("action", "")
    report = report_for(user=request.user, pk=pk, for_parts=True)
    assignment = Assignment.objects.filter(report=report, pk=assignment_pk).first()
    mine = action == "ready"
    back = ("home",) if mine else ("reports:assignments", report.pk)
    if assignment is None:
        # Removed meanwhile (or sent twice after a removal): nothing left to do.
        messages.info(request, _("This assignment no longer exists."))
        return redirect(*back)
    try:
        outcome = _act(request, report, assignment, action)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(*back)
    if isinstance(outcome, str):
        messages.success(request, outcome)
        return redirect(*back)
    if mine or not permissions.can_manage_assignments(request.user, report):
        raise PermissionDenied
    return _page(request, report, failed=(assignment.pk, outcome), status=400)
