"""Where an activity was held: picked from the country's list of areas, "National" or "Not
given", names not in the list kept; the form without script, the save service and the
database's rules; grouping by area code in the totals, the exports and the PDF; the flag
before submission."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from reports.documents.printed import activity_rows
from reports.exports import export_reports
from reports.forms.activities import ActivityForm
from reports.layout import build_layout
from reports.models import Activity, AreaCoverage
from reports.quality import unlisted_area_flags
from reports.selectors.activities import activity_totals, report_activities
from reports.services.activities import ActivityData, activity_create
from reports.services.areas import activity_places_name
from tests.factories import ActivityFactory, AreaFactory, CountryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(report):
    """Two areas of the report's country, named in English and Vietnamese."""
    code = report.country.code
    hanoi = AreaFactory(
        country=report.country,
        code=f"{code}-HN",
        name="Ha Noi",
        aliases="Hanoi",
        order=1,
        translations={"vi": {"name": "Hà Nội"}},
    )
    an_giang = AreaFactory(
        country=report.country,
        code=f"{code}-44",
        name="An Giang",
        order=2,
        translations={"vi": {"name": "An Giang"}},
    )
    return hanoi, an_giang


def post(report, **fields) -> dict:
    data = {
        "title": "Training of labour inspectors",
        "kind": Activity.Kind.TRAINING,
        "starts_on": "2023-03-01",
        "participants_women": "10",
        "participants_men": "5",
    }
    data.update(fields)
    return data


def form_for(report, **fields) -> ActivityForm:
    return ActivityForm(post(report, **fields), report=report)


# --- The form, as posted without script ----------------------------------------------------


def test_two_provinces_are_picked_from_the_list(report, areas):
    hanoi, an_giang = areas
    form = form_for(report, areas=[str(an_giang.pk), str(hanoi.pk)])
    assert form.is_valid(), form.errors
    data = form.to_data()
    assert (data.coverage, list(data.areas), data.unlisted_areas) == (
        AreaCoverage.AREAS,
        [hanoi, an_giang],
        [],
    )


def test_national_beside_two_provinces_is_refused_at_the_field(report, areas):
    hanoi, an_giang = areas
    form = form_for(report, areas=["national", str(hanoi.pk), str(an_giang.pk)])
    assert not form.is_valid()
    assert form.errors.as_data()["areas"][0].code == "coverage_with_areas"


def test_national_and_not_given_together_are_refused(report, areas):
    form = form_for(report, areas=["national", "not_given"])
    assert not form.is_valid()
    assert "areas" in form.errors


def test_national_alone_is_kept_as_national(report, areas):
    form = form_for(report, areas=["national"])
    assert form.is_valid(), form.errors
    assert form.to_data().coverage == AreaCoverage.NATIONAL


def test_a_typed_name_the_list_has_is_ticked_and_the_rest_kept(report, areas):
    hanoi, _an_giang = areas
    form = form_for(report, unlisted_areas="ha noi, Gotham")
    assert form.is_valid(), form.errors
    data = form.to_data()
    assert (list(data.areas), data.unlisted_areas) == ([hanoi], ["Gotham"])


def test_an_area_of_another_country_is_not_offered(report, areas):
    elsewhere = AreaFactory(country=CountryFactory(), name="Elsewhere")
    form = form_for(report, areas=[str(elsewhere.pk)])
    assert not form.is_valid()
    assert "areas" in form.errors


def test_the_owner_saves_an_activity_in_two_provinces(client, report, alice, areas):
    hanoi, an_giang = areas
    client.force_login(alice)
    url = reverse("reports:activity_add", args=[report.pk])
    response = client.post(url, post(report, areas=[str(hanoi.pk), str(an_giang.pk)]))
    assert response.status_code == 302
    activity = report.activities.get()
    assert {a.code for a in activity.areas.all()} == {hanoi.code, an_giang.code}
    # The audit trail records the areas with the activity.
    assert activity.history.first().areas.count() == 2


