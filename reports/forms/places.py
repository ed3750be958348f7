"""The activity form's "where": the country's list of areas offered as checkboxes beside
"National" and "Not given", typed names matched to it, contradictions refused at the field.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from roadmap.areas import fold

from ..models import Activity, AreaCoverage, Report
from ..selectors.areas import area_matcher, country_areas


def offer_areas(form: forms.Form, *, report: Report, activity: Activity | None) -> None:
    """The ``areas`` field's choices: national, not given, then the country's active areas
    valid in the report's cycle (and any retired one the activity already names).
    ``form.area_options`` adds what the filter box matches, folded as roadmap.areas.fold
    (static/js/area_filter.js)."""
    named = {a.pk for a in activity.areas.all()} if activity is not None else set()
    cycle = report.cycle
    form.area_list = country_areas(
        country_id=report.country_id, during=(cycle.starts_on, cycle.ends_on), keep=named
    )
    form.fields["areas"].choices = [
        (AreaCoverage.NATIONAL.value, AreaCoverage.NATIONAL.label),
        (AreaCoverage.NOT_GIVEN.value, AreaCoverage.NOT_GIVEN.label),
    ] + [(str(a.pk), a.shown_name) for a in form.area_list]
    form.area_options = [
        (str(a.pk), a.shown_name, " ".join(sorted({fold(n) for n in a.spellings()})))
        for a in form.area_list
    ]


def clean_places(form: forms.Form, data: dict) -> None:
    """Tick the areas typed as text, and refuse "National" or "Not given" beside a
    province (the service refuses it too; here it is said at the field). Sets
    ``coverage``, ``area_objects`` and ``unlisted_areas`` in ``data``."""
    if "areas" in form.errors or "unlisted_areas" in form.errors:
        return
    chosen = set(data.get("areas") or [])
    special = chosen & {AreaCoverage.NATIONAL, AreaCoverage.NOT_GIVEN}
    by_pk = {str(a.pk): a for a in form.area_list}
    typed, unlisted = area_matcher(country_id=form.report.country_id).split(
        data.get("unlisted_areas") or []
    )
    picked = [by_pk[pk] for pk in sorted(chosen - special, key=int)]
    picked += [a for a in typed if a not in picked]
    if len(special) > 1 or (special and (picked or unlisted)):
        form.add_error(
            "areas",
            ValidationError(
                _("Choose “National” or “Not given” alone, or name the provinces; not both."),
                code="coverage_with_areas",
            ),
        )
        return
    if special:
        data["coverage"] = special.pop()
    else:
        data["coverage"] = AreaCoverage.AREAS if picked or unlisted else AreaCoverage.NOT_GIVEN
    data["area_objects"] = sorted(picked, key=lambda a: (a.order, a.name))
    data["unlisted_areas"] = unlisted


def initial_areas(activity: Activity) -> list[str]:
    if activity.coverage != AreaCoverage.AREAS:
        return [activity.coverage]
    return [str(a.pk) for a in activity.areas.all()]
