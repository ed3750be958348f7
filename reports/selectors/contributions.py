"""Which agency a writer writes for (issue 24): a contributor's membership names it; the
country's own staff write as the country team (None). No query for anyone but a
contributor: the roles are read once per request (``permissions.roles_for``)."""

from __future__ import annotations

from roadmap.models import Membership, Role

from .. import permissions


def writer_agency_id(*, user, country_id: int) -> int | None:
    if user is None or not user.is_authenticated:
        return None
    if permissions.roles_for(user).role_in(country_id) != Role.CONTRIBUTOR:
        return None
    return (
        Membership.objects.filter(user=user, country_id=country_id, role=Role.CONTRIBUTOR)
        .values_list("agency_id", flat=True)
        .first()
    )
