"""Who hears about a report, and in which language: the people of a country's roles, the
copies of an overdue notice, a framework's secretariat; each person's mail language and
reminder switch."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from roadmap.models import FrameworkMembership, FrameworkRole, Membership, Role

from .. import permissions
from ..models import Report

# Whose country's language a person's mail takes by default: its staff, and the people of
# its agencies who write parts of its report (a contributor of Viet Nam reads Vietnamese).
MAIL_LANGUAGE_ROLES = (*permissions.COUNTRY_ROLES, Role.CONTRIBUTOR)


def recipients_query(**filters):
    """Active users with an email address, with what ``mail_language`` and the reminder
    switch read (no query per person)."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, **filters)
        .exclude(email="")
        .select_related("mail_preference")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role__in=MAIL_LANGUAGE_ROLES)
                .select_related("country")
                .order_by("country__name"),
                to_attr="country_memberships",
            )
        )
        .order_by("pk")
        .distinct()
    )


def people(report: Report, roles: Iterable[str]) -> list:
    """Active users with an email address holding one of ``roles`` for the report's country."""
    return list(
        recipients_query(memberships__country_id=report.country_id, memberships__role__in=roles)
    )


# Who gets a copy of a country's overdue notice besides its own staff.
OVERDUE_COPY_ROLES = (Role.REVIEWER,)


def overdue_copy_recipients(*, country_ids: Iterable[int], framework_id: int) -> dict[int, list]:
    """Country id -> the people copied on its overdue notices: the reviewers covering it
    and the framework's secretariat (who cover every country of the framework). Three
    queries whatever the number of countries."""
    country_ids = list(country_ids)
    rows = list(
        Membership.objects.filter(
            country_id__in=country_ids, role__in=OVERDUE_COPY_ROLES
        ).values_list("country_id", "user_id")
    )
    secretariat = list(
        FrameworkMembership.objects.filter(
            framework_id=framework_id, role=FrameworkRole.SECRETARIAT
        ).values_list("user_id", flat=True)
    )
    rows += [(country_id, user_id) for country_id in country_ids for user_id in secretariat]
    users = recipients_query(pk__in={user for _country, user in rows}).in_bulk()
    copies: dict[int, list] = {}
    for country_id, user_id in rows:
        person = users.get(user_id)
        if person is not None and person not in copies.get(country_id, []):
            copies.setdefault(country_id, []).append(person)
    return copies


def mail_language(person) -> str:
    """The person's chosen language; else that of the country they work for (Viet Nam's
    staff read Vietnamese); else the site's. Reviewers and admins, who work across
    countries, get the site's unless they choose."""
    preference = getattr(person, "mail_preference", None)
    if preference is not None and preference.language:
        return preference.language
    memberships = getattr(person, "country_memberships", None)
    if memberships is None:
        memberships = list(
            person.memberships.filter(role__in=MAIL_LANGUAGE_ROLES).select_related("country")
        )
    if memberships:
        return memberships[0].country.language
    return settings.LANGUAGE_CODE


def wants_reminders(person) -> bool:
    preference = getattr(person, "mail_preference", None)
    return preference is None or preference.reminders


def secretariat(report: Report) -> list:
    """The secretariat of the report's framework (who cover every country of it)."""
    return list(
        recipients_query(
            framework_memberships__framework_id=report.cycle.framework_id,
            framework_memberships__role=FrameworkRole.SECRETARIAT,
        )
    )
