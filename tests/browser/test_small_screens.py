"""The portal on a phone (390 px), in a short or zoomed window, and with a keyboard: pages
no wider than the window, the section list folded, the Word preview's tick boxes in view,
the header's links reachable at 175-200 % zoom, the language changed by a button only, the
save bar out of the way at 400 % zoom, the focus kept on the board's results after a
filter, and no empty "next step" block."""

import pytest
from playwright.sync_api import expect

from reports.layout import build_layout
from tests.reports.word.helpers import filled_export

from .test_entry import demo_report

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def page_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_pages_fit_a_phone_and_sections_start_with_a_question(sign_in):
    report = demo_report()
    page = sign_in("vn-reporter")
    page.set_viewport_size(PHONE)
    for path in ("activities/", "read/", "indicators/", "sections/1/", "sections/8/"):
        page.goto(f"/reports/{report.pk}/{path}")
        assert (path, page_width(page)) == (path, 390)

    # The section list is folded under its summary: the first question is on screen.
    page.goto(f"/reports/{report.pk}/sections/3/")
    links = page.locator(".pf-section-nav .list-group-item a")
    expect(links.first).to_be_hidden()
    first_item = page.locator(".pf-item").first.bounding_box()
    assert first_item["y"] + 150 < PHONE["height"]  # its number and wording, at least
    page.locator(".pf-sections-summary").click()
    expect(links.first).to_be_visible()

    # Beside the form, the list shows without its summary.
    page.set_viewport_size({"width": 1366, "height": 768})
    expect(page.locator(".pf-sections-summary")).to_be_hidden()
    expect(links.nth(7)).to_be_visible()


def test_the_section_list_opens_without_script(browser, live_server, demo):
    from .conftest import DEMO_PASSWORD

    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("#id_username", "vn-reporter")
        page.fill("#id_password", DEMO_PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.goto(f"/reports/{demo_report().pk}/sections/2/")
        links = page.locator(".pf-section-nav .list-group-item a")
        expect(links.first).to_be_hidden()
        page.locator(".pf-sections-summary").click()
        expect(links.first).to_be_visible()
    finally:
        context.close()


def test_word_preview_tick_boxes_and_synthesis_fit_a_phone(sign_in):
    report = demo_report()
    page = sign_in("vn-reporter")
    page.set_viewport_size(PHONE)
    blank = [
        i
        for i in build_layout(report).items()
        if not i.is_answered and i.question.kind == "text" and not i.question.shown_if_id
    ][:3]
    docx = filled_export(report, {i.display_number: "Drafted in Word." for i in blank})
    page.goto(f"/reports/{report.pk}/word/import/")
    page.locator("input[type=file]").set_input_files(
        {"name": "report.docx", "mimeType": DOCX, "buffer": docx}
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/word/import/*/")
    assert page_width(page) == 390
    boxes = page.locator("input[name=accept]")
    assert boxes.count() > 0
    for n in range(boxes.count()):
        box = boxes.nth(n).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, n
    # The scrolling table is a named region a keyboard reaches.
    region = page.locator(".pf-preview")
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("role", "region")
    expect(region).to_have_attribute(
        "aria-label", "Answers in the file beside the answers in the portal"
    )

    secretariat = sign_in("secretariat")
    secretariat.set_viewport_size(PHONE)
    secretariat.goto("/monitoring/alliance87/synthesis/2022-2023/")
    assert page_width(secretariat) == 390


@pytest.mark.parametrize("username, language", [("admin", "vi"), ("ilo-reviewer", "en")])
def test_header_links_stay_on_screen_at_any_width(sign_in, username, language):
    """768 to 1,280 px: a 1,366 px window at 175-200 % zoom, a tablet. The menu folds below
    1,200 px; opened out, it wraps: "Password", "Sign out" and the language are reachable."""
    page = sign_in(username)
    if language != "en":
        page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
    for width in (768, 820, 908, 1000, 1100, 1199, 1200, 1280):
        page.set_viewport_size({"width": width, "height": 700})
        page.goto("/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert (width, page_width(page)) == (width, width)
        toggler = page.locator(".navbar-toggler")
        if toggler.is_visible():
            toggler.click()
        for control in (
            "a[href='/accounts/password_change/']",
            "form[action$='/logout/'] button",
            "#language-select",
        ):
            target = page.locator(f"header {control}")
            expect(target).to_be_visible()
            box = target.bounding_box()
            assert box["x"] + box["width"] <= width, (width, control)


def test_arrow_keys_in_the_language_menu_do_not_leave_the_page(sign_in):
    page = sign_in("vn-reporter")
    page.goto("/help/")
    page.locator("#language-select").focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)  # what a change of page would need to start; nothing may
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith("/help/")
    page.locator("#language-select").select_option("vi")
    page.get_by_test_id("language-submit").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert page.url.endswith("/help/")


def test_save_bar_is_sticky_only_in_a_tall_enough_window(sign_in):
    page = sign_in("vn-reporter")
    page.goto(f"/reports/{demo_report().pk}/sections/1/")
    bar = page.locator(".pf-save-bar")
    assert bar.evaluate("el => getComputedStyle(el).position") == "sticky"
    # A 1,280 × 720 window at 400 % zoom.
    page.set_viewport_size({"width": 320, "height": 180})
    assert bar.evaluate("el => getComputedStyle(el).position") == "static"


def test_board_filter_and_sort_bring_the_focus_to_the_results(sign_in):
    page = sign_in("secretariat")
    page.goto("/monitoring/alliance87/board/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("#board-results")).to_be_focused()
    page.locator("thead th a").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("#board-results")
    expect(page.locator("#board-results")).to_be_focused()
    # The next Tab goes on from the results, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")
    # At 1,366 px the whole table is in view: nothing to scroll to reach the last column.
    page.set_viewport_size({"width": 1366, "height": 768})
    assert page.locator(".pf-board").evaluate("b => b.scrollWidth <= b.clientWidth")


def test_section_eight_shows_no_empty_next_step_until_asked(sign_in):
    page = sign_in("vn-reporter")
    page.goto(f"/reports/{demo_report().pk}/sections/8/")
    rows = page.locator(".pf-next-steps .pf-row:visible")
    stored = rows.count()
    assert stored > 0
    titles = rows.locator("input[name$='-title']").evaluate_all("els => els.map(e => e.value)")
    assert all(titles), f"an empty next step block is shown: {titles}"
    expect(page.locator(".pf-row-new")).to_be_hidden()
    page.get_by_role("button", name="Add a next step").click()
    expect(rows).to_have_count(stored + 1)
    expect(rows.last.locator(".pf-row-number")).to_have_text(str(stored + 1))
