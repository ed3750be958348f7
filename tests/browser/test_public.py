"""Issue 22's public pages end to end: the secretariat publishes Viet Nam's accepted report
in the portal; an anonymous reader on a phone opens the Vietnamese country page, reads a
chart's table and downloads the indicators' CSV from the open data block; axe-clean at
1366 and 390 px in both languages, no page (nor its header) wider than a phone."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from playwright.sync_api import expect

from reports import publishing, workflow
from reports.models import IndicatorValue, Report, ReportState, TransitionAction

from .axe import axe_violations, describe

pytestmark = pytest.mark.browser
User = get_user_model()


def _publish_viet_nam(sign_in, queued_jobs) -> Report:
    report = (
        Report.objects.filter(country__code="VN", state=ReportState.ACCEPTED)
        .order_by("-cycle__starts_on")
        .first()
    )
    if publishing.check(report, TransitionAction.CONSENT) is None:
        # The demo's framework asks the country's consent first (its focal point's step).
        focal = User.objects.get(username="vn-focal")
        workflow.report_transition(report=report, user=focal, action=TransitionAction.CONSENT)
    secretariat = sign_in("secretariat")
    secretariat.goto(f"/reports/{report.pk}/")
    secretariat.get_by_role("link", name="Publish", exact=True).click()
    secretariat.get_by_role("button", name="Publish").click()
    expect(secretariat.get_by_text("Published", exact=False).first).to_be_visible()
    queued_jobs.run()  # the worker prints the public PDFs
    return report


def _fits(page, width: int) -> bool:
    """Nothing sideways: the page scrolls no wider than the window, and nothing in the
    header (the site's name, the language switch) ends past its right edge, even where an
    overflow would be clipped rather than widen the page."""
    page.wait_for_load_state("load")
    if page.evaluate("document.documentElement.scrollWidth") > width:
        return False
    right = page.evaluate(
        "Math.max(...[...document.querySelectorAll('header, header *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    return right <= width


def test_the_secretariat_publishes_and_a_reader_on_a_phone_reads_and_downloads(
    sign_in, queued_jobs, browser, live_server
):
    cache.clear()
    report = _publish_viet_nam(sign_in, queued_jobs)
    cycle = report.cycle.code
    context = browser.new_context(
        locale="vi-VN", base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    try:
        reader = context.new_page()
        reader.goto("/public/")
        expect(reader).to_have_url(f"{live_server.url}/public/vi/alliance87/")
        # The countries read as cards too: their "last updated" not cut off at the edge.
        countries = reader.get_by_test_id("public-countries")
        assert countries.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
        reader.get_by_role("link", name="Việt Nam").first.click()
        expect(reader.get_by_role("heading", level=1)).to_have_text("Việt Nam")
        # A chart's data table, beside it (the narrow drawing shows on a phone).
        table = reader.get_by_test_id("chart-table").first
        expect(table).to_be_visible()
        expect(table.locator("tbody tr").first).to_contain_text(cycle)
        assert reader.locator(".pf-chart-narrow svg").first.is_visible()
        # No sideways scrolling of the page on a phone.
        assert _fits(reader, 390)
        reader.get_by_role("link", name=f"Báo cáo {cycle}").click()
        # Measured only once the report's page has replaced the country's.
        expect(reader).to_have_url(re.compile(rf"/public/vi/alliance87/vn/{cycle}/$"))
        reader.wait_for_load_state("load")
        assert _fits(reader, 390)
        # The activities read as cards on a phone: nothing to scroll sideways inside the
        # table either, and each cell named by its column ("Nữ: 32").
        activities = reader.get_by_test_id("public-activities")
        assert activities.evaluate(
            "t => t.parentElement.scrollWidth <= t.parentElement.clientWidth"
        )
        label = activities.locator("td[data-label]").first.evaluate(
            "td => getComputedStyle(td, '::before').content"
        )
        assert label == '"Thời gian: "'
        downloads = reader.get_by_test_id("open-data")
        with reader.expect_download() as download:
            downloads.get_by_role("link", name="Giá trị chỉ số (CSV)").click()
        assert download.value.suggested_filename == "alliance87-VN-indicators.csv"
        text = Path(download.value.path()).read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        # Codes and units, names in both languages, whatever the page's language.
        for column in ("country_code", "indicator", "indicator_vi", "unit", "unit_vi", "status"):
            assert column in rows[0]
        value = IndicatorValue.objects.filter(report=report).select_related("indicator").first()
        row = next(
            r
            for r in rows
            if r["cycle"] == cycle and r["indicator"] == value.indicator.name and r["part"] == "0"
        )
        assert (row["country_code"], row["country_name_vi"]) == ("VN", "Việt Nam")
        assert row["value"] == str(value.value)
        assert row["unit_vi"] and row["indicator_vi"] != row["indicator"]
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_public_pages_pass_axe(sign_in, queued_jobs, browser, live_server, language, width):
    cache.clear()
    report = _publish_viet_nam(sign_in, queued_jobs)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    try:
        page = context.new_page()
        for url in [
            f"/public/{language}/alliance87/",
            f"/public/{language}/alliance87/vn/",
            f"/public/{language}/alliance87/vn/{report.cycle.code}/",
        ]:
            page.goto(url)
            violations = axe_violations(page)
            assert not violations, f"{url} at {width}px:\n{describe(violations)}"
            assert _fits(page, width), f"{url} is wider than {width}px"
    finally:
        context.close()
