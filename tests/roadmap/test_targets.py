"""Baselines and targets per indicator and roadmap version: constraints, the checks the
models make, frozen with the roadmap once a report on it was handed in (model, service
and admin), copied into a new roadmap version, kept in the roadmap's admin page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from roadmap.models import IndicatorBaseline, IndicatorTarget
from roadmap.services import indicator_figures_set, roadmap_revise
from tests.factories import IndicatorFactory, RoadmapFactory
from tests.monitoring.support import submitted

from .test_frozen import roadmap_form

pytestmark = pytest.mark.django_db

SOURCE = {"en": "Hotline 111 report", "vi": "Báo cáo Tổng đài 111"}


@pytest.fixture
def calls(report):
    return IndicatorFactory(country=report.country, name="Hotline calls")


def set_figures(report, indicator, *, baseline=(2021, Decimal(3808)), targets=None):
    return indicator_figures_set(
        roadmap=report.roadmap,
        indicator=indicator,
        baseline=(*baseline, SOURCE),
        targets=targets if targets is not None else {2025: Decimal(2000)},
    )


def test_the_service_sets_a_bilingual_baseline_and_targets(report, calls):
    baseline = set_figures(report, calls, targets={2023: Decimal(3000), 2025: Decimal(2000)})
    assert (baseline.year, baseline.value, baseline.tr("source", "vi")) == (
        2021,
        Decimal(3808),
        "Báo cáo Tổng đài 111",
    )
    set_figures(report, calls, targets={2025: Decimal(1500)})  # 2023 dropped, 2025 moved
    assert list(IndicatorTarget.objects.filter(indicator=calls).values_list("year", "value")) == [
        (2025, Decimal(1500))
    ]


@pytest.mark.parametrize(
    ("model", "fields"),
    [(IndicatorBaseline, {"year": 1999}), (IndicatorTarget, {"year": 2101})],
)
def test_the_database_refuses_a_year_out_of_range(report, calls, model, fields):
    row = model(indicator=calls, roadmap=report.roadmap, value=1, **fields)
    with pytest.raises(ValidationError, match="between 2000 and 2100"):
        row.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.bulk_create([row])  # past the model's checks: the constraint holds


def test_one_baseline_per_indicator_and_roadmap_version(report, calls):
    set_figures(report, calls)
    second = IndicatorBaseline(indicator=calls, roadmap=report.roadmap, year=2020, value=5)
    with pytest.raises(ValidationError, match="already has a baseline"):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorBaseline.objects.bulk_create([second])


def test_one_target_per_year(report, calls):
    set_figures(report, calls)
    again = IndicatorTarget(indicator=calls, roadmap=report.roadmap, year=2025, value=1)
    with pytest.raises(ValidationError, match="already has a target for this year"):
        again.full_clean()


def test_a_target_comes_after_the_baseline_year(report, calls):
    set_figures(report, calls)
    with pytest.raises(ValidationError, match=r"after the baseline year \(2021\)"):
        IndicatorTarget(indicator=calls, roadmap=report.roadmap, year=2021, value=1).save()
    with pytest.raises(ValidationError, match=r"before the first target \(2025\)"):
        set_figures(report, calls, baseline=(2025, Decimal(1)))


def test_an_indicator_of_another_country_is_refused(report):
    foreign = IndicatorFactory()
    with pytest.raises(ValidationError, match="another country"):
        set_figures(report, foreign)


def test_frozen_with_the_roadmap_at_the_model_layer(report, calls):
    baseline = set_figures(report, calls)
    target = IndicatorTarget.objects.get(indicator=calls)
    submitted(report)

    baseline.refresh_from_db()
    baseline.value = Decimal(1)
    with pytest.raises(ValidationError, match="baselines and targets stay"):
        baseline.save()
    with pytest.raises(ValidationError, match="baselines and targets stay"):
        target.delete()
    with pytest.raises(ValidationError, match="baselines and targets stay"):
        IndicatorTarget(indicator=calls, roadmap=report.roadmap, year=2030, value=0).save()
    with pytest.raises(ValidationError, match="baselines and targets stay"):
        set_figures(report, calls, targets={2025: Decimal(1)})
    # The translation of its source stays correctable.
    baseline.refresh_from_db()
    baseline.translations = {"vi": {"source": "Báo cáo của Tổng đài 111"}}
    baseline.save()


def test_a_new_roadmap_version_carries_them_and_may_change_them(report, calls):
    set_figures(report, calls)
    submitted(report)

    new = roadmap_revise(roadmap=report.roadmap)
    copied = IndicatorBaseline.objects.get(roadmap=new)
    assert (copied.year, copied.value, copied.tr("source", "vi")) == (
        2021,
        Decimal(3808),
        "Báo cáo Tổng đài 111",
    )
    assert IndicatorTarget.objects.get(roadmap=new).value == Decimal(2000)
    indicator_figures_set(
        roadmap=new, indicator=calls, baseline=(2022, Decimal(2434), SOURCE), targets={}
    )
    assert IndicatorTarget.objects.filter(roadmap=report.roadmap).count() == 1


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_roadmap_admin_keeps_baselines_and_targets_inline(staff, report, calls):
    IndicatorFactory()  # another country's: not offered
    url = reverse("admin:roadmap_roadmap_change", args=[report.roadmap_id])
    page = staff.get(url)
    baselines = page.context["inline_admin_formsets"][2]
    assert list(baselines.formset.empty_form.fields["indicator"].queryset) == [calls]
    assert "source_vi" in baselines.formset.empty_form.fields
    data = roadmap_form(report.roadmap) | {
        "indicatorbaselines-TOTAL_FORMS": 1,
        "indicatorbaselines-0-indicator": calls.pk,
        "indicatorbaselines-0-year": 2021,
        "indicatorbaselines-0-value": "3808",
        "indicatorbaselines-0-source": "Hotline 111",
        "indicatorbaselines-0-source_vi": "Tổng đài 111",
        "indicatortargets-TOTAL_FORMS": 1,
        "indicatortargets-0-indicator": calls.pk,
        "indicatortargets-0-year": 2021,  # not after the baseline
        "indicatortargets-0-value": "2000",
    }
    refused = staff.post(url, data)
    assert refused.status_code == 200  # the form again, the reason beside the field
    targets = refused.context["inline_admin_formsets"][3].formset
    assert targets.errors[0]["year"] == ["A target must come after the baseline year (2021)."]
    assert not IndicatorBaseline.objects.exists()  # nothing half saved
    staff.post(url, data | {"indicatortargets-0-year": 2025})
    baseline = IndicatorBaseline.objects.get(indicator=calls)
    assert baseline.tr("source", "vi") == "Tổng đài 111"
    assert IndicatorTarget.objects.get(indicator=calls).year == 2025


def test_the_admin_says_why_a_frozen_versions_figures_stay(staff, report, calls):
    set_figures(report, calls)
    submitted(report)
    url = reverse("admin:roadmap_roadmap_change", args=[report.roadmap_id])

    page = staff.get(url)
    assert "its baselines and targets stay" in page.content.decode()
    baselines, targets = page.context["inline_admin_formsets"][2:]
    assert not baselines.has_add_permission and not targets.has_delete_permission
    baseline = IndicatorBaseline.objects.get(indicator=calls)
    data = roadmap_form(report.roadmap) | {
        "indicatorbaselines-TOTAL_FORMS": 1,
        "indicatorbaselines-INITIAL_FORMS": 1,
        "indicatorbaselines-0-id": baseline.pk,
        "indicatorbaselines-0-roadmap": report.roadmap_id,
        "indicatorbaselines-0-value": "1",  # read-only: not taken
    }
    staff.post(url, data)
    baseline.refresh_from_db()
    assert baseline.value == Decimal(3808)


def test_an_other_versions_figures_are_not_frozen(report, calls):
    other = RoadmapFactory(country=report.country, framework=report.roadmap.framework, version=2)
    submitted(report)
    indicator_figures_set(
        roadmap=other, indicator=calls, baseline=(2021, Decimal(1), SOURCE), targets={}
    )
    assert IndicatorBaseline.objects.filter(roadmap=other).exists()
