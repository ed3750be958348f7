"""A Vietnamese reporter types an indicator value the way the portal shows it ("1.541")
and a break-down of two parts that do not add up: the page saves it by itself (autosave),
announces it politely, and shows it back the same way after a reload."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from reports.models import IndicatorValue, Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_vietnamese_reporter_types_1541_and_two_parts_and_the_page_saves_itself(sign_in):
    page = sign_in("vn-reporter")
    page.goto("/")
    page.locator("#language-select").select_option("vi")
    page.get_by_test_id("language-submit").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    report = Report.objects.get(country__code="VN", cycle__starts_on__year=2022)
    value = IndicatorValue.objects.filter(report=report).order_by("indicator__order").first()
    indicator = value.indicator_id
    page.goto(f"/reports/{report.pk}/indicators/")

    card = page.get_by_test_id(f"indicator-{indicator}")
    card.locator(f"#id_ind-{indicator}-value").fill("1.541")
    parts = card.locator(".pf-parts")
    # Clear the stored rows, keyboard only for the new one: "Add a part" adds it in place.
    visible = parts.locator(".pf-remove-part:visible")
    while visible.count():
        visible.first.click()
    add = parts.get_by_role("button", name="Thêm một phần")
    add.focus()
    page.keyboard.press("Enter")
    page.keyboard.type("trẻ em gái")
    page.keyboard.press("Tab")
    page.keyboard.type("1.000,5")
    add.focus()
    page.keyboard.press("Enter")
    page.keyboard.type("trẻ em trai")
    page.keyboard.press("Tab")
    page.keyboard.type("300")  # 1.000,5 + 300 is not 1.541: saved all the same

    status = page.locator("#save-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text("Đã lưu", timeout=20_000)

    value.refresh_from_db()
    assert value.value == Decimal(1541)
    assert value.breakdown_amounts() == ([Decimal("1000.5"), Decimal(300)], False)
    labels = [part.label for part in value.parts.all()]
    assert labels == ["trẻ em gái", "trẻ em trai"]

    page.reload()
    expect(card.locator(f"#id_ind-{indicator}-value")).to_have_value("1.541")
    expect(card.locator(f"#id_ind-{indicator}-parts-0-amount")).to_have_value("1.000,5")
