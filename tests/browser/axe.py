"""axe-core (from node_modules, no CDN) in a Playwright page, and the check of an error
summary: shared by the accessibility audit and other browser tests."""

from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, as the issue asks; best-practice too on the portal's own pages (the admin is
# Django's: held to WCAG only).
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TAGS = [*WCAG, "best-practice"]


def axe_violations(page, tags: list[str] = TAGS) -> list[dict]:
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
        tags,
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
