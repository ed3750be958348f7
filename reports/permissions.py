"""Who may see and do what. The only place that decides it: views, templates, services
and the workflow ask here.

Roles come from ``roadmap.Membership`` (reporter, focal point, reviewer, contributor per
country), from ``roadmap.FrameworkMembership`` (the secretariat, who reviews every country
of a framework) and from Django's staff flag (admin). A person may hold roles in several countries.

Contributors (people of other agencies, issue 24) are not country staff: they never
"view" a report (no reading view, exports, PDF, API or OData rows); they reach the entry
pages of the parts the focal point assigned them (``contributor_parts``), and write only
those not yet accepted (``can_edit_part``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from roadmap.models import Roadmap, Role

from .models import Report, ReportState

# The roles, read once per request, live one floor down (``reports.roles``) so that the
# contributors' rules (``reports.part_permissions``) share them without a loop.
from .roles import COUNTRY_ROLES, AnyUser, Roles, roles_for

# Reviewers read what a country has handed in at least once; a draft that was never
# submitted belongs to the country alone. The same rule as a filter and as a test:
HANDED_IN = ~Q(state=ReportState.DRAFT) | Q(submitted_at__isnull=False)


def reviewers_see(report: Report) -> bool:
    """Whether the report's reviewers may read it now (e.g. to be told about a comment)."""
    return report.state != ReportState.DRAFT or report.submitted_at is not None


def can_view_report(user: AnyUser, report: Report) -> bool:
    roles = roles_for(user)
    if roles.is_admin:
        return True
    if roles.role_in(report.country_id) in COUNTRY_ROLES:
        return True
    return roles.reviews_country_of(report) and reviewers_see(report)


def can_edit_report(user: AnyUser, report: Report) -> bool:
    """Answers, activities, indicator values, next steps. Never reviewers or admins:
    the report is the country's word."""
    return roles_for(user).role_in(report.country_id) in COUNTRY_ROLES and report.is_editable_state


def can_change_evidence(user: AnyUser, report: Report) -> bool:
    """Remove a file of the report, or say whether it may be shown on the public pages:
    the editing rule. Not a contributor, who attaches files to their parts but changes
    none already there (a file may be the country's, or another agency's)."""
    return can_edit_report(user, report)


def can_submit_report(user: AnyUser, report: Report) -> bool:
    return (
        roles_for(user).role_in(report.country_id) == Role.FOCAL_POINT and report.is_editable_state
    )


def can_open_report(user: AnyUser, country_id: int) -> bool:
    """Open the country's report of a cycle (``services.report_open`` says which cycles):
    its focal point, who answers for the report and hands it in. Not a reporter, who asks
    the focal point; not reviewers or admins (admins open a cycle's reports in the admin)."""
    return roles_for(user).role_in(country_id) == Role.FOCAL_POINT


def is_reviewer_of(user: AnyUser, report: Report) -> bool:
    """Reviews the report's country (as its reviewer, the framework's secretariat or an
    admin), whatever the report's state."""
    roles = roles_for(user)
    return roles.is_admin or roles.reviews_country_of(report)


def is_focal_point_of(user: AnyUser, report: Report) -> bool:
    """The country's focal point, whatever the report's state (the workflow checks it)."""
    return roles_for(user).role_in(report.country_id) == Role.FOCAL_POINT


def can_publish(user: AnyUser, report: Report) -> bool:
    """Publish the report on the public pages, or withdraw it: the secretariat of its
    framework and admins; not its reviewers (they judge the report, the Alliance decides
    what it shows the world), not the country (which may be asked to consent first)."""
    roles = roles_for(user)
    return roles.is_admin or report.cycle.framework_id in roles.secretariat_of


def can_see_owed(user: AnyUser, report: Report) -> bool:
    """ "Who owes what" (every assignment of the report, with people and agencies): the
    country's focal point, who assigns the parts, and admins. Not reporters, contributors
    or reviewers: it is the focal point's desk."""
    roles = roles_for(user)
    return roles.is_admin or roles.role_in(report.country_id) == Role.FOCAL_POINT


def can_remind(user: AnyUser, report: Report) -> bool:
    """ "Remind now": as ``can_see_owed``, while the country still writes the report."""
    return can_see_owed(user, report) and report.is_editable_state


def can_mark_ready_for_focal_point(user: AnyUser, report: Report) -> bool:
    """A reporter tells the focal point the report is ready for them (the focal point
    submits): while the country still writes it."""
    return roles_for(user).role_in(report.country_id) == Role.REPORTER and report.is_editable_state


def can_use_review_queue(user: AnyUser) -> bool:
    roles = roles_for(user)
    return roles.is_admin or roles.is_reviewer or roles.is_secretariat


def is_country_member(user: AnyUser, report: Report) -> bool:
    return roles_for(user).role_in(report.country_id) in COUNTRY_ROLES


def can_comment(user: AnyUser, report: Report) -> bool:
    """Either side of the conversation: the country, or a reviewer who can read it."""
    return can_view_report(user, report) and (
        is_country_member(user, report) or is_reviewer_of(user, report)
    )


def visible_reports(user: AnyUser) -> QuerySet[Report]:
    """Every report the user may read, as a queryset to filter further."""
    roles = roles_for(user)
    reports = Report.objects.all()
    if roles.is_admin:
        return reports
    own = roles.country_ids(*COUNTRY_ROLES)
    return reports.filter(Q(country_id__in=own) | (review_scope(roles) & HANDED_IN))


