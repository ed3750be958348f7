"""Word in a real browser: download the report as Word, fill three blank questions in
it, upload it, import all but one, and find the answers on the entry pages and in the
audit trail."""

import pytest
from playwright.sync_api import expect

from reports.layout import build_layout
from reports.models import Report
from tests.reports.word.helpers import filled_export

pytestmark = pytest.mark.browser

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_upload_preview_import_all_but_one(sign_in):
    report = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
    blank = [
        i
        for i in build_layout(report).items()
        if not i.is_answered and i.question.kind == "text" and not i.question.shown_if_id
    ][:3]
    assert len(blank) == 3
    texts = {i.display_number: f"Drafted in Word by DCA, answer {i.display_number}." for i in blank}
    data = filled_export(report, texts)

    hoa = sign_in("vn-reporter")
    hoa.goto(f"/reports/{report.pk}/")
    hoa.get_by_role("link", name="Import from Word").click()
    hoa.set_input_files(
        "#id_file", files=[{"name": "VN draft from DCA.docx", "mimeType": DOCX, "buffer": data}]
    )
    hoa.get_by_role("button", name="Read the file").click()
    expect(hoa.get_by_role("heading", name="Check the import")).to_be_visible()
    expect(hoa.get_by_test_id("import-counts")).to_contain_text("3 new answers")
    for item in blank:
        expect(hoa.locator(f"#accept-{item.key}")).to_be_checked()
    skipped = blank[1]
    hoa.locator(f"#accept-{skipped.key}").uncheck()
    hoa.get_by_role("button", name="Import the ticked answers").first.click()
    expect(hoa.get_by_text("2 answers imported from VN draft from DCA.docx.")).to_be_visible()

    for item in blank:
        hoa.goto(f"/reports/{report.pk}/sections/{item.question.section.order}/")
        wanted = "" if item is skipped else texts[item.display_number]
        expect(hoa.locator(f"#id_{item.key}")).to_have_value(wanted)

    hoa.goto(f"/reports/{report.pk}/history/")
    expect(hoa.get_by_text(texts[blank[0].display_number])).to_be_visible()
    expect(hoa.get_by_test_id("change-reason").first).to_have_text(
        "Word file: VN draft from DCA.docx"
    )


def test_word_pages_pass_axe_with_and_without_errors(sign_in):
    from tests.browser.axe import check_error_summary, check_pages

    report = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
    page = sign_in("vn-reporter")
    check_pages(page, [f"/reports/{report.pk}/word/import/"])
    page.set_input_files(
        "#id_file", files=[{"name": "notes.docx", "mimeType": DOCX, "buffer": b"not a docx"}]
    )
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator("#id_file_error")).to_have_text("This is not a Word document (.docx).")
    check_error_summary(page)
    check_pages(page, [None])

    page.set_input_files(
        "#id_file",
        files=[{"name": "r.docx", "mimeType": DOCX, "buffer": filled_export(report, {})}],
    )
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    check_pages(page, [None])

    admin = sign_in("admin")
    check_pages(admin, ["/reports/word/history/"])
