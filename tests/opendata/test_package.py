"""The open-data files: CSV columns in both languages, a data package that validates,
byte-identical zips for the same publications."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from frictionless import Package

from opendata.package import country_zip, framework_zip, table_csv
from opendata.tables import BY_NAME
from tests.factories import CountryFactory, report_with_form

from .support import entry_of, filled_report

pytestmark = pytest.mark.django_db


def _rows(body: bytes) -> list[dict[str, str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # a byte-order mark, as the API's CSV files
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_indicator_rows_give_the_whole_value_then_its_parts_with_units_in_both_languages():
    entry = entry_of(filled_report(report_with_form(priorities=2)))
    rows = _rows(table_csv(BY_NAME["indicators"], [entry]))
    assert [(r["part"], r["series"], r["value"]) for r in rows] == [
        ("0", "", "100.00"),
        ("1", "girls", "60.00"),
        ("2", "boys", "40.00"),
    ]
    first = rows[0]
    assert first["country_code"] == entry.country_code
    assert first["cycle"] == entry.cycle_code
    assert (first["unit"], first["unit_vi"]) == ("calls", "calls")
    assert first["revision"] == str(entry.revision)
    assert first["published_at"] == "2023-07-01T09:30:00+00:00"


def test_activity_rows_name_the_kind_in_both_languages():
    entry = entry_of(filled_report(report_with_form(priorities=2), label="A"))
    (row,) = _rows(table_csv(BY_NAME["activities"], [entry]))
    assert row["title"] == "Public activity A"
    assert (row["kind"], row["kind_label"], row["kind_label_vi"]) == (
        "training",
        "Training",
        "Tập huấn",
    )
    assert (row["participants_women"], row["participants_total"]) == ("32", "40")


def test_answer_rows_hold_the_typed_text_and_the_question_in_both_languages():
    entry = entry_of(filled_report(report_with_form(priorities=2), label="A"))
    rows = _rows(table_csv(BY_NAME["answers"], [entry]))
    answered = [r for r in rows if r["answer"] == "Public answer A"]
    assert len(answered) == 1
    assert answered[0]["question"] and answered[0]["question_vi"]
    assert len({(r["cycle"], r["number"]) for r in rows}) == len(rows)  # the primary key


def _validate(archive: bytes, tmp_path, *, descriptor: str = "datapackage.json"):
    zipfile.ZipFile(io.BytesIO(archive)).extractall(tmp_path)
    package = Package(str(tmp_path / descriptor))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    return {task.name: task.stats["rows"] for task in report.tasks}


def test_the_country_zip_is_a_valid_data_package_with_the_right_row_counts(tmp_path):
    report = filled_report(report_with_form(priorities=2))
    entry = entry_of(report)
    archive = country_zip(framework="alliance87", country_code=entry.country_code, entries=[entry])
    counts = _validate(archive, tmp_path)
    answers = len(_rows(table_csv(BY_NAME["answers"], [entry])))
    assert counts == {"indicators": 3, "activities": 1, "answers": answers}
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert package["licenses"] == [{"name": "CC-BY-4.0"}]
    field = package["resources"][0]["schema"]["fields"][0]
    assert field["title"] and field["title_vi"] and field["description_vi"]
    readme = (tmp_path / "README.txt").read_text()
    assert "datapackage.json" in readme and "Giấy phép" in readme


def test_the_framework_zip_holds_a_folder_per_country_and_validates(tmp_path):
    first = filled_report(report_with_form(priorities=2, country=CountryFactory(code="AA")))
    second = filled_report(
        report_with_form(priorities=2, country=CountryFactory(code="BB"), cycle=first.cycle)
    )
    entries = [entry_of(first), entry_of(second)]
    archive = framework_zip(framework="alliance87", entries=entries)
    names = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    assert {"AA/indicators.csv", "BB/answers.csv", "datapackage.json", "README.txt"} <= set(names)
    counts = _validate(archive, tmp_path)
    assert counts["aa-indicators"] == counts["bb-indicators"] == 3
    assert _validate(archive, tmp_path, descriptor="AA/datapackage.json")["activities"] == 1


def test_the_same_publications_give_a_byte_identical_zip():
    entry = entry_of(filled_report(report_with_form(priorities=2)))
    made = [framework_zip(framework="alliance87", entries=[entry]) for _ in range(2)]
    assert made[0] == made[1]
    info = zipfile.ZipFile(io.BytesIO(made[0])).infolist()[0]
    assert info.date_time == (2023, 7, 1, 9, 30, 0)
