"""WCAG 2.2 AA in a real browser: axe-core (from node_modules, no CDN) on the key pages of
each role, plus a keyboard walk through a questionnaire section.

axe finds what a machine can find (names, contrast, landmarks, heading order, ARIA); the
keyboard test checks the order of Tab stops, a visible focus ring and the rating stars.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from reports.layout import build_layout
from reports.models import Comment, CommentThread, Report

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def demo_report(year=2022):
    return Report.objects.get(country__code="VN", cycle__starts_on__year=year)


def add_comments(report, username="ilo-reviewer"):
    """An open comment on the first question of sections 1 (under a theme heading), 3 and 8
    (no theme heading), so the pages show comment threads in the outline of headings."""
    from django.contrib.auth import get_user_model

    reviewer = get_user_model().objects.get(username=username)
    for section in build_layout(report).sections:
        if section.section.order in (1, 3, 8) and section.items:
            item = section.items[0]
            thread = CommentThread.objects.create(
                report=report,
                question=item.question,
                priority=item.priority,
                next_step=getattr(item, "next_step", None),
                created_by=reviewer,
            )
            Comment.objects.create(thread=thread, author=reviewer, body="Please add figures.")


def axe_violations(page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's Content-Security-Policy blocks
        # an injected inline <script> (add_script_tag), rightly.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        TAGS,
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:10]:
            summary = " ".join((node["summary"] or "").split())[:300]
            lines.append(f"      {node['target']}  -- {summary}")
        if len(v["nodes"]) > 10:
            lines.append(f"      ... and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def check_error_summary(page):
    """Focus lands on the error summary; each of its links leads to a field that exists, is
    marked invalid and has its message tied to it."""
    expect(page.locator("#error-summary")).to_be_focused()
    for href in page.locator('#error-summary a[href^="#"]').evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        field = page.locator(href)
        expect(field).to_have_count(1)
        expect(field).to_have_attribute("aria-invalid", "true")
        described = field.get_attribute("aria-describedby") or ""
        assert any(
            page.evaluate("id => !!document.getElementById(id)", i) for i in described.split()
        ), f"{href}: the error message is not tied to the field ({described!r})"


def check_pages(page, urls: list[str]):
    """Visit each URL (or check the current page for None) and collect every violation, so
    one run reports all the pages that fail rather than just the first."""
    failures = []
    for url in urls:
        if url is not None:
            response = page.goto(url)
            assert response is None or response.ok, f"{url}: HTTP {response.status}"
        page.wait_for_load_state("load")
        found = axe_violations(page)
        if found:
            failures.append(f"{url or page.url}:\n{describe(found)}")
    assert not failures, "axe-core found WCAG 2.2 AA violations:\n" + "\n".join(failures)


def test_signed_out_pages(browser, live_server, demo):
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    try:
        page = context.new_page()
        check_pages(page, ["/accounts/login/", "/accounts/password_reset/", "/help/"])
        # A failed sign-in: the error summary and the fields marked invalid.
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill("vn-reporter")
        page.get_by_label("Password").fill("wrong password")
        page.get_by_role("button", name="Sign in").click()
        check_error_summary(page)
        check_pages(page, [None])
    finally:
        context.close()


def test_reporter_pages(sign_in):
    report = demo_report()
    add_comments(report)
    page = sign_in("vn-reporter")
    pk = report.pk
    check_pages(
        page,
        [
            "/",
            reverse("reports:detail", args=[pk]),
            *[reverse("reports:section", args=[pk, order]) for order in (1, 2, 3, 4, 8)],
            reverse("reports:activities", args=[pk]),
            reverse("reports:indicators", args=[pk]),
            reverse("reports:activity_add", args=[pk]),
            reverse("reports:read", args=[pk]),
            reverse("reports:history", args=[pk]),
            reverse("reports:changes", args=[pk]),
            reverse("password_change"),
        ],
    )

    # Section 1 after a save with an answer over its length limit (typed past `maxlength`
    # by script, as a paste from another tool might be): the error summary and the field.
    page.goto(reverse("reports:section", args=[pk, 1]))
    first = page.locator("form.pf-section-form textarea").first
    first.evaluate(
        "el => { const n = +el.getAttribute('maxlength') + 1; el.removeAttribute('maxlength');"
        " el.value = 'x'.repeat(n); }"
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#error-summary")).to_be_visible()
    check_error_summary(page)
    check_pages(page, [None])

    # The activity form after a save with participants that do not add up.
    page.goto(reverse("reports:activity_add", args=[pk]))
    page.get_by_label("Title").fill("Tập huấn")
    page.get_by_label("Kind").select_option("training")
    page.get_by_label("Start date").fill("2023-04-10")
    page.get_by_label("Women").fill("30")
    page.get_by_label("Men", exact=True).fill("15")
    page.get_by_label("Total participants").fill("40")
    page.get_by_role("button", name="Save activity").click()
    expect(page.locator("#error-summary")).to_contain_text("cannot exceed the total")
    check_error_summary(page)
    check_pages(page, [None])


def test_focal_point_pages_in_english_and_vietnamese(sign_in):
    report = demo_report()
    page = sign_in("vn-focal")
    # The submit page lists what is missing in an error summary.
    check_pages(page, [reverse("reports:submit", args=[report.pk])])
    expect(page.locator("#error-summary")).to_be_visible()

    page.goto("/")
    with page.expect_navigation():
        page.get_by_label("Language").select_option("vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    check_pages(
        page,
        [
            None,
            reverse("reports:detail", args=[report.pk]),
            reverse("reports:section", args=[report.pk, 1]),
        ],
    )


def test_reviewer_pages(sign_in):
    page = sign_in("ilo-reviewer")
    earlier = demo_report(2021)
    add_comments(earlier)
    check_pages(
        page,
        [
            "/",
            reverse("reports:queue"),
            reverse("reports:detail", args=[earlier.pk]),
            # An accepted report: its sections are read-only.
            *[reverse("reports:section", args=[earlier.pk, order]) for order in (1, 3, 8)],
            reverse("reports:read", args=[earlier.pk]),
            reverse("reports:history", args=[earlier.pk]),
        ],
    )


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

    # Then the site navigation, then the page: every form field in document order, then Save.
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

    # A visible focus ring on a text field: a screenshot to look at.
    page.locator("form.pf-section-form textarea").first.focus()
    page.screenshot(path=str(tmp_path / "textarea-focus.png"))

    # Rating stars (section 3): radios reached by Tab, moved with the arrow keys, with the
    # focus ring drawn on the star's label.
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
    print(f"screenshots in {tmp_path}")
