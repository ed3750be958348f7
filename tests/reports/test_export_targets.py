"""Exports give each indicator value against its roadmap version's baseline and target:
JSON fields, XLSX columns (the status in every language), a fixed number of queries."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from reports.exports import export_reports
from roadmap.services import indicator_figures_set
from tests.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def with_figures(report, n: int = 1) -> list:
    """``n`` indicators, each with a baseline of 3,808 (2021), a target of 2,000 (2025) and
    the value 2,434 in ``report`` (cycle 2022-2023)."""
    indicators = []
    for i in range(n):
        indicator = IndicatorFactory(country=report.country, name=f"Hotline calls {i}")
        indicator_figures_set(
            roadmap=report.roadmap,
            indicator=indicator,
            baseline=(2021, Decimal(3808), {"en": "Hotline 111", "vi": "Tổng đài 111"}),
            targets={2023: Decimal(3000), 2025: Decimal(2000)},
        )
        IndicatorValueFactory(report=report, indicator=indicator, value=2434)
        indicators.append(indicator)
    return indicators


def test_json_gives_baseline_target_share_and_status(report):
    with_figures(report)
    IndicatorValueFactory(report=report, indicator=IndicatorFactory(country=report.country))

    data = json.loads(export_reports(reports=[report], fmt="json"))
    measured, bare = data["reports"][0]["indicator_values"]

    assert measured["baseline"] == {
        "value": "3808.00",
        "year": 2021,
        "source": "Hotline 111",
        "source_vi": "Tổng đài 111",
    }
    # Measured against 2023, the first target in or after 2022: past it already.
    assert measured["target"] == {"value": "3000.00", "year": 2023}
    assert (measured["share_percent"], measured["status"]) == (170, "reached")
    assert measured["status_label_vi"] == "Đã đạt chỉ tiêu"
    assert (bare["baseline"], bare["target"], bare["status"]) == (None, None, "no_target")


def test_xlsx_indicator_sheet_has_the_target_columns(report):
    with_figures(report)

    sheet = load_workbook(io.BytesIO(export_reports(reports=[report], fmt="xlsx")))["Indicators"]
    header, row = list(sheet.iter_rows(values_only=True))
    cells = dict(zip(header, row, strict=True))

    assert (cells["baseline"], cells["baseline_year"]) == (3808, 2021)
    assert (cells["target"], cells["target_year"], cells["share_percent"]) == (3000, 2023, 170)
    assert (cells["status"], cells["status_vi"]) == ("Target reached", "Đã đạt chỉ tiêu")


@pytest.mark.parametrize("n", [1, 6])
def test_export_queries_do_not_grow_with_indicators(report, n):
    with_figures(report, n)
    export_reports(reports=[report], fmt="json")  # warm what is read once per process
    with CaptureQueriesContext(connection) as queries:
        export_reports(reports=[report], fmt="json")
    assert len(queries) == EXPORT_QUERIES


# One report's export, whatever its number of indicators (the baselines and the targets
# of its roadmap version, the values' break-down parts and the evidence files are four of
# them; the country's agencies, who contributed what, one more). The questionnaire's and
# roadmap's structure come from the cache once warmed (reports.structure), and the
# country's latest earlier report is found once per report instance, its next steps then
# kept (reports.previous_report): was 10.
EXPORT_QUERIES = 9