def review_scope(roles: Roles) -> Q:
    """The reports a reviewer or secretariat covers, whatever their state (not for admins,
    who cover everything): a filter on ``Report``."""
    return Q(country_id__in=roles.country_ids(Role.REVIEWER)) | Q(
        cycle__framework_id__in=roles.secretariat_of
    )


# --------------------------------------------------------------------------------------
# What a person's countries and frameworks are, for the data the API serves beside the
# reports (roadmaps, indicators, cycles). The reports themselves always go through
# ``visible_reports``.


def _reading_countries(roles: Roles) -> set[int]:
    """The countries whose data the person reads: every role but a contributor's, who
    reads only the parts assigned to them."""
    return roles.country_ids(Role.REPORTER, Role.FOCAL_POINT, Role.REVIEWER)


def roadmap_scope(user: AnyUser) -> Q:
    """The roadmap versions the user reads (a filter on ``Roadmap``): those of every country
    they hold a role in (its staff and its reviewers read the reports written on them), and
    every roadmap of a framework whose secretariat they are. All for admins; none for
    someone with no role."""
    roles = roles_for(user)
    if roles.is_admin:
        return Q()
    return Q(country_id__in=_reading_countries(roles)) | Q(framework_id__in=roles.secretariat_of)


def country_scope(user: AnyUser) -> Q:
    """The countries the user reads about (a filter on ``Country``): those of the roadmaps
    in ``roadmap_scope``, and the countries they hold a role in."""
    roles = roles_for(user)
    if roles.is_admin:
        return Q()
    of_frameworks = Roadmap.objects.filter(framework_id__in=roles.secretariat_of)
    return Q(pk__in=_reading_countries(roles)) | Q(pk__in=of_frameworks.values("country_id"))


def framework_scope(user: AnyUser) -> Q:
    """The frameworks the user reads (a filter on ``Framework``): those of the roadmaps in
    ``roadmap_scope``, and those whose secretariat they are."""
    roles = roles_for(user)
    if roles.is_admin:
        return Q()
    of_countries = Roadmap.objects.filter(country_id__in=_reading_countries(roles))
    return Q(pk__in=roles.secretariat_of) | Q(pk__in=of_countries.values("framework_id"))


# --------------------------------------------------------------------------------------
# Monitoring: the board, a country's trends, the synthesis. Whole countries, not reports:
# what a page shows of each report is still filtered by ``visible_reports``.


def can_see_board(user: AnyUser, framework_id: int) -> bool:
    """The board of a framework's cycle: reviewers (their countries' rows), the
    secretariat and admins. Country staff have their own reports page."""
    roles = roles_for(user)
    return roles.is_admin or roles.is_reviewer or framework_id in roles.secretariat_of


def board_countries(user: AnyUser, framework_id: int) -> Q:
    """The countries whose rows the user sees on a framework's board (a filter on
    ``Country``): all for the secretariat and admins, the covered ones for a reviewer."""
    roles = roles_for(user)
    if roles.is_admin or framework_id in roles.secretariat_of:
        return Q()
    return Q(pk__in=roles.country_ids(Role.REVIEWER))


def can_view_trends(user: AnyUser, *, country_id: int, framework_id: int) -> bool:
    """A country's trends: its own staff, its reviewers, the secretariat, admins. What the
    page shows comes only from the reports the user may read (``visible_reports``)."""
    roles = roles_for(user)
    return (
        roles.is_admin
        or country_id in _reading_countries(roles)
        or framework_id in roles.secretariat_of
    )


def can_see_synthesis(user: AnyUser, framework_id: int) -> bool:
    """The cycle's synthesis across all countries: the secretariat and admins."""
    roles = roles_for(user)
    return roles.is_admin or framework_id in roles.secretariat_of


def can_import_word(user: AnyUser, report: Report) -> bool:
    """Bringing a Word file into a report writes answers: the editing rule."""
    return can_edit_report(user, report)


def can_import_history(user: AnyUser) -> bool:
    """Loading a country's past reports as handed-in history: admins only (it writes
    reports no country member typed in the portal)."""
    return roles_for(user).is_admin


def comment_scope(user: AnyUser) -> Q:
    """The reports whose comment threads the user may search (a filter on ``Report``):
    those they review (the country's reviewers, the framework's secretariat) once handed
    in, every report for admins, none for anyone else. Country staff read the threads on
    their report pages, but the search over comments is the reviewers' tool."""
    roles = roles_for(user)
    if roles.is_admin:
        return Q()
    if not (roles.is_reviewer or roles.is_secretariat):
        return Q(pk__in=[])
    return review_scope(roles) & HANDED_IN


# Contributors and their parts (issue 24) are decided in ``reports.part_permissions`` (this
# module is long enough); asked through this module like every other rule.
from .part_permissions import (  # noqa: E402, F401
    Parts,
    PartSet,
    can_edit_part,
    can_invite_contributors,
    can_manage_assignments,
    can_write_in,
    contributor_parts,
    forget_parts,
    is_contributor_of,
)


def can_open_parts(user: AnyUser, report: Report) -> bool:
    """The entry pages of a report: whoever reads it, and a contributor with at least one
    part assigned in it (removed from every part, they reach nothing)."""
    return can_view_report(user, report) or bool(contributor_parts(user, report).assigned)
