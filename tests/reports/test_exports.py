"""Exports for analysts: JSON, CSV and XLSX read back, every answer found, formulas
neutralised, long answers split and never truncated; the export_reports command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from reports.export_data import SCHEMA_VERSION
from reports.exports import export_reports
from reports.layout import build_layout
from reports.models import Answer, Report
from reports.spreadsheets import XLSX_CELL_LIMIT, neutralise, split_cell
from tests.factories import (
    ActivityFactory,
    IndicatorValueFactory,
    NextStepFactory,
)

pytestmark = pytest.mark.django_db

VIETNAMESE = "Bộ Lao động – Thương binh và Xã hội trained 40 officials.\n\n- in Hà Giang\n- in Huế"
FORMULA = '=HYPERLINK("http://evil.example","click")'
MARKUP = "<script>alert('x')</script>"
LONG = ("Lorem ipsum dolor sit amet. " * 2600)[:70_000]


@pytest.fixture
def filled(report):
    items = list(build_layout(report).items())
    per_priority = [i for i in items if i.priority is not None]
    by_code = {i.question.code: i for i in items if i.priority is None and i.next_step is None}
    texts = {0: VIETNAMESE, 1: FORMULA, 2: MARKUP, 3: "+44 20 7946 0000", 4: LONG}
    for index, text in texts.items():
        item = per_priority[index]
        Answer.objects.create(
            report=report, question=item.question, priority=item.priority, text=text
        )
    Answer.objects.create(report=report, question=by_code["overall_rating"].question, value="4")
    Answer.objects.create(
        report=report,
        question=by_code["evidence_tools"].question,
        value=["surveys", "interviews"],
    )
    Answer.objects.create(
        report=report, question=by_code["highlights"].question, text="@SUM(A1:A9) hotline"
    )
    NextStepFactory(
        report=report,
        order=1,
        title="Regulation on coordination",
        targets="Signed by April 2024",
        evidence="The regulation",
    )
    ActivityFactory(report=report, title="-Training in Đà Nẵng", places=["Đà Nẵng"])
    IndicatorValueFactory(report=report, value=2434, parts={"counselling": 541})
    return report


def typed_answers() -> list[str]:
    return [VIETNAMESE, FORMULA, MARKUP, "+44 20 7946 0000", LONG, "@SUM(A1:A9) hotline"]


def test_json_carries_every_answer_exactly_as_typed(filled):
    data = json.loads(export_reports(reports=[filled], fmt="json"))
    assert data["schema_version"] == SCHEMA_VERSION == 4
    (report,) = data["reports"]
    assert report["country"]["code"] == filled.country.code
    assert report["cycle"]["code"] == "2022-2023"
    items = [i for s in report["sections"] for i in s["items"]]
    assert len(items) == len(list(build_layout(filled).items()))
    texts = [i["text"] for i in items]
    for answer in typed_answers():
        assert answer in texts
    by_code = {i["question_code"]: i for i in items}
    assert by_code["overall_rating"]["value"] == "4"
    assert by_code["overall_rating"]["choices"] == ["Good progress"]
    assert by_code["evidence_tools"]["value"] == ["surveys", "interviews"]
    assert by_code["next_steps"]["next_steps"] == [
        {
            "title": "Regulation on coordination",
            "targets": "Signed by April 2024",
            "evidence": "The regulation",
            "work_areas": ["child_labour"],
        }
    ]
    assert by_code["highlights"]["next_steps"] is None
    assert report["activities"][0]["participants"] == {"women": 32, "men": 8, "total": 40}
    assert report["indicator_values"][0]["value"] == "2434.00"
    assert report["indicator_values"][0]["breakdown"] == [
        {"label": "counselling", "amount": "541.00"}
    ]


def test_csv_has_one_row_per_item_with_every_answer_and_no_live_formula(filled):
    raw = export_reports(reports=[filled], fmt="csv")
    assert raw.startswith("\ufeff".encode())  # so Excel reads the UTF-8 as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(list(build_layout(filled).items()))
    answers = [row["answer"] for row in rows]
    assert VIETNAMESE in answers and MARKUP in answers and LONG in answers
    assert "'" + FORMULA in answers and FORMULA not in answers
    assert "'+44 20 7946 0000" in answers
    assert "'@SUM(A1:A9) hotline" in answers
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    by_code = {r["question_code"]: r for r in rows}
    assert by_code["evidence_tools"]["choices"] == "Surveys; Interviews"
    assert (
        "Next step 1: Regulation on coordination\nTargets: Signed by April 2024"
        in (by_code["next_steps"]["answer"])
    )


def test_xlsx_has_a_sheet_per_section_and_splits_long_answers_without_losing_any(filled):
    workbook = load_workbook(io.BytesIO(export_reports(reports=[filled], fmt="xlsx")))
    sections = [s.title for s in build_layout(filled).sections]
    assert len(workbook.sheetnames) == len(sections) + 2
    assert workbook.sheetnames[0].startswith("I. Annual progress on")
    assert workbook.sheetnames[-2:] == ["Activities", "Indicators"]

    first = workbook.worksheets[0]
    header = [c.value for c in first[1]]
    answer_col = header.index("answer")
    assert header[answer_col + 1 :] == ["(continued)"] * 2
    answers = []
    for row in first.iter_rows(min_row=2):
        pieces = [c.value for c in row[answer_col:] if c.value is not None]
        assert all(len(p) <= XLSX_CELL_LIMIT for p in pieces)
        answers.append("".join(pieces))
        for cell in row:
            assert cell.data_type != "f", "no cell may hold a formula"
    assert LONG in answers
    assert VIETNAMESE in answers and MARKUP in answers
    assert "'" + FORMULA in answers

    activities = workbook["Activities"]
    titles = [c.value for c in activities["C"]]
    assert "'-Training in Đà Nẵng" in titles
    indicators = workbook["Indicators"]
    header = [c.value for c in indicators[1]]
    assert header[2:6] == ["indicator", "indicator_vi", "unit", "unit_vi"]
    assert [c.value for c in indicators[2]][header.index("value")] == 2434


def test_cells_that_look_like_formulas_get_an_apostrophe():
    for text in ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"]:
        assert neutralise(text) == "'" + text
    assert neutralise("1-1 = 0") == "1-1 = 0"
    assert neutralise(42) == 42


def test_split_cell_never_truncates():
    text = "x" * (2 * XLSX_CELL_LIMIT + 5)
    pieces = split_cell(text)
    assert [len(p) for p in pieces] == [XLSX_CELL_LIMIT, XLSX_CELL_LIMIT, 5]
    assert "".join(pieces) == text
    assert split_cell("short") == ["short"]


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_export_reports_command_writes_the_cycle(filled, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    out = io.StringIO()
    call_command(
        "export_reports",
        "--cycle",
        "2022-2023",
        "--format",
        fmt,
        "--output",
        str(target),
        stdout=out,
    )
    assert "1 report(s) of 2022-2023" in out.getvalue()
    if fmt == "json":
        assert json.loads(target.read_bytes())["reports"][0]["country"]["code"] == (
            filled.country.code
        )
    elif fmt == "csv":
        assert VIETNAMESE in target.read_bytes().decode("utf-8-sig")
    else:
        assert load_workbook(target).sheetnames[-1] == "Indicators"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cycle", "2030-2031", "--format", "json"], "Unknown cycle"),
        (["--cycle", "2022-2023", "--format", "pdf"], "Unknown format"),
    ],
)
def test_export_reports_refuses_unknown_cycles_and_formats(report, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_reports", *args, "--output", str(tmp_path / "x"))


@pytest.fixture
def in_vietnamese(filled):
    """The report's country, first priority and its theme, and indicator in Vietnamese too."""
    country = filled.country
    country.translations = {"vi": {"name": "Xứ Thử"}}
    country.save()
    priority = filled.roadmap.priorities.get(theme__number=1, number=1)
    priority.translations = {"vi": {"text": "Ưu tiên thứ nhất"}}
    priority.save()
    theme = priority.theme
    theme.translations = {"vi": {"name": "Chủ đề một"}}
    theme.save()
    indicator = filled.indicator_values.get().indicator
    indicator.translations = {"vi": {"name": "Số cuộc gọi", "unit": "cuộc gọi"}}
    indicator.save()
    # Read again, as every request and export command does: the instance in hand still
    # holds the roadmap's structure token from before the priority and theme were saved
    # (reports.structure keys the kept structure by it).
    return Report.objects.with_context().get(pk=filled.pk)


