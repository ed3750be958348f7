"""The secretariat in a real browser: the board, late countries, a country's trends with a
chart and its table, the synthesis PDF; axe-core on every monitoring page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.demo_day import MONITORING_DAY

from .axe import check_pages

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_day():
    """The four monitoring cycles are 2020-2021 to 2023-2024 (see tests.demo_day)."""
    return MONITORING_DAY


def test_secretariat_follows_late_countries_to_their_trends_and_the_synthesis(sign_in):
    page = sign_in("secretariat")
    page.get_by_role("link", name="Monitoring", exact=True).click()
    expect(page.get_by_role("heading", name="Who has reported")).to_be_visible()
    page.get_by_label("Cycle").select_option("2022-2023")
    page.get_by_label("Late only").check()
    page.get_by_role("button", name="Show").click()

    rows = page.get_by_test_id("board-row")
    expect(rows).to_have_count(1)  # Nepal handed in three weeks late; Viet Nam on time
    expect(rows.filter(has_text="Nepal")).to_contain_text("21 days late")

    rows.filter(has_text="Nepal").get_by_role("link", name="Trends of Nepal").click()
    expect(page.get_by_role("heading", name="Trends of Nepal")).to_be_visible()
    chart = page.locator("svg[role=img]").first
    expect(chart).to_be_visible()
    expect(chart.locator("rect.pf-bar").first).to_be_attached()
    table = page.get_by_test_id("chart-table").nth(1)  # beside the second indicator's chart
    expect(table).to_contain_text("2020-2021")
    expect(table).to_contain_text("1,210")  # freed families rehabilitated in 2021-2022
    expect(table).not_to_contain_text("2023-2024")  # Nepal's draft stays with Nepal

    page.go_back()
    page.get_by_role("link", name="Synthesis of the cycle").click()
    expect(page.get_by_role("heading", name="Synthesis May 2022 – April 2023")).to_be_visible()
    with page.expect_download(timeout=90_000) as download:  # WeasyPrint renders it
        page.get_by_role("link", name="Download PDF").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    # Its revision and language in the name (issue 18: no old PDF passes for the current one).
    assert re.fullmatch(
        r"synthesis-alliance87-2022-2023-r\d+-en\.pdf", download.value.suggested_filename
    )


def test_monitoring_pages_pass_axe(sign_in):
    page = sign_in("secretariat")
    check_pages(
        page,
        [
            reverse("monitoring:board", args=["alliance87"]) + "?cycle=2022-2023",
            reverse("monitoring:trends", args=["alliance87", "VN"]),
            reverse("monitoring:trends", args=["alliance87", "UG"]),
            reverse("monitoring:synthesis", args=["alliance87", "2022-2023"]),
        ],
    )


def test_country_staff_see_their_own_trends(sign_in):
    page = sign_in("vn-reporter")
    page.get_by_role("link", name="Trends of Viet Nam across years (Alliance 8.7").click()
    expect(page.get_by_role("heading", name="Trends of Viet Nam")).to_be_visible()
    check_pages(page, [None])
    response = page.goto(reverse("monitoring:trends", args=["alliance87", "UG"]))
    assert response.status == 404
