"""Who contributed what reaches every output (issue 24): a contributor of the General
Statistics Office writes an answer, an activity and a figure through the services; the
PDF's "Contributors" annex, the JSON/CSV/XLSX exports and the API rows then name the
agency in English and in Vietnamese. The country team is named only beside an agency,
and no person ever is."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from reports.documents import printer
from reports.documents.contributors import group_contributors, snapshot_contributors
from reports.documents.printed import printed_context
from reports.exports import export_reports
from reports.services.activities import (
    ActivityData,
    IndicatorValueData,
    activity_update,
    indicator_values_save,
)
from reports.services.assignments import assign
from tests.factories import ActivityFactory, IndicatorFactory

from .assignment_helpers import assign_question, contributor
from .assignment_support import agency
from .entry_helpers import item, section_data, section_url

pytestmark = pytest.mark.django_db

GSO, GSO_VI = "General Statistics Office", "Tổng cục Thống kê"


@pytest.fixture
def carol(report):
    agency(report.country, GSO, GSO_VI)
    carol = contributor(report, "carol", agency=GSO)
    carol.first_name, carol.last_name = "Carol", "Contrib"
    carol.save()
    return carol


@pytest.fixture
def contributed(client, report, focal, carol):
    """Carol (GSO) writes the highlights, an activity and a figure, each through the
    service her pages use; the country team writes another activity."""
    # Her parts first: what she may write is read once and kept on her user object.
    assign_question(report, focal, [carol])
    activity = ActivityFactory(report=report, title="Inspectors trained")
    assign(report=report, user=focal, kind="activity", target_id=activity.pk, assignees=[carol])
    indicator = IndicatorFactory(country=report.country, name="Hotline calls")
    assign(report=report, user=focal, kind="indicator", target_id=indicator.pk, assignees=[carol])
    client.force_login(carol)
    key = item(report, "highlights").key
    client.post(section_url(report, 3), section_data(report, 3, **{key: "From the GSO"}))
    data = ActivityData(title="Inspectors trained", kind="training", starts_on=dt.date(2022, 10, 1))
    activity_update(activity=activity, revision=activity.revision, data=data, user=carol)
    ActivityFactory(report=report, title="Team workshop")
    row = IndicatorValueData(indicator=indicator, revision=0, value=Decimal(12), source="GSO")
    indicator_values_save(report=report, rows=[row], user=carol)
    report.refresh_from_db()
    return report


def _json(report) -> dict:
    import json

    return json.loads(export_reports(reports=[report], fmt="json"))["reports"][0]


def test_the_json_export_names_the_agency_in_both_languages(contributed):
    data = _json(contributed)
    items = [i for s in data["sections"] for i in s["items"]]
    highlights = next(i for i in items if i["question_code"] == "highlights")
    assert (highlights["contributed_by"], highlights["contributed_by_vi"]) == (GSO, GSO_VI)
    # The country team wrote nothing else: null, not its name.
    assert all(i["contributed_by"] is None for i in items if i is not highlights)
    by_title = {a["title"]: a for a in data["activities"]}
    assert by_title["Inspectors trained"]["contributed_by_vi"] == GSO_VI
    assert by_title["Team workshop"]["contributed_by"] is None
    (value,) = data["indicator_values"]
    assert (value["contributed_by"], value["contributed_by_vi"]) == (GSO, GSO_VI)
    assert "Carol" not in str(data) and "carol" not in str(data)


def test_the_csv_and_xlsx_exports_have_contributed_by_columns(contributed):
    from openpyxl import load_workbook

    rows = list(
        csv.DictReader(io.StringIO(export_reports(reports=[contributed], fmt="csv").decode()))
    )
    highlights = next(r for r in rows if r["question_code"] == "highlights")
    assert (highlights["contributed_by"], highlights["contributed_by_vi"]) == (GSO, GSO_VI)
    workbook = load_workbook(io.BytesIO(export_reports(reports=[contributed], fmt="xlsx")))
    for sheet in (workbook["Activities"], workbook["Indicators"]):
        header = [c.value for c in sheet[1]]
        cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        named = [row[header.index("contributed_by_vi")] for row in cells]
        assert GSO_VI in named


def test_the_api_rows_name_the_agency(client, contributed, alice):
    client.force_login(alice)
    for path in ("answers", "activities", "indicator-values"):
        body = client.get(f"/api/v1/{path}/").json()
        named = [(r["contributed_by"], r["contributed_by_vi"]) for r in body["results"]]
        assert (GSO, GSO_VI) in named, path
    csv_file = client.get("/api/v1/files/answers.csv").content.decode()
    assert "contributed_by,contributed_by_vi" in csv_file and GSO_VI in csv_file


def test_the_pdf_annex_lists_each_agency_and_its_parts(contributed):
    contributors = printed_context(contributed)["contributors"]
    assert [c.name for c in contributors] == [GSO, "Country team"]
    gso, team = contributors
    assert gso.questions[0].endswith(".") is False and gso.questions[0].split(". ")[0].isdigit()
    assert gso.activities == ["Inspectors trained"] and gso.indicators == ["Hotline calls"]
    assert team.activities == ["Team workshop"] and team.questions == []


@pytest.mark.parametrize(
    "language, title, name, team",
    [
        ("en", "Annex D. Contributors", GSO, "Country team"),
        ("vi", "Phụ lục D. Cơ quan đóng góp", GSO_VI, "Nhóm quốc gia"),
    ],
)
def test_the_printed_pdf_says_who_contributed_in_its_language(
    contributed, language, title, name, team
):
    pdf = PdfReader(io.BytesIO(printer.render_pdf(contributed, language)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert title in text and name in text and team in text
    assert "Inspectors trained" in text and "Carol" not in text


def test_a_report_written_by_the_country_team_alone_has_no_annex(report):
    ActivityFactory(report=report, title="Team workshop")
    assert printed_context(report)["contributors"] == []
    assert "annex-contributors" not in printer.render_html(report)


def test_the_public_pdf_annex_follows_the_snapshot(contributed):
    from reports.publication_snapshot import public_snapshot

    snapshot = public_snapshot(contributed)
    (gso_vi, _team) = snapshot_contributors(snapshot, "vi")
    assert gso_vi.name == GSO_VI and gso_vi.indicators == ["Hotline calls"]
    # A snapshot frozen before issue 24 carries no contributed_by: no annex.
    for row in snapshot["activities"] + snapshot["indicator_values"]:
        row.pop("contributed_by"), row.pop("contributed_by_vi")
    for section in snapshot["sections"]:
        for entry in section["items"]:
            entry.pop("contributed_by"), entry.pop("contributed_by_vi")
    assert snapshot_contributors(snapshot, "en") == []


def test_agencies_sort_alphabetically_and_the_team_comes_last():
    parts = [
        (None, "questions", "1. A"),
        ("Ministry of Labour", "activities", "B"),
        ("General Statistics Office", "indicators", "C"),
    ]
    names = [c.name for c in group_contributors(parts)]
    assert names == ["General Statistics Office", "Ministry of Labour", "Country team"]


def _export_queries(report) -> list[dict]:
    from reports.models import Activity
    from roadmap.models import Agency

    Activity.objects.filter(report=report).update(agency=Agency.objects.get(name=GSO))
    export_reports(reports=[report], fmt="json")  # warm the structure cache
    with CaptureQueriesContext(connection) as queries:
        data = _json(report)
    assert all(a["contributed_by"] == GSO for a in data["activities"])
    return queries.captured_queries


def test_the_export_reads_the_agencies_once_however_many_parts_they_wrote(contributed):
    for i in range(2):
        ActivityFactory(report=contributed, title=f"Session {i}")
    few = _export_queries(contributed)
    for i in range(2, 12):
        ActivityFactory(report=contributed, title=f"Session {i}")
    many = _export_queries(contributed)
    assert len(few) == len(many)
    assert len([q for q in many if '"roadmap_agency"' in q["sql"]]) == 1
