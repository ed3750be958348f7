from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from roadmap.models import Country, Role

from .. import permissions, services
from ..models import ReportingCycle
from ..selectors.assignments import own_parts
from ..selectors.cycles import reports_to_open
from ..selectors.reports import home_reports


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    roles = permissions.roles_for(request.user)
    reports = list(home_reports(user=request.user))
    own_ids = roles.country_ids(*permissions.COUNTRY_ROLES)
    own_reports = [r for r in reports if r.country_id in own_ids]
    # One trends page per country and framework the person reports for.
    trends = {(r.cycle.framework.slug, r.country.code): r for r in own_reports}
    return render(
        request,
        "home.html",
        {
            "roles": roles,
            "own_reports": own_reports,
            "own_trends": list(trends.values()),
            "reviewed_reports": [r for r in reports if r.country_id not in own_ids],
            "to_open": reports_to_open(user=request.user, today=timezone.localdate()),
            # Parts of reports assigned to the person (issue 24): a contributor's way in.
            # Only the country's writers are assigned parts: no query for the others.
            "own_parts": own_parts(user=request.user)
            if roles.country_ids(*permissions.COUNTRY_ROLES, Role.CONTRIBUTOR)
            else [],
        },
    )


@require_POST
def report_open(request: HttpRequest) -> HttpResponse:
    """The focal point opens the country's report of a cycle (a button on the home
    page). A retry or a second click lands on the report the first one opened."""
    country = get_object_or_404(Country, code=request.POST.get("country", ""))
    cycle_id = request.POST.get("cycle", "")
    cycle = get_object_or_404(ReportingCycle, pk=int(cycle_id) if cycle_id.isdigit() else 0)
    if not permissions.can_open_report(request.user, country.pk):
        raise PermissionDenied
    try:
        report, created = services.report_open(
            country=country, cycle=cycle, today=timezone.localdate()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("home")
    if created:
        messages.success(
            request,
            _(
                "The report of %(country)s for %(cycle)s is open: you and your colleagues can "
                "fill it in."
            )
            % {"country": country.shown_name, "cycle": cycle.label},
        )
    return redirect("reports:detail", pk=report.pk)
