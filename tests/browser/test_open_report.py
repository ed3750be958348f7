"""The demo seeded today in a real browser: Viet Nam's focal point finds the current
cycle open on the home page and opens the country's report with the button."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from reports.models import Report

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_day():
    return dt.date(2026, 12, 6)  # in the 2026-2027 cycle


def test_focal_point_opens_the_current_cycles_report(sign_in):
    # As if the focal point had not opened it yet (the demo holds its draft).
    current = Report.objects.filter(
        country__code="VN", cycle__framework__slug="alliance87", cycle__starts_on__year=2026
    )
    assert current.count() == 1
    current.delete()
    page = sign_in("vn-focal")
    form = page.get_by_test_id("open-report")
    expect(form).to_contain_text("May 2026 – April 2027 is open (deadline 30 June 2027)")
    form.get_by_role("button", name="Open the report of Viet Nam for May 2026 – April 2027").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Viet Nam: May 2026 – April 2027")
    assert current.count() == 1
    # Back on the home page the button is gone; the report is listed instead.
    page.goto("/")
    expect(page.get_by_test_id("open-report")).to_have_count(0)
    expect(page.get_by_role("link", name="May 2026 – April 2027")).to_be_visible()