@pytest.mark.parametrize("reader", ["en", "vi"])
def test_json_gives_data_texts_in_english_and_vietnamese_whoever_downloads(in_vietnamese, reader):
    from django.utils import translation

    with translation.override(reader):
        data = json.loads(export_reports(reports=[in_vietnamese], fmt="json"))
    (report,) = data["reports"]
    assert report["country"] == {
        "code": in_vietnamese.country.code,
        "name": in_vietnamese.country.name,
        "name_vi": "Xứ Thử",
    }
    items = [i for s in report["sections"] for i in s["items"]]
    first = next(i for i in items if i["priority"] and i["priority"]["key"] == "1.1")
    assert first["priority"]["text"] == "Priority 1"
    assert first["priority"]["text_vi"] == "Ưu tiên thứ nhất"
    assert first["priority"]["theme"] == "Theme 1"
    assert first["priority"]["theme_vi"] == "Chủ đề một"
    # The question quotes the priority in its own language.
    assert "Theme 1 1. Priority 1" in first["question"]
    assert "Chủ đề một 1. Ưu tiên thứ nhất" in first["question_vi"]
    assert first["question"] != first["question_vi"]
    section = report["sections"][0]
    assert section["title"].startswith("Annual progress")
    assert section["title_vi"] != section["title"]
    rating = next(i for i in items if i["question_code"] == "overall_rating")
    assert rating["value"] == "4"
    assert rating["choices"] == ["Good progress"]
    assert rating["choices_vi"] and rating["choices_vi"] != rating["choices"]
    (value,) = report["indicator_values"]
    assert (value["indicator_vi"], value["unit_vi"]) == ("Số cuộc gọi", "cuộc gọi")
    assert value["unit"] == in_vietnamese.indicator_values.get().indicator.unit


