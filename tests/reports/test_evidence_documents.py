"""Evidence in the report's PDF (an annex of titles, with language and what each file
supports) and in the exports (a column of titles)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from reports.documents.printer import render_html
from reports.exports import export_reports
from reports.models import Report
from tests.factories import ActivityFactory, IndicatorValueFactory
from tests.reports.test_evidence_views import attached

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_files(report, alice):
    activity = ActivityFactory(report=report, title="Forum on commitments")
    value = IndicatorValueFactory(report=report)
    attached(report, alice, title="MOLISA report on child protection")
    attached(report, alice, title="Forum programme", activity=activity)
    attached(report, alice, title="Hotline statistics", indicator_value=value)
    return Report.objects.with_context().get(pk=report.pk)


def test_the_pdf_lists_the_files_in_an_annex(with_files):
    html = render_html(with_files)
    annex = html[html.index('id="annex-evidence"') :]
    assert "Annex C. Evidence files" in annex
    assert "MOLISA report on child protection" in annex and "English" in annex
    assert "Activity: Forum on commitments" in annex
    assert "Indicator: " in annex and "Hotline statistics" in annex
    assert "Question " in annex
    assert '<a href="#annex-evidence">' in html


def test_a_report_without_files_says_so_in_the_annex(report):
    assert "No evidence files were attached." in render_html(report)


def test_the_exports_give_the_titles_in_a_column(with_files):
    rows = list(
        csv.DictReader(
            io.StringIO(export_reports(reports=[with_files], fmt="csv").decode("utf-8-sig"))
        )
    )
    by_code = {r["question_code"]: r for r in rows}
    assert by_code["evidence_detail"]["evidence"] == "MOLISA report on child protection"
    assert by_code["highlights"]["evidence"] == ""

    data = json.loads(export_reports(reports=[with_files], fmt="json"))
    [report] = data["reports"]
    assert report["activities"][0]["evidence"] == ["Forum programme"]
    assert report["indicator_values"][0]["evidence"] == ["Hotline statistics"]

    workbook = load_workbook(io.BytesIO(export_reports(reports=[with_files], fmt="xlsx")))
    for sheet, title in (
        (workbook.worksheets[-2], "Forum programme"),
        (workbook.worksheets[-1], "Hotline statistics"),
    ):
        header = [c.value for c in sheet[1]]
        assert sheet[2][header.index("evidence")].value == title
