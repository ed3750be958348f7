"""Who may see and do what. The only place that decides it: views, templates, services
and the workflow ask here.

Roles come from ``roadmap.Membership`` (reporter, focal point, reviewer per country) and
from Django's staff flag (admin). A person may hold roles in several countries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from roadmap.models import Country, Membership, Role

from .models import Report, ReportState

AnyUser = AbstractBaseUser | AnonymousUser

COUNTRY_ROLES = (Role.REPORTER, Role.FOCAL_POINT)


@dataclass(frozen=True)
class Roles:
    is_admin: bool = False
    by_country: dict[int, str] = field(default_factory=dict)
    countries: tuple[Country, ...] = ()

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


def roles_for(user: AnyUser) -> Roles:
    """The user's roles, read once per request (cached on the user object)."""
    if not user.is_authenticated:
        return Roles()
    cached = getattr(user, "_pathfinder_roles", None)
    if cached is None:
        memberships = list(Membership.objects.filter(user=user).select_related("country"))
        cached = Roles(
            is_admin=bool(user.is_staff or user.is_superuser),
            by_country={m.country_id: m.role for m in memberships},
            countries=tuple(m.country for m in memberships),
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
    role = roles.role_in(report.country_id)
    if role in COUNTRY_ROLES:
        return True
    return role == Role.REVIEWER and reviewers_see(report)


def can_edit_report(user: AnyUser, report: Report) -> bool:
    """Answers, activities, indicator values, next steps. Never reviewers or admins:
    the report is the country's word."""
    return roles_for(user).role_in(report.country_id) in COUNTRY_ROLES and report.is_editable_state


def can_submit_report(user: AnyUser, report: Report) -> bool:
    return (
        roles_for(user).role_in(report.country_id) == Role.FOCAL_POINT and report.is_editable_state
    )


def is_reviewer_of(user: AnyUser, report: Report) -> bool:
    """Reviews the report's country (or is an admin), whatever the report's state."""
    roles = roles_for(user)
    return roles.is_admin or roles.role_in(report.country_id) == Role.REVIEWER


def is_focal_point_of(user: AnyUser, report: Report) -> bool:
    """The country's focal point, whatever the report's state (the workflow checks it)."""
    return roles_for(user).role_in(report.country_id) == Role.FOCAL_POINT


def can_use_review_queue(user: AnyUser) -> bool:
    roles = roles_for(user)
    return roles.is_admin or roles.is_reviewer


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
    reviewed = roles.country_ids(Role.REVIEWER)
    return reports.filter(Q(country_id__in=own) | (Q(country_id__in=reviewed) & HANDED_IN))


def can_import_word(user: AnyUser, report: Report) -> bool:
    """Bringing a Word file into a report writes answers: the editing rule."""
    return can_edit_report(user, report)


def can_import_history(user: AnyUser) -> bool:
    """Loading a country's past reports as handed-in history: admins only (it writes
    reports no country member typed in the portal)."""
    return roles_for(user).is_admin