def test_csv_puts_each_vietnamese_column_beside_its_english_one(in_vietnamese):
    raw = export_reports(reports=[in_vietnamese], fmt="csv")
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    columns = reader.fieldnames
    for name in ["country", "section", "question", "priority", "choices"]:
        assert columns[columns.index(name) + 1] == f"{name}_vi"
    assert columns.index("priority_key") < columns.index("priority")
    rows = list(reader)
    assert {r["country_vi"] for r in rows} == {"Xứ Thử"}
    first = next(r for r in rows if r["priority_key"] == "1.1")
    assert first["priority"] == "Theme 1 1. Priority 1"
    assert first["priority_vi"] == "Chủ đề một 1. Ưu tiên thứ nhất"
    untranslated = next(r for r in rows if r["priority_key"] == "2.1")
    # No Vietnamese yet: the English stands in, so the column is never blank.
    assert untranslated["priority_vi"] == untranslated["priority"] == "Theme 2 1. Priority 2"
    assert all(r["priority_key"] == "" for r in rows if not r["priority"])


def test_xlsx_names_sheets_in_the_readers_language_and_gives_both_languages(in_vietnamese):
    from django.utils import translation

    with translation.override("vi"):
        content = export_reports(reports=[in_vietnamese], fmt="xlsx")
    workbook = load_workbook(io.BytesIO(content))
    assert not workbook.sheetnames[0].startswith("I. Annual progress")
    first = workbook.worksheets[0]
    header = [c.value for c in first[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in first.iter_rows(2)]
    row = next(r for r in rows if r["priority_key"] == "1.1")
    assert row["priority"] == "Theme 1 1. Priority 1"
    assert row["priority_vi"] == "Chủ đề một 1. Ưu tiên thứ nhất"
    activities = workbook.worksheets[-2]
    assert [c.value for c in activities[1]][-7:] == [
        "priority_keys",
        "priorities",
        "priorities_vi",
        "evidence",
        "contributed_by",
        "contributed_by_vi",
        "description",
    ]
    indicators = workbook.worksheets[-1]
    assert [c.value for c in indicators[2]][2:6] == [
        in_vietnamese.indicator_values.get().indicator.name,
        "Số cuộc gọi",
        in_vietnamese.indicator_values.get().indicator.unit,
        "cuộc gọi",
    ]
