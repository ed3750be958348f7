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
