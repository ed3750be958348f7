"""Submit, then download the PDF at once: the submission's job (run here as the worker
runs it) has kept the PDF, so the download is served as it is, with no render."""

import pytest
from playwright.sync_api import expect

from reports.documents import printer
from reports.models import Report
from tests.reports.review_support import fill_required

pytestmark = pytest.mark.browser


def test_submit_then_download_the_pdf_at_once(sign_in, queued_jobs, monkeypatch):
    report = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
    fill_required(report)
    minh = sign_in("vn-focal")
    minh.goto(f"/reports/{report.pk}/submit/")
    minh.get_by_role("button", name="Submit the report").click()
    expect(minh.get_by_text("The report was submitted")).to_be_visible()

    assert queued_jobs.run() >= 1  # the worker: the submission's mail and PDF jobs

    def no_render(*args, **kwargs):
        raise AssertionError("a download rendered a PDF")

    monkeypatch.setattr(printer, "render_pdf", no_render)
    report.refresh_from_db()
    with minh.expect_download() as download:
        minh.get_by_role("link", name="Download PDF").first.click()
    assert download.value.suggested_filename == f"VN-2022-2023-r{report.revision}.pdf"


def _fake_pdf(report, language=None) -> bytes:
    return f"%PDF-1.7 r{report.revision}".encode()


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_pages_of_a_pdf_not_kept_yet_pass_axe_and_offer_the_previous_one(
    sign_in, queued_jobs, monkeypatch, language, width
):
    """Being prepared (202) with the previous revision offered, then cannot be produced
    now (503, a full disk): both pass axe with no exception (no meta refresh: the page's
    script checks, and can be paused), fit a phone, and the offer downloads the older
    revision under its own name. (These states are audited here rather than in
    test_accessibility.py, whose pages must answer 2xx and whose demo renders no PDF.)"""
    import errno

    from django.core.files.storage import FileSystemStorage

    from reports.documents.report_pdf import pdf_for
    from reports.revisions import report_touch

    from .axe import axe_violations, describe

    monkeypatch.setattr(printer, "render_pdf", _fake_pdf)
    report = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
    old = pdf_for(report=report, language=language)
    report_touch(report=report)
    page = sign_in("vn-reporter")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
    page.set_viewport_size({"width": width, "height": 900})

    response = page.goto(f"/reports/{report.pk}/pdf/")
    assert response.status == 202
    expect(page.get_by_test_id("pdf-previous")).to_be_visible()
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)
    expect(page.get_by_test_id("pdf-wait-toggle")).to_be_visible()
    expect(page.get_by_test_id("pdf-check-by-hand")).to_be_hidden()
    found = axe_violations(page)
    assert not found, describe(found)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    with page.expect_download() as download:
        page.get_by_test_id("pdf-previous").get_by_role("link").click()
    assert download.value.suggested_filename == old.filename
    assert f"-r{old.revision}" in old.filename

    def no_space(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", no_space)
    queued_jobs.run()  # the worker's render meets the full disk
    response = page.goto(f"/reports/{report.pk}/pdf/")
    assert response.status == 503
    expect(page.get_by_test_id("pdf-state")).to_be_visible()
    expect(page.get_by_test_id("pdf-wait-toggle")).to_be_visible()
    found = axe_violations(page)
    assert not found, describe(found)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_waiting_page_checks_by_itself_can_be_paused_by_keyboard_and_downloads_when_ready(
    sign_in, queued_jobs, monkeypatch
):
    """The page's script asks again every few seconds (the browser's clock is run
    forward here, not waited for): paused from the keyboard it asks nothing; resumed,
    it finds the worker's PDF and starts its download, saying so in the live region."""
    from reports.revisions import report_touch

    monkeypatch.setattr(printer, "render_pdf", _fake_pdf)
    report = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
    report_touch(report=report)
    page = sign_in("vn-reporter")
    page.clock.install()
    asked = []
    page.on("request", lambda r: asked.append(r.method) if r.url.endswith("/pdf/") else None)
    assert page.goto(f"/reports/{report.pk}/pdf/").status == 202
    checking = page.get_by_test_id("pdf-checking")
    expect(checking).to_have_text(
        "This page checks every few seconds and starts the download as soon as the PDF is ready."
    )
    expect(checking).to_have_attribute("role", "status")

    toggle = page.get_by_role("button", name="Pause automatic checking")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(checking).to_have_text("Automatic checking is paused.")
    expect(page.get_by_role("button", name="Resume automatic checking")).to_be_focused()
    page.clock.run_for(60_000)
    assert asked == ["GET"]  # paused: no check at all

    # Resumed: it checks at once (still being prepared) and says so.
    with page.expect_response(lambda r: r.request.method == "HEAD") as check:
        page.keyboard.press("Enter")
    assert check.value.status == 202
    expect(checking).to_have_text(
        "This page checks every few seconds and starts the download as soon as the PDF is ready."
    )
    assert queued_jobs.run() >= 1  # the worker keeps the PDF of the current revision
    report.refresh_from_db()
    with page.expect_download() as download:
        page.clock.run_for(6_000)
    assert download.value.suggested_filename == f"VN-2022-2023-r{report.revision}.pdf"
    assert "HEAD" in asked


def test_without_script_the_waiting_page_never_reloads_and_says_check_again(
    browser, sign_in, live_server, queued_jobs, monkeypatch
):
    from reports.revisions import report_touch

    monkeypatch.setattr(printer, "render_pdf", _fake_pdf)
    report = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
    report_touch(report=report)
    signed_in = sign_in("vn-reporter")
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        context.add_cookies(signed_in.context.cookies())
        page = context.new_page()
        assert page.goto(f"/reports/{report.pk}/pdf/").status == 202
        expect(page.get_by_test_id("pdf-check-by-hand")).to_be_visible()
        expect(page.get_by_test_id("pdf-wait-toggle")).to_be_hidden()
        expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)
        queued_jobs.run()
        report.refresh_from_db()
        with page.expect_download() as download:
            page.get_by_role("link", name="Check again").click()
        assert download.value.suggested_filename == f"VN-2022-2023-r{report.revision}.pdf"
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_synthesis_pdf_on_a_full_disk_page_passes_axe_with_its_pause_control(
    sign_in, monkeypatch, language
):
    """The synthesis's "cannot be produced now" page (503) checks again as a report's
    does: no meta refresh, axe clean at 1,366 and 390 px, its pause button reachable."""
    import errno

    from django.core.files.storage import FileSystemStorage

    from monitoring import synthesis_doc

    from .axe import axe_violations, describe

    monkeypatch.setattr(synthesis_doc, "render_pdf", lambda s: b"%PDF synthesis")

    def no_space(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", no_space)
    page = sign_in("secretariat")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
    response = page.goto("/monitoring/alliance87/synthesis/2022-2023/synthesis.pdf")
    assert response.status == 503
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)
    expect(page.get_by_test_id("pdf-wait-toggle")).to_be_visible()
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        found = axe_violations(page)
        assert not found, describe(found)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
