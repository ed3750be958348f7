"""Activities' places against the country's list of administrative areas: naming them
from typed names (the demo, an import) and mapping names kept "not in the list" once the
list gains them (``load_areas``)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from roadmap.models import Country

from ..models import Activity, AreaCoverage, ReportState
from ..revisions import report_touch
from ..selectors.areas import area_matcher


@transaction.atomic
def activity_places_name(*, activity: Activity, names: Sequence[str]) -> Activity:
    """Set where ``activity`` was held from typed ``names``: each that matches an area of
    its country's list (any language, other spellings; case, accents and spacing
    ignored) becomes that area, the rest is kept as typed."""
    matcher = area_matcher(country_id=activity.report.country_id)
    areas, unlisted = matcher.split(names)
    activity.unlisted_areas = unlisted
    activity.coverage = AreaCoverage.AREAS if names else AreaCoverage.NOT_GIVEN
    activity.save(update_fields=["unlisted_areas", "coverage"])
    activity.areas.set(areas)
    return activity


EDITABLE = (ReportState.DRAFT, ReportState.RETURNED)  # as Report.is_editable_state


@transaction.atomic
def unlisted_areas_map(*, country: Country) -> int:
    """Map the names kept "not in the list" on ``country``'s activities onto its areas
    as they stand now; returns how many activities changed. Only reports the country can
    still edit (draft, returned): the others stay as they were handed in. Each changed
    activity's revision goes up, so a person editing it meanwhile is shown the change
    rather than overwriting it."""
    matcher = area_matcher(country_id=country.pk)
    activities = (
        Activity.objects.select_for_update(of=("self",))
        .filter(report__country=country)
        .exclude(unlisted_areas=[])
        .filter(report__state__in=EDITABLE)
        .select_related("report")
    )
    changed = 0
    for activity in activities:
        found, unlisted = matcher.split(activity.unlisted_areas)
        if not found:
            continue
        activity.unlisted_areas = unlisted
        activity.revision += 1
        activity.save(update_fields=["unlisted_areas", "revision"])
        activity.areas.add(*found)
        report_touch(report=activity.report)
        changed += 1
    return changed
