"""Who holds which role, read once per request: the base of ``reports.permissions`` (which
re-exports every name here) and of ``reports.part_permissions``. Decides nothing itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import CharField, F, IntegerField, JSONField, Value

from roadmap.models import Country, FrameworkMembership, Membership, Role

from .models import Report

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
    def is_contributor(self) -> bool:
        return bool(self.country_ids(Role.CONTRIBUTOR))

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
