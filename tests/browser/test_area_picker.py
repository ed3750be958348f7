"""The activity form's provinces with script: the filter box finds "Hà Nội" typed as "ha
noi", and the whole choice is made with the keyboard only."""

import pytest
from playwright.sync_api import expect

from reports.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_ha_noi_and_choosing_ha_noi_with_the_keyboard_only(sign_in, live_server):
    page = sign_in("vn-reporter")
    # Read in Vietnamese: the list names the provinces as Viet Nam writes them.
    page.context.add_cookies([{"name": "django_language", "value": "vi", "url": live_server.url}])
    report = Report.objects.get(country__code="VN", cycle__starts_on__year=2022)
    page.goto(f"/reports/{report.pk}/activities/add/")
    page.fill("#id_title", "Tập huấn cho thanh tra lao động")
    page.select_option("#id_kind", "training")
    page.fill("#id_starts_on", "2023-04-10")

    page.focus("#id_areas_not_given")
    page.keyboard.press("Tab")  # from "Not given" to the filter box, before the list
    expect(page.locator("#id_areas_filter")).to_be_focused()
    page.keyboard.type("ha noi")
    expect(page.locator("#id_areas_matches")).to_have_text("1 tỉnh, thành phố khớp.")
    page.keyboard.press("Enter")  # to the only match, not sending the form
    hanoi = page.get_by_label("Hà Nội", exact=True)
    expect(hanoi).to_be_focused()
    page.keyboard.press("Space")
    expect(hanoi).to_be_checked()
    expect(page.locator("[data-area-chosen]")).to_have_text("Đã chọn: Hà Nội")

    page.focus("#id_participants_women")
    page.keyboard.type("12")
    page.keyboard.press("Enter")  # sends the form
    table = page.get_by_test_id("activity-table")
    expect(table).to_contain_text("Tập huấn cho thanh tra lao động")
    row = table.get_by_role("row", name="Tập huấn cho thanh tra lao động")
    expect(row).to_contain_text("Hà Nội")
    expect(row).not_to_contain_text("không có trong danh sách")
