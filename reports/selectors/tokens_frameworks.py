"""The frameworks whose data a person may read through the feeds (the Connect page lists
their URLs): those of the reports ``visible_reports`` lets them read, and the frameworks
whose secretariat they are. The same permission functions as the portal's pages."""

from __future__ import annotations

from django.db.models import Q

from roadmap.models import Framework

from .. import permissions


def tokens_readable_frameworks(*, user) -> list[Framework]:
    roles = permissions.roles_for(user)
    if roles.is_admin:
        return list(Framework.objects.order_by("slug"))
    reported = permissions.visible_reports(user).values("cycle__framework_id")
    return list(
        Framework.objects.filter(Q(pk__in=reported) | Q(pk__in=roles.secretariat_of))
        .distinct()
        .order_by("slug")
    )
