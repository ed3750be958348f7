from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import permissions
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
        },
    )
