"""The help page (/help/): how reporting works, in the reader's language. Open to anyone,
signed in or not (it is linked from the sign-in page): it shows no report, only the
cycles' dates and whom to contact."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from roadmap.progress import TOLERANCE, Status

from ..models import ReportState
from ..reminders import REMINDER_DAYS
from ..selectors.contacts import admin_contacts
from ..selectors.cycles import current_cycles

# What each state means for the people working on a report (reports.workflow).
STATE_MEANINGS = {
    ReportState.DRAFT: _(
        "The country is writing the report. Its reporters and focal points edit it; "
        "reviewers do not see it yet."
    ),
    ReportState.SUBMITTED: _(
        "The focal point handed the report in. It is read-only for the country while its "
        "reviewers read it, comment on it, and then accept it or return it."
    ),
    ReportState.RETURNED: _(
        "A reviewer sent the report back with a reason (shown at the top of every page of "
        "the report). The country revises it and the focal point submits it again."
    ),
    ReportState.ACCEPTED: _(
        "The report is final. A reviewer may reopen it with a reason, which returns it to "
        "the country for revision."
    ),
}


# What each progress status means (roadmap.progress states the rule).
STATUS_MEANINGS = {
    Status.REACHED: _("The latest value has gone the whole way from the baseline to the target."),
    Status.ON_TRACK: _("The share of the way is at least the share of time, less the tolerance."),
    Status.BEHIND: _("The share of the way is below the share of time, less the tolerance."),
    Status.NO_TARGET: _("The roadmap version sets no baseline or no target for the indicator."),
    Status.NO_VALUE: _("A baseline and a target are set, but no value has been reported yet."),
}


@login_not_required
@require_GET
def help_page(request: HttpRequest) -> HttpResponse:
    context = {
        "cycles": current_cycles(today=timezone.localdate()),
        "states": [(state.label, STATE_MEANINGS[state]) for state in ReportState],
        "reminder_text": _("%(days)s and %(last)s days")
        % {
            "days": ", ".join(str(d) for d in REMINDER_DAYS[:-1]),
            "last": REMINDER_DAYS[-1],
        },
        "overdue_weeks": settings.REMINDER_OVERDUE_WEEKS,
        "progress_statuses": [(status.label, STATUS_MEANINGS[status]) for status in Status],
        "tolerance": int(TOLERANCE * 100),
        "contact_name": settings.HELP_CONTACT_NAME,
        "contact_email": settings.HELP_CONTACT_EMAIL,
        # With no help address set, a signed-in person gets the admins' addresses rather
        # than a name to write to with no way to write; the page stays open to anyone, so
        # a signed-out visitor is not shown personal addresses.
        "admin_contacts": (
            admin_contacts()
            if not settings.HELP_CONTACT_EMAIL and request.user.is_authenticated
            else []
        ),
    }
    return render(request, "help.html", context)
