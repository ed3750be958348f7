"""A reporter attaches a PDF to an activity with the keyboard alone (the file itself is
given to the focused file field, as a person's file chooser would), then says whether
it may be shown on the public pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from demo.evidence import small_pdf
from reports.models import Evidence, Report
from reports.services.evidence import EvidenceTarget, evidence_add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reporter_attaches_a_pdf_to_an_activity_with_the_keyboard(sign_in):
    page = sign_in("vn-reporter")
    report = Report.objects.get(country__code="VN", cycle__starts_on__year=2022)
    activity = report.activities.order_by("starts_on", "pk")[1]
    page.goto(f"/reports/{report.pk}/activities/")

    link = page.get_by_role("link", name=f"Attach a file to {activity.title}")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/evidence/add/activity/{activity.pk}/")
    expect(page.get_by_test_id("evidence-target")).to_contain_text(activity.title)

    page.get_by_label("Title").focus()
    page.keyboard.type("Danh sách đại biểu tập huấn")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Language of the file")).to_be_focused()
    page.keyboard.type("Vietnamese")
    page.keyboard.press("Tab")
    file_field = page.get_by_label("File", exact=True)
    expect(file_field).to_be_focused()
    file_field.set_input_files(
        {"name": "attendance.pdf", "mimeType": "application/pdf", "buffer": small_pdf(["List"])}
    )
    page.keyboard.press("Tab")
    # Then whether the file may be shown on the public pages (issue 22), unticked.
    expect(page.get_by_label("May be shown on the public pages")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Attach the file")).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/reports/{report.pk}/activities/**")
    expect(page.get_by_role("status")).to_contain_text("attached")
    row = page.locator(f"#activity-{activity.pk}")
    expect(row.get_by_role("link", name="Danh sách đại biểu tập huấn", exact=True)).to_be_visible()
    evidence = Evidence.objects.get(title="Danh sách đại biểu tập huấn")
    assert (evidence.activity_id, evidence.language, evidence.file_type) == (
        activity.pk,
        "vi",
        "pdf",
    )


def test_reporter_says_a_file_may_be_public_with_the_keyboard(sign_in):
    """After the upload, from the list of files, without a script: the control is named
    by the file, sends the state wanted, and the page comes back saying it."""
    page = sign_in("vn-reporter")
    report = Report.objects.get(country__code="VN", cycle__starts_on__year=2022)
    activity = report.activities.order_by("starts_on", "pk")[1]
    evidence = evidence_add(
        report=report,
        user=get_user_model().objects.get(username="vn-reporter"),
        target=EvidenceTarget(activity=activity),
        title="Biên bản hội thảo",
        language="vi",
        upload=SimpleUploadedFile("minutes.pdf", small_pdf(["Minutes"])),
    )
    page.goto(f"/reports/{report.pk}/activities/")
    row = page.locator(f"#activity-{activity.pk}")
    # Named by the file (its title hidden but read out: the name computed has a space
    # before the colon, as the hidden text is a box of its own).
    show = row.get_by_role("button", name=re.compile(r"^Show on the public pages\W+Biên bản"))
    show.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/reports/{report.pk}/activities/")
    expect(page.get_by_role("status")).to_contain_text("once the report is published")
    hide = row.get_by_role("button", name=re.compile(r"^Do not show on the public pages\W+Biên"))
    expect(hide).to_be_visible()
    evidence.refresh_from_db()
    assert evidence.is_public
