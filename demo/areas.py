"""The demo's administrative areas: each country's shipped list, loaded through the
service ``load_areas`` uses, and activities' provinces named as a person types them."""

from __future__ import annotations

from collections.abc import Sequence

from reports.models import Activity
from reports.services.areas import activity_places_name
from roadmap.models import Country
from roadmap.services import shipped_areas_load


def demo_areas(country: Country) -> None:
    """The country's shipped list (roadmap/data/areas), loaded once."""
    if not country.areas.exists():
        shipped_areas_load(country_codes={country.code})


def name_places(activity: Activity, names: Sequence[str]) -> None:
    """Match ``names`` to the country's list; what it lacks stays as typed."""
    demo_areas(activity.report.country)
    activity_places_name(activity=activity, names=names)
