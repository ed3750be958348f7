"""A reporter records an activity in the browser: a mistake in the participants is caught
at the field with nothing lost, and the fixed activity feeds the totals."""

import pytest
from playwright.sync_api import expect

from reports.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reporter_adds_an_activity_fixing_participants_that_do_not_add_up(sign_in):
    page = sign_in("vn-reporter")
    report = Report.objects.get(country__code="VN", cycle__starts_on__year=2022)
    page.goto(f"/reports/{report.pk}/")
    page.get_by_role("link", name="Activities").click()
    expect(page.get_by_test_id("total-women")).to_have_text("32")
    page.get_by_role("link", name="Add an activity").click()

    title = "Tập huấn phòng ngừa lao động trẻ em ở Cần Thơ"
    page.get_by_label("Title").fill(title)
    page.get_by_label("Kind").select_option("training")
    page.get_by_label("Start date").fill("2023-04-10")
    # Typed rather than ticked: names the list has are ticked for the person.
    page.get_by_label("Places not in the list").fill("Cần Thơ, cần thơ ,Hậu Giang")
    page.get_by_label("Women").fill("30")
    page.get_by_label("Men", exact=True).fill("15")
    page.get_by_label("Total participants").fill("40")
    page.get_by_label("4. Run an awareness programme").check()
    page.get_by_label("Description").fill("Hai ngày tập huấn cho cán bộ xã.")
    page.get_by_role("button", name="Save activity").click()

    message = "Women (30) and men (15) together cannot exceed the total (40)."
    expect(page.locator("#error-summary")).to_contain_text(message)
    expect(page.locator("#div_id_participants_total")).to_contain_text(message)
    expect(page.get_by_label("Title")).to_have_value(
        "Tập huấn phòng ngừa lao động trẻ em ở Cần Thơ"
    )
    expect(page.get_by_label("Description")).to_have_value("Hai ngày tập huấn cho cán bộ xã.")
    expect(page.get_by_label("4. Run an awareness programme")).to_be_checked()

    page.get_by_label("Total participants").fill("50")
    page.get_by_role("button", name="Save activity").click()

    expect(page.get_by_role("status")).to_contain_text("added")
    table = page.get_by_test_id("activity-table")
    expect(table).to_contain_text(title)
    expect(table).to_contain_text("Can Tho, Hau Giang")  # the areas' English names
    expect(page.get_by_test_id("total-women")).to_have_text("62")
    expect(page.get_by_test_id("total-men")).to_have_text("23")
    by_province = page.get_by_test_id("totals-by-province")
    expect(by_province.get_by_role("row", name="Can Tho")).to_contain_text("50")


def test_the_activity_form_disables_its_button_while_it_is_sent(sign_in):
    page = sign_in("vn-reporter")
    report = Report.objects.get(country__code="VN", cycle__starts_on__year=2022)
    page.goto(f"/reports/{report.pk}/activities/add/")
    # Hold the form back after the page's own handler has run, to look at the button.
    page.evaluate("window.addEventListener('submit', e => e.preventDefault())")
    button = page.get_by_role("button", name="Save activity")
    expect(button).to_be_enabled()
    button.click()
    expect(button).to_be_disabled()
