"""Who owes what (the focal point's list of a report's assignments, with reminders) and
a reporter's "ready for the focal point" on the report hub."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from .. import permissions
from ..forms.owed import OwedFilterForm
from ..selectors.owed import owed_page
from ..selectors.reports import report_for
from ..services.handover import report_mark_ready
from ..services.owed import assignments_remind


@require_GET
def owed(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    if not permissions.can_see_owed(request.user, report):
        raise PermissionDenied
    today = timezone.localdate()
    everything = owed_page(report=report, today=today)
    form = OwedFilterForm(
        request.GET or None, agencies=everything.agencies, people=everything.people
    )
    page = owed_page(report=report, today=today, **form.filters()) if form.is_bound else everything
    return render(
        request,
        "reports/owed.html",
        {
            "report": report,
            "page": page,
            "form": form,
            "can_remind": permissions.can_remind(request.user, report),
        },
    )


@require_POST
def owed_remind(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    if not permissions.can_see_owed(request.user, report):
        raise PermissionDenied
    raw = request.POST.get("assignment", "")
    assignment_id = int(raw) if raw.isdigit() else None
    if raw and assignment_id is None:
        messages.error(request, _("That part is not in this report."))
        return redirect("reports:owed", pk=report.pk)
    if not permissions.can_remind(request.user, report):
        messages.error(request, _("The report is with the reviewers: nobody is reminded."))
        return redirect("reports:owed", pk=report.pk)
    count = assignments_remind(
        report=report, user=request.user, today=timezone.localdate(), assignment_id=assignment_id
    )
    if count:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way (one a day per part at most).",
                "%(count)d reminders are on their way (one a day per part at most).",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Nothing to remind: no part is owed there."))
    # Back to the list as it was filtered (only its own query: the path is fixed).
    back = QueryDict(request.POST.get("back", "")).urlencode()
    return redirect(reverse("reports:owed", args=[report.pk]) + (f"?{back}" if back else ""))


@require_POST
def report_ready(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    if not permissions.can_mark_ready_for_focal_point(request.user, report):
        raise PermissionDenied
    _mark, new = report_mark_ready(report=report, user=request.user)
    if new:
        messages.success(request, _("The focal point has been told the report is ready."))
    else:
        messages.info(request, _("The focal point was already told: nothing has changed since."))
    return redirect("reports:detail", pk=report.pk)