def test_a_refused_post_keeps_what_was_typed_and_ticked(client, report, alice, areas):
    hanoi, _an_giang = areas
    client.force_login(alice)
    url = reverse("reports:activity_add", args=[report.pk])
    response = client.post(
        url, post(report, areas=["national", str(hanoi.pk)], unlisted_areas="Gotham")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{hanoi.pk}" id="id_areas_{hanoi.pk}" checked' in page
    assert 'value="Gotham"' in page
    assert "name the provinces; not both" in page


# --- The service and the database ----------------------------------------------------------


def data(**fields) -> ActivityData:
    return ActivityData(
        title="Forum", kind=Activity.Kind.FORUM, starts_on=dt.date(2023, 3, 1), **fields
    )


def test_the_service_refuses_an_area_of_another_country(report):
    elsewhere = AreaFactory(country=CountryFactory(), name="Elsewhere")
    with pytest.raises(ValidationError) as caught:
        activity_create(report=report, data=data(areas=[elsewhere]))
    assert caught.value.error_dict["areas"][0].code == "foreign_area"


def test_the_service_refuses_national_with_provinces(report, areas):
    with pytest.raises(ValidationError):
        activity_create(report=report, data=data(coverage=AreaCoverage.NATIONAL, areas=[areas[0]]))


def test_the_database_refuses_national_with_names_not_in_the_list(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(report=report, coverage=AreaCoverage.NATIONAL, unlisted_areas=["Gotham"])


def test_nothing_named_is_saved_as_not_given(report):
    assert activity_create(report=report, data=data()).coverage == AreaCoverage.NOT_GIVEN


# --- Grouping: by code, named in the reader's language --------------------------------------


@pytest.fixture
def spelled_three_ways(report, areas):
    ActivityFactory(report=report, places=["Hà Nội"], participants_total=40)
    ActivityFactory(report=report, places=["hanoi", "Gotham"], participants_total=40)
    ActivityFactory(report=report, places=["gotham "], participants_total=40)
    ActivityFactory(report=report, coverage=AreaCoverage.NATIONAL, participants_total=40)
    return report


def by_province(report) -> dict[str, int]:
    totals = activity_totals(activities=report_activities(report=report))
    return {name: reach.activities for name, reach in totals.by_province}


def test_totals_group_spellings_of_one_area_and_of_one_unlisted_name(spelled_three_ways):
    assert by_province(spelled_three_ways) == {"Gotham": 2, "Ha Noi": 2, "National": 1}


def test_totals_name_the_area_in_the_readers_language(spelled_three_ways):
    with translation.override("vi"):
        assert "Hà Nội" in by_province(spelled_three_ways)


def test_the_pdf_rows_name_the_areas_in_the_readers_language(spelled_three_ways):
    with translation.override("vi"):
        rows, _totals = activity_rows(spelled_three_ways, build_layout(spelled_three_ways))
    assert [row.provinces for row in rows] == ["Hà Nội", "Hà Nội, Gotham", "gotham", "Quốc gia"]


def test_exports_give_codes_and_names_in_both_languages(spelled_three_ways, areas):
    hanoi = areas[0]
    (report,) = json.loads(export_reports(reports=[spelled_three_ways], fmt="json"))["reports"]
    second = report["activities"][1]
    assert (second["area_codes"], second["areas"], second["areas_vi"]) == (
        [hanoi.code],
        ["Ha Noi"],
        ["Hà Nội"],
    )
    assert second["unlisted_areas"] == ["Gotham"]
    assert report["activities"][3]["coverage"] == "national"


def test_the_csv_activities_carry_the_area_columns(spelled_three_ways, areas):
    raw = export_reports(reports=[spelled_three_ways], fmt="csv").decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(raw)))
    assert "provinces" not in header


# --- Flagged before submission ---------------------------------------------------------


def test_names_not_in_the_list_are_flagged_with_a_link_to_the_activity(spelled_three_ways):
    flags = unlisted_area_flags(list(spelled_three_ways.activities.all()))
    assert len(flags) == 2
    assert "Gotham" in flags[0].message
    assert flags[0].url == reverse(
        "reports:activity_edit", args=[spelled_three_ways.pk, flags[0].activity.pk]
    )


def test_the_submit_page_shows_the_flag(client, spelled_three_ways, focal):
    client.force_login(focal)
    page = client.get(reverse("reports:submit", args=[spelled_three_ways.pk])).content.decode()
    assert "names places not in the list of provinces: Gotham" in page


def test_the_activities_page_marks_names_not_in_the_list(client, spelled_three_ways, alice):
    client.force_login(alice)
    page = client.get(reverse("reports:activities", args=[spelled_three_ways.pk]))
    assert "not in the list</span>" in page.content.decode()


def test_a_stale_save_shows_the_provinces_stored_beside_those_ticked(client, report, alice, areas):
    hanoi, an_giang = areas
    activity = ActivityFactory(report=report, places=["Ha Noi"])
    # A colleague moves it to An Giang meanwhile (revision 2).
    activity_places_name(activity=activity, names=["An Giang"])
    Activity.objects.filter(pk=activity.pk).update(revision=2)
    client.force_login(alice)
    url = reverse("reports:activity_edit", args=[report.pk, activity.pk])
    response = client.post(url, post(report, areas=[str(hanoi.pk)], revision="1"))
    assert response.status_code == 200
    rows = {row["label"]: row for row in response.context["differences"]}
    assert (rows["Provinces"]["stored"], rows["Provinces"]["typed"]) == ("An Giang", "Ha Noi")
    assert [a.code for a in Activity.objects.get(pk=activity.pk).areas.all()] == [an_giang.code]


def test_the_form_offers_the_areas_valid_in_the_reports_cycle(report, areas):
    hanoi, an_giang = areas
    # The report's cycle runs May 2022 to April 2023.
    an_giang.valid_until = dt.date(2022, 4, 30)
    an_giang.save()
    later = AreaFactory(country=report.country, name="Later", valid_from=dt.date(2025, 7, 1))
    offered = {value for value, _label in ActivityForm(report=report).fields["areas"].choices}
    assert str(hanoi.pk) in offered
    assert not {str(an_giang.pk), str(later.pk)} & offered
