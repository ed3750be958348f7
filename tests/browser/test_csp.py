"""The Content-Security-Policy blocks nothing the portal needs: a walk through the main
pages (and a Django admin change page) records every `securitypolicyviolation` event and
every console message, and finds none about the policy."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import Questionnaire, Report
from roadmap.models import Roadmap

from .conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs in every document before its own scripts: violations are kept on the window, so
# they can be read back after each page has loaded.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__csp.push({
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
    sample: event.sample,
  });
});
"""


class Watcher:
    """Collects, per page visited, the CSP violations and the console errors/warnings."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        self.violations: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))

    def _on_console(self, message):
        source = message.location.get("url", "")
        if source.endswith("/favicon.ico"):  # there is none: Chromium's 404 is not our concern
            return
        if message.type in {"error", "warning"}:
            self.console.append(f"{message.type}: {message.text} ({source or self.page.url})")

    def collect(self) -> None:
        """Read the current document's violations (before it is navigated away)."""
        found = self.page.evaluate("window.__csp || []")
        self.violations.extend(f"{self.page.url}: {v}" for v in found)

    def visit(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        self.collect()

    def assert_clean(self) -> None:
        policy = [m for m in self.console if "Content Security Policy" in m or "CSP" in m]
        assert not self.violations, "CSP violations:\n" + "\n".join(self.violations)
        assert not policy, "CSP messages in the console:\n" + "\n".join(policy)
        assert not self.console, "console errors:\n" + "\n".join(self.console)


def test_no_csp_violation_on_the_main_pages(browser, live_server, demo):
    report = Report.objects.get(country__code="VN", cycle__starts_on__year=2022)
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        watch = Watcher(page)

        # Sign in; a wrong password first, so the error summary's focus script runs.
        watch.visit("/accounts/login/")
        page.get_by_label("Username").fill("vn-reporter")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("#error-summary")).to_be_focused()
        watch.collect()
        page.get_by_label("Username").fill("vn-reporter")
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")
        watch.collect()  # home

        watch.visit(reverse("reports:detail", args=[report.pk]))

        # Section 1: autosave (fetch to the same origin) after typing.
        watch.visit(reverse("reports:section", args=[report.pk, 1]))
        page.locator("form.pf-section-form textarea").first.fill("Đã tổ chức tập huấn.")
        expect(page.locator("#save-status")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
        watch.collect()

        watch.visit(reverse("reports:read", args=[report.pk]))
        watch.visit(reverse("reports:activities", args=[report.pk]))

        # The language changes with its button (no inline handler).
        page.locator("#language-select").select_option("vi")
        page.get_by_test_id("language-submit").click()
        expect(page.locator("html")).to_have_attribute("lang", "vi")
        watch.collect()
        page.locator("#language-select").select_option("en")
        page.get_by_test_id("language-submit").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        watch.collect()

        watch.assert_clean()
    finally:
        context.close()


def test_no_csp_violation_in_the_admin(browser, live_server, demo):
    # A roadmap with drafts only (the programme's): the demo's handed-in versions are frozen,
    # view-only in the admin, with no row to add.
    roadmap = Roadmap.objects.filter(frozen_at__isnull=True).order_by("pk").first()
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        watch = Watcher(page)
        watch.visit(reverse("admin:login"))
        page.get_by_label("Username").fill("admin")
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}{reverse('admin:index')}")
        watch.collect()

        # A change page with inlines: the admin's own scripts (files) add a row.
        watch.visit(reverse("admin:roadmap_roadmap_change", args=[roadmap.pk]))
        rows = page.locator("#themes-group tbody tr.form-row:not(.empty-form)")
        before = rows.count()
        page.locator("#themes-group .add-row a").click()
        expect(rows).to_have_count(before + 1)
        # The theme toggle (admin/js/theme.js) switches the colour scheme.
        theme = page.locator("html").get_attribute("data-theme")
        page.locator("button.theme-toggle").first.click()
        expect(page.locator("html")).not_to_have_attribute("data-theme", theme or "")
        watch.collect()

        watch.visit(reverse("admin:reports_activity_changelist"))
        watch.collect()

        # The questionnaire preview: its own stylesheet, a GET form.
        questionnaire = Questionnaire.objects.filter(cycle__framework=roadmap.framework).first()
        watch.visit(reverse("admin:reports_questionnaire_preview", args=[questionnaire.pk]))
        page.get_by_label("Roadmap").select_option(str(roadmap.pk))
        page.get_by_label("Language").select_option("vi")
        page.get_by_role("button", name="Show the preview").click()
        expect(page.locator("article.pf-preview[lang=vi]")).to_be_visible()
        watch.assert_clean()
    finally:
        context.close()


def test_no_csp_violation_on_the_api_docs(browser, live_server, demo):
    """Swagger UI (drf-spectacular-sidecar, served from here) draws the API's operations
    under the portal's policy: its start-up script is a file, its page has no inline style."""
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        watch = Watcher(page)
        watch.visit("/accounts/login/")
        page.get_by_label("Username").fill("secretariat")
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")
        watch.visit(reverse("api:docs"))
        expect(page.locator(".opblock").first).to_be_visible()
        # "Try it out" on the reports list: a request to the same origin, with the session.
        page.locator("#operations-reports-reports_list button.opblock-summary-control").click()
        page.get_by_role("button", name="Try it out").click()
        page.get_by_role("button", name="Execute").click()
        expect(
            page.locator(".live-responses-table tbody .response-col_status").first
        ).to_contain_text("200")
        watch.collect()
        watch.assert_clean()
    finally:
        context.close()
