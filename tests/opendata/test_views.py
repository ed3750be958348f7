"""The open-data downloads: public, GET only, from live publications only, 304 for a
client that has the file, a stored framework zip rebuilt when something is published."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.cache import cache

from opendata.selectors import data_version
from opendata.services import framework_zip_name, rebuild_framework_zip
from reports.storage import documents_storage
from tests.factories import CountryFactory, report_with_form

from .support import filled_report, publish, withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def published(db):
    report = filled_report(report_with_form(priorities=2, country=CountryFactory(code="VN")))
    publish(report)
    return report


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_anyone_downloads_a_published_countrys_indicators_as_csv(client, published):
    response = client.get("/public/data/alliance87/VN/indicators.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["value"] for r in rows] == ["100.00", "60.00", "40.00"]


def test_a_client_holding_the_file_gets_304_until_something_is_published(client, published):
    first = client.get("/public/data/alliance87/VN/activities.csv")
    again = client.get(
        "/public/data/alliance87/VN/activities.csv", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304
    other = filled_report(report_with_form(priorities=2, cycle=published.cycle))
    publish(other)
    after = client.get(
        "/public/data/alliance87/VN/activities.csv", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert after.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/public/data/alliance87/VN/secrets.csv",
        "/public/data/alliance87/FR/indicators.csv",
        "/public/data/nosuch/VN/indicators.csv",
        "/public/data/nosuch.zip",
        "/public/data/alliance87/FR.zip",
    ],
)
def test_unknown_or_unpublished_things_are_404(client, published, url):
    assert client.get(url).status_code == 404


def test_a_withdrawn_publication_leaves_the_open_data(
    client, published, django_capture_on_commit_callbacks
):
    framework = published.cycle.framework
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(published)
    # Rebuilt by the job after the withdrawal's commit, without the country.
    name = framework_zip_name(framework=framework, version=data_version(framework=framework))
    with documents_storage().open(name, "rb") as stored:
        assert not any(n.startswith("VN/") for n in zipfile.ZipFile(stored).namelist())
    assert client.get("/public/data/alliance87/VN/answers.csv").status_code == 404


def test_the_country_zip_holds_the_csvs_the_package_and_a_readme(client, published):
    response = client.get("/public/data/alliance87/VN.zip")
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(_body(response))).namelist()
    assert sorted(names) == [
        "README.txt",
        "activities.csv",
        "answers.csv",
        "datapackage.json",
        "indicators.csv",
    ]


def test_publishing_stores_the_framework_zip_the_view_serves(
    client, django_capture_on_commit_callbacks
):
    report = filled_report(report_with_form(priorities=2, country=CountryFactory(code="VN")))
    with django_capture_on_commit_callbacks(execute=True):
        publish(report)
    framework = report.cycle.framework
    name = framework_zip_name(framework=framework, version=data_version(framework=framework))
    assert documents_storage().exists(name)  # written by the job after the commit
    with documents_storage().open(name, "rb") as stored:
        kept = stored.read()
    response = client.get("/public/data/alliance87.zip")
    assert _body(response) == kept
    assert "VN/indicators.csv" in zipfile.ZipFile(io.BytesIO(kept)).namelist()


def test_a_rebuild_keeps_one_zip_per_framework(published):
    framework = published.cycle.framework
    publish(filled_report(report_with_form(priorities=2, cycle=published.cycle)))
    name = rebuild_framework_zip(framework)
    _, files = documents_storage().listdir("opendata")
    assert [f"opendata/{f}" for f in files] == [name]


def test_the_views_refuse_writes(client, published):
    for url in ("/public/data/alliance87/VN/indicators.csv", "/public/data/alliance87.zip"):
        assert client.post(url).status_code == 405


def _framework_with(countries: int):
    cycle = None
    for _ in range(countries):
        report = filled_report(report_with_form(priorities=2, cycle=cycle))
        cycle = report.cycle
        publish(report)
    documents_storage().delete(
        framework_zip_name(
            framework=cycle.framework, version=data_version(framework=cycle.framework)
        )
    )
    return cycle.framework


@pytest.mark.parametrize("countries", [1, 3])
def test_building_the_framework_zip_takes_the_same_queries_for_more_countries(
    client, django_assert_num_queries, countries
):
    _framework_with(countries)
    # The ETag's framework and version, then the view's framework and version (the stored
    # file's name), and the live publications: one query whatever their number.
    with django_assert_num_queries(5):
        assert client.get("/public/data/alliance87.zip").status_code == 200
