"""A roadmap version (and an indicator) that a handed-in report relies on stays as that
report states it: the admin shows it read-only (but for its translations) and points to a
new version, and no other write path changes it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import workflow
from roadmap.models import Indicator, Priority, Roadmap
from tests.factories import (
    CycleFactory,
    IndicatorValueFactory,
    PriorityFactory,
    ReportFactory,
    RoadmapFactory,
)
from tests.reports.review_support import fill_required

pytestmark = pytest.mark.django_db

FROZEN = "make a new roadmap version"


@pytest.fixture
def accepted(report, focal, admin_user):
    fill_required(report)
    workflow.report_transition(report=report, user=focal, action="submit")
    workflow.report_transition(report=report, user=admin_user, action="accept")
    return report


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def roadmap_form(roadmap: Roadmap, **changes) -> dict:
    """The roadmap change form as the admin page posts it, with ``changes`` applied to
    the first priority (e.g. text=...)."""
    themes = list(roadmap.themes.order_by("number"))
    priorities = list(roadmap.priorities.order_by("pk"))
    data = {
        "country": roadmap.country_id,
        "framework": roadmap.framework_id,
        "version": roadmap.version,
        "title": roadmap.title,
        "goal": roadmap.goal,
        "themes-TOTAL_FORMS": len(themes),
        "themes-INITIAL_FORMS": len(themes),
        "priorities-TOTAL_FORMS": len(priorities),
        "priorities-INITIAL_FORMS": len(priorities),
        "indicatorbaselines-TOTAL_FORMS": 0,
        "indicatorbaselines-INITIAL_FORMS": 0,
        "indicatortargets-TOTAL_FORMS": 0,
        "indicatortargets-INITIAL_FORMS": 0,
    }
    for i, theme in enumerate(themes):
        data.update(
            {
                f"themes-{i}-id": theme.pk,
                f"themes-{i}-roadmap": roadmap.pk,
                f"themes-{i}-number": theme.number,
                f"themes-{i}-name": theme.name,
            }
        )
    for i, p in enumerate(priorities):
        row = {"theme": p.theme_id, "number": p.number, "order": p.order, "text": p.text}
        if i == 0:
            row.update(changes)
        data.update({f"priorities-{i}-{k}": v for k, v in row.items()})
        data[f"priorities-{i}-id"] = p.pk
        data[f"priorities-{i}-roadmap"] = roadmap.pk
        data[f"priorities-{i}-is_active"] = "on"
    return data


def first_priority(report) -> Priority:
    return report.roadmap.priorities.order_by("pk").first()


def test_editing_a_priority_of_a_roadmap_with_an_accepted_report_is_refused(
    staff, accepted, reviewer
):
    priority = first_priority(accepted)
    url = reverse("admin:roadmap_roadmap_change", args=[accepted.roadmap_id])

    # Posted as if the field were there: it is read-only, so the wording is not taken.
    staff.post(url, roadmap_form(accepted.roadmap, text="New wording"))

    priority.refresh_from_db()
    assert priority.text == "Priority 1"
    staff.force_login(reviewer)
    page = staff.get(reverse("reports:read", args=[accepted.pk])).content.decode()
    assert "Priority 1" in page
    assert "New wording" not in page


def test_frozen_roadmap_page_is_read_only_and_points_to_a_new_version(staff, accepted):
    response = staff.get(reverse("admin:roadmap_roadmap_change", args=[accepted.roadmap_id]))

    assert response.status_code == 200
    assert FROZEN in response.content.decode()
    assert {"title", "goal", "country", "version"} <= set(
        response.context["adminform"].readonly_fields
    )
    themes, priorities, baselines, targets = response.context["inline_admin_formsets"]
    assert {"number", "name"} <= set(themes.readonly_fields)
    assert {"theme", "number", "order", "text", "is_active"} <= set(priorities.readonly_fields)
    assert {"indicator", "year", "value", "source"} <= set(baselines.readonly_fields)
    assert {"indicator", "year", "value"} <= set(targets.readonly_fields)
    for formset in (themes, priorities, baselines, targets):
        assert not formset.has_add_permission
        assert not formset.has_delete_permission
    # Only the translations are left to edit.
    assert set(priorities.formset.forms[0].fields) - {"id", "roadmap", "DELETE"} == {"text_vi"}


def test_the_priority_admin_refuses_a_frozen_priority(staff, accepted):
    priority = first_priority(accepted)
    url = reverse("admin:roadmap_priority_change", args=[priority.pk])

    assert FROZEN in staff.get(url).content.decode()
    staff.post(
        url,
        {
            "roadmap": priority.roadmap_id,
            "theme": priority.theme_id,
            "number": 9,
            "order": 1,
            "text": "New wording",
            "is_active": "on",
        },
    )

    priority.refresh_from_db()
    assert (priority.text, priority.number) == ("Priority 1", 1)


def test_adding_a_priority_to_a_frozen_roadmap_is_refused_at_the_form(staff, accepted):
    theme = accepted.roadmap.themes.first()
    response = staff.post(
        reverse("admin:roadmap_priority_add"),
        {
            "roadmap": accepted.roadmap_id,
            "theme": theme.pk,
            "number": 9,
            "order": 9,
            "text": "A late addition",
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert FROZEN in response.content.decode()
    assert not Priority.objects.filter(text="A late addition").exists()


def test_deleting_frozen_priorities_in_bulk_is_refused(staff, accepted):
    pks = list(accepted.roadmap.priorities.values_list("pk", flat=True)[:2])
    staff.post(
        reverse("admin:roadmap_priority_changelist"),
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )

    assert Priority.objects.filter(pk__in=pks).count() == 2


def test_scripts_cannot_change_a_frozen_roadmap_either(accepted):
    priority = first_priority(accepted)
    priority.text = "New wording"
    with pytest.raises(ValidationError):
        priority.save()
    with pytest.raises(ValidationError):
        PriorityFactory(theme=priority.theme, roadmap=accepted.roadmap, number=99)
    theme = priority.theme
    theme.name = "Renamed"
    with pytest.raises(ValidationError):
        theme.save()
    with pytest.raises(ValidationError):
        first_priority(accepted).delete()


def test_a_new_version_of_a_frozen_roadmap_is_made_and_edited_in_the_admin(staff, accepted):
    staff.post(
        reverse("admin:roadmap_roadmap_changelist"),
        {"action": "revise", "_selected_action": [accepted.roadmap_id]},
    )
    new = Roadmap.objects.get(country=accepted.country, version=2)
    url = reverse("admin:roadmap_roadmap_change", args=[new.pk])

    response = staff.post(url, roadmap_form(new, text="New wording"))

    assert response.status_code == 302
    assert new.priorities.filter(text="New wording").exists()
    assert first_priority(accepted).text == "Priority 1"


def test_a_roadmap_whose_reports_are_all_drafts_stays_editable(staff, report):
    url = reverse("admin:roadmap_roadmap_change", args=[report.roadmap_id])

    response = staff.post(url, roadmap_form(report.roadmap, text="New wording"))

    assert response.status_code == 302
    assert first_priority(report).text == "New wording"
    report.roadmap.refresh_from_db()
    assert report.roadmap.frozen_at is None


def test_a_returned_report_keeps_its_roadmap_frozen(accepted, admin_user):
    workflow.report_transition(report=accepted, user=admin_user, action="reopen", reason="Why")

    accepted.roadmap.refresh_from_db()
    assert accepted.roadmap.frozen_at is not None


def test_indicator_name_and_unit_are_read_only_once_handed_in(staff, report, focal):
    value = IndicatorValueFactory(report=report)
    indicator = value.indicator
    url = reverse("admin:roadmap_indicator_change", args=[indicator.pk])
    form = {
        "country": indicator.country_id,
        "name": "Renamed",
        "unit": "people",
        "source": "New source",
        "order": 0,
        "is_active": "on",
    }
    fill_required(report)
    workflow.report_transition(report=report, user=focal, action="submit")

    assert "new indicator" in staff.get(url).content.decode()
    staff.post(url, form)

    indicator.refresh_from_db()
    assert (indicator.name, indicator.unit, indicator.source) == (
        value.indicator.name,
        "calls",
        "New source",
    )
    indicator.unit = "people"
    with pytest.raises(ValidationError):
        indicator.save()


def test_an_indicator_without_handed_in_values_stays_editable(staff, report):
    indicator = IndicatorValueFactory(report=report).indicator
    url = reverse("admin:roadmap_indicator_change", args=[indicator.pk])

    staff.post(
        url,
        {
            "country": indicator.country_id,
            "name": "Renamed",
            "unit": "people",
            "order": 0,
            "is_active": "on",
        },
    )

    indicator.refresh_from_db()
    assert (indicator.name, indicator.unit) == ("Renamed", "people")
    assert Indicator.objects.get(pk=indicator.pk).frozen_at is None


def test_the_migration_freezes_what_was_handed_in_before_the_marker_existed(report, accepted):
    from importlib import import_module

    from django.apps import apps

    Roadmap.objects.update(frozen_at=None)
    Indicator.objects.update(frozen_at=None)
    value = IndicatorValueFactory(report=accepted)
    draft_only = RoadmapFactory(
        country=report.country, framework=report.roadmap.framework, version=2
    )
    ReportFactory(
        country=report.country,
        roadmap=draft_only,
        cycle=CycleFactory(framework=draft_only.framework, starts_on=dt.date(2023, 5, 1)),
    )

    import_module("reports.migrations.0007_freeze_handed_in_roadmaps").freeze(apps, None)

    assert Roadmap.objects.get(pk=report.roadmap_id).frozen_at is not None
    assert Indicator.objects.get(pk=value.indicator_id).frozen_at is not None
    assert Roadmap.objects.get(pk=draft_only.pk).frozen_at is None
