"""A country's administrative areas, as the activity form offers and matches them."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from roadmap.areas import Matcher
from roadmap.models import Area, valid_during


def country_areas(
    *,
    country_id: int,
    during: tuple[dt.date, dt.date],
    keep: set[int] | frozenset[int] = frozenset(),
) -> list[Area]:
    """The country's active areas valid during ``during`` (a cycle's first and last day),
    in the list's order, and any of ``keep`` (areas an activity already names) retired
    since: one query."""
    return list(
        Area.objects.filter(country_id=country_id)
        .filter((Q(is_active=True) & valid_during(*during)) | Q(pk__in=keep))
        .order_by("order", "name")
    )


def area_matcher(*, country_id: int) -> Matcher:
    """Every spelling of the country's areas (retired ones too: an old name still means
    the same place; the active ones first), to recognise typed names."""
    return Matcher(Area.objects.filter(country_id=country_id).order_by("-is_active", "order"))
