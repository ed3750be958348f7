"""The files at fixed URLs: each resource as CSV and XLSX with the API's columns (English
and ``_vi`` texts), 200 or 401 and never a redirect, the list filters applied; and the data
package, which the Frictionless validator accepts with the files beside it."""

from __future__ import annotations

import csv
import io
import json

import pytest
from frictionless import Package
from openpyxl import load_workbook

from api import files
from api.resources import RESOURCES
from tests.api.support import world

pytestmark = pytest.mark.django_db

NAMES = [r.name for r in RESOURCES]


@pytest.fixture
def w():
    return world()


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize("name", [*NAMES, "datapackage"])
def test_without_credentials_a_file_is_401_never_a_redirect(client, name, extension):
    url = (
        "/api/v1/files/datapackage.json"
        if name == "datapackage"
        else f"/api/v1/files/{name}.{extension}"
    )
    response = client.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"]


@pytest.mark.parametrize("name", NAMES)
def test_a_csv_has_the_apis_columns_and_rows(client, w, name):
    client.force_login(w.admin)
    api_rows = client.get(f"/api/v1/{name}/?page_size=1000").json()["results"]
    response = client.get(f"/api/v1/files/{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert list(rows[0]) == list(api_rows[0])
    assert len(rows) == len(api_rows)


@pytest.mark.parametrize("name", NAMES)
def test_an_xlsx_has_the_same_columns(client, w, name):
    client.force_login(w.admin)
    response = client.get(f"/api/v1/files/{name}.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header == list(client.get(f"/api/v1/{name}/").json()["results"][0])


def test_a_file_gives_only_what_the_person_reads_and_takes_the_filters(client, w):
    client.force_login(w.owner)
    rows = read_csv(client.get("/api/v1/files/answers.csv"))
    assert {r["report"] for r in rows} == {str(w.draft.pk)}
    client.force_login(w.admin)
    rows = read_csv(client.get(f"/api/v1/files/answers.csv?country={w.other.country.code}"))
    assert {r["report"] for r in rows} == {str(w.other.pk)}
    assert client.get("/api/v1/files/answers.csv?cycle=soon").status_code == 400
    assert client.get("/api/v1/files/answers.csv?fields=secret").status_code == 400
    assert client.get("/api/v1/files/nothing.csv").status_code == 404
    assert client.get("/api/v1/files/answers.pdf").status_code == 404


def test_texts_come_in_english_and_vietnamese(client, w):
    indicator = w.draft.indicator_values.get().indicator
    indicator.translations = {"vi": {"name": "Cuộc gọi đến đường dây nóng", "unit": "cuộc gọi"}}
    indicator.save()
    client.force_login(w.owner)
    [row] = read_csv(client.get("/api/v1/files/indicator-values.csv"))
    assert (row["indicator_name"], row["indicator_name_vi"]) == (
        indicator.name,
        "Cuộc gọi đến đường dây nóng",
    )
    assert (row["unit"], row["unit_vi"]) == ("calls", "cuộc gọi")


def test_a_file_is_read_in_chunks(client, w, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(files, "CHUNK", 1)
    client.force_login(w.admin)
    rows = read_csv(client.get("/api/v1/files/activities.csv"))
    assert len(rows) == 2 and json.loads(rows[0]["priority_keys"]) == ["1.1"]


def test_the_data_package_describes_every_csv_and_validates(client, w, tmp_path, settings):
    settings.API_DATA_LICENSE = {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
    client.force_login(w.admin)
    response = client.get("/api/v1/files/datapackage.json")
    assert response.status_code == 200
    descriptor = response.json()
    assert [r["path"] for r in descriptor["resources"]] == [f"{n}.csv" for n in NAMES]
    assert descriptor["licenses"] == [settings.API_DATA_LICENSE]
    states = next(
        f
        for f in descriptor["resources"][NAMES.index("reports")]["schema"]["fields"]
        if f["name"] == "state"
    )
    assert states["constraints"]["enum"] == ["draft", "submitted", "returned", "accepted"]
    assert {c["label_vi"] for c in states["codes"]} >= {"Bản nháp"}
    for name in NAMES:
        (tmp_path / f"{name}.csv").write_bytes(client.get(f"/api/v1/files/{name}.csv").content)
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
