"""Who may see and do what. The only place that decides it: views, templates, services
and the workflow ask here.

Roles come from ``roadmap.Membership`` (reporter, focal point, reviewer, contributor per
country), from
``roadmap.FrameworkMembership`` (the secretariat, who reviews every country of a framework)
and from Django's staff flag (admin). A person may hold roles in several countries.

Contributors (people of other agencies, issue 24) are not country staff: they never
"view" a report (no reading view, exports, PDF, API or OData rows); they reach the entry
pages of the parts the focal point assigned them (``contributor_parts``), and write only
those not yet accepted (``can_edit_part``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import CharField, F, IntegerField, JSONField, Q, QuerySet, Value

from roadmap.models import Country, FrameworkMembership, Membership, Roadmap, Role

from .models import Report, ReportState

AnyUser = AbstractBaseUser | AnonymousUser

COUNTRY_ROLES = (Role.REPORTER, Role.FOCAL_POINT)


@dataclass(frozen=True)
class Roles:
    is_admin: bool = False
    by_country: dict[int, str] = field(default_factory=dict)
    countries: tuple[Country, ...] = ()
    # Frameworks whose secretariat the person is: a reviewer of all their countries.
    secretariat_of: frozenset[int] = frozenset()

    def role_in(self, country_id: int) -> str | None:
        return self.by_country.get(country_id)

    def country_ids(self, *roles: str) -> set[int]:
        return {cid for cid, role in self.by_country.items() if role in roles}

    @property
    def is_country_staff(self) -> bool:
        return bool(self.country_ids(*COUNTRY_ROLES))

    @property
    def is_reviewer(self) -> bool:
        return bool(self.country_ids(Role.REVIEWER))

    @property
    def is_secretariat(self) -> bool:
        return bool(self.secretariat_of)

    def reviews_country_of(self, report: Report) -> bool:
        """Reviewer of the report's country, or secretariat of its framework. Reads
        ``report.cycle`` only for the secretariat (pages load it with the report)."""
        if self.role_in(report.country_id) == Role.REVIEWER:
            return True
        return bool(self.secretariat_of) and report.cycle.framework_id in self.secretariat_of


def _membership_rows(user) -> list[tuple]:
    """Country and framework memberships in one query (every page asks for the roles, so
    a second query would cost every page): (country id, code, name, translations, role,
    framework id)."""
    none_int = Value(None, output_field=IntegerField())
    blank = Value("", output_field=CharField())
    countries = (
        Membership.objects.filter(user=user)
        .order_by()
        .annotate(
            c_code=F("country__code"),
            c_name=F("country__name"),
            c_tr=F("country__translations"),
            fw=none_int,
        )
        .values_list("country_id", "c_code", "c_name", "c_tr", "role", "fw")
    )
    frameworks = (
        FrameworkMembership.objects.filter(user=user)
        .order_by()
        .annotate(
            c_id=none_int,
            c_code=blank,
            c_name=blank,
            c_tr=Value({}, output_field=JSONField()),
        )
        .values_list("c_id", "c_code", "c_name", "c_tr", "role", "framework_id")
    )
    return list(countries.union(frameworks, all=True))


def roles_for(user: AnyUser) -> Roles:
    """The user's roles, read once per request (cached on the user object)."""
    if not user.is_authenticated:
        return Roles()
    cached = getattr(user, "_pathfinder_roles", None)
    if cached is None:
        rows = _membership_rows(user)
        # Countries as the header names them (code and names only, from the same query),
        # in the order of their names in the reader's language.
        countries = sorted(
            (
                (Country(pk=cid, code=code, name=name, translations=tr or {}), role)
                for cid, code, name, tr, role, _fw in rows
                if cid is not None
            ),
            key=lambda pair: pair[0].shown_name,
        )
        cached = Roles(
            is_admin=bool(user.is_staff or user.is_superuser),
            by_country={c.pk: role for c, role in countries},
            countries=tuple(c for c, _role in countries),
            secretariat_of=frozenset(fw for *_rest, fw in rows if fw is not None),
        )
        user._pathfinder_roles = cached  # type: ignore[union-attr]
    return cached


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


# Contributors and their parts (issue 24) are decided in ``reports.part_permissions`` (this
# module is long enough); asked through this module like every other rule.
from .part_permissions import (  # noqa: E402, F401
    Parts,
    PartSet,
    can_edit_part,
    can_invite_contributors,
    can_manage_assignments,
    can_open_parts,
    can_write_in,
    contributor_parts,
    forget_parts,
    is_contributor_of,
)
