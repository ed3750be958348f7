"""Where an activity was held, as every page, export and the PDF show and group it.

One key per place: a listed area's code ("VN-HN"), so a row of "By province" is one area
whatever language the reader reads and however the name was once typed; a name not in the
list by its folded text ("~hanoi"), so "Ha Noi" and "ha noi" are one row too; "national"
for an activity held nationwide. The name shown is the area's in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from roadmap.areas import fold
from roadmap.models import Area

from .models import Activity, AreaCoverage

NATIONAL_KEY = "national"


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    listed: bool = True
    area: Area | None = None


def places_of(*, coverage: str, areas: Iterable[Area], unlisted: Iterable[str]) -> list[Place]:
    """The places of an activity, listed areas first (in the list's order), then the
    names not in the list as typed."""
    if coverage == AreaCoverage.NATIONAL:
        return [Place(key=NATIONAL_KEY, name=_("National"))]
    listed = sorted(areas, key=lambda a: (a.order, a.shown_name))
    return [Place(key=a.code, name=a.shown_name, area=a) for a in listed] + [
        Place(key="~" + fold(name), name=name, listed=False) for name in unlisted if fold(name)
    ]


def activity_places(activity: Activity) -> list[Place]:
    """``activity``'s places; with ``areas`` prefetched, no query."""
    return places_of(
        coverage=activity.coverage,
        areas=activity.areas.all(),
        unlisted=activity.unlisted_areas or [],
    )


def places_text(places: Iterable[Place]) -> str:
    return ", ".join(place.name for place in places)


def place_names(activities: Iterable[Activity]) -> dict[str, str]:
    """One name per key over ``activities``: the first spelling met of a name not in the
    list, so its row is labelled as someone typed it."""
    names: dict[str, str] = {}
    for activity in activities:
        for place in activity_places(activity):
            names.setdefault(place.key, place.name)
    return names
