"""The keyboard through a questionnaire section: the order of Tab stops, a visible focus
ring never hidden by the save bar, and the rating stars moved with the arrow keys."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import Report

pytestmark = pytest.mark.browser


def demo_report(year=2022):
    return Report.objects.get(country__code="VN", cycle__starts_on__year=year)


FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const label = el.labels && el.labels[0] ? el.labels[0].textContent.trim() : '';
    return {
        tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '', name: el.name || '',
        text: (el.textContent || '').trim().slice(0, 60), label: label.slice(0, 60),
        href: el.getAttribute('href') || '',
        inNav: !!el.closest('header nav'), inMain: !!el.closest('main'),
        // Not hidden behind the sticky save bar (WCAG 2.4.11): some of it shows above the bar.
        obscured: (() => {
            const bar = document.querySelector('.pf-save-bar');
            if (!bar || bar.contains(el)) return false;
            const r = el.getBoundingClientRect(), b = bar.getBoundingClientRect();
            const across = r.left < b.right && r.right > b.left;
            return across && r.top >= b.top - 4 && r.bottom <= b.bottom + 4;
        })(),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
}"""


def test_keyboard_through_section_1(sign_in, tmp_path):
    report = demo_report()
    page = sign_in("vn-reporter")
    page.set_viewport_size({"width": 1280, "height": 900})
    # Scrolling a focused element into view is instant, not smooth (Bootstrap's default
    # unless motion is reduced): what is checked below is where focus lands, at once.
    page.emulate_media(reduced_motion="reduce")
    page.goto(reverse("reports:section", args=[report.pk, 1]))

    # First Tab: the skip link, shown on focus.
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["href"] == "#main", first
    expect(page.locator(".skip-link")).to_be_visible()
    page.screenshot(path=str(tmp_path / "skip-link.png"))

    _tab_through_the_form(page)

    # A visible focus ring on a text field: a screenshot to look at.
    page.locator("form.pf-section-form textarea").first.focus()
    page.screenshot(path=str(tmp_path / "textarea-focus.png"))

    _rate_with_the_arrow_keys(page, report, tmp_path)
    print(f"screenshots in {tmp_path}")


def _tab_through_the_form(page) -> None:
    """Then the site navigation, then the page: every form field in document order, then
    Save, each stop with a visible focus ring and not under the save bar."""
    fields = page.evaluate(
        """() => Array.from(document.querySelectorAll('form.pf-section-form')[0].elements)
            .filter(el => el.type !== 'hidden' && !el.disabled && el.offsetParent !== null)
            // In a closed disclosure (last cycle's answer): not a stop until it is opened.
            .filter(el => !el.closest('details:not([open])'))
            .filter(el => !(el.type === 'radio' && !el.checked &&
                Array.from(document.getElementsByName(el.name)).some(r => r.checked) ) )
            .filter(el => !(el.type === 'radio' &&
                !Array.from(document.getElementsByName(el.name)).some(r => r.checked) &&
                document.getElementsByName(el.name)[0] !== el))
            .map(el => el.id || el.name)"""
    )
    stops = []
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        stops.append(stop)
        assert stop["outline"], f"no visible focus ring on {stop}"
        assert not stop["obscured"], f"focused element hidden by the save bar: {stop}"
        if stop["name"] == "save":
            break
    else:
        pytest.fail("Tab never reached the Save button")

    assert stops[0]["inNav"], f"after the skip link, focus should go to the navigation: {stops[0]}"
    first_main = next(i for i, s in enumerate(stops) if s["inMain"])
    assert all(s["inNav"] for s in stops[:first_main] if not s["inMain"]), stops[:first_main]
    reached = [s["id"] or s["name"] for s in stops if s["id"] or s["name"]]
    fields = fields[: fields.index("save") + 1]
    in_form = [x for x in reached if x in fields]
    assert in_form == fields, f"fields out of order or skipped:\n{in_form}\n{fields}"


def _rate_with_the_arrow_keys(page, report, tmp_path) -> None:
    """Rating stars (section 3): radios reached by Tab, moved with the arrow keys, with the
    focus ring drawn on the star's label."""
    page.goto(reverse("reports:section", args=[report.pk, 3]))
    stars = page.locator(".pf-stars").first
    radios = stars.locator("input[type=radio]")
    assert radios.count() >= 3
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "radio":
            break
    else:
        pytest.fail("Tab never reached the rating")
    checked = radios.evaluate_all("rs => rs.findIndex(r => r.checked)")
    start = max(checked, 0)
    expect(radios.nth(start)).to_be_focused()
    page.keyboard.press("Space")
    expect(radios.nth(start)).to_be_checked()
    step = 1 if start + 1 < radios.count() else -1
    page.keyboard.press("ArrowRight" if step == 1 else "ArrowLeft")
    expect(radios.nth(start + step)).to_be_checked()
    expect(radios.nth(start + step)).to_be_focused()
    page.keyboard.press("ArrowLeft" if step == 1 else "ArrowRight")
    expect(radios.nth(start)).to_be_checked()
    ring = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement.nextElementSibling);
                   return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
    )
    assert ring[0] != "none" and ring[1] >= 2, f"the focused star shows no focus ring: {ring}"
    stars.screenshot(path=str(tmp_path / "stars-focus.png"))
