"""Issue 20 end to end: Viet Nam's focal point, in Vietnamese, types "1.541" and a
break-down that does not add up, picks "Hà Nội" by typing "ha noi", attaches a PDF to the
activity, explains the warning on the submit page and submits; the reviewer reads the
explanation beside the figure and downloads the file. axe-core runs on each state the flow
passes through that no other audit reaches in this order (one live server, one browser
context per person)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from demo.evidence import small_pdf
from reports import quality
from reports.answer_states import AnswerInput
from reports.layout import build_layout
from reports.models import Activity, Evidence, IndicatorValue, Report, ReportState
from reports.services.answers import section_save
from tests.browser.axe import check_error_summary, check_pages

User = get_user_model()

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Tập huấn cho thanh tra lao động ở Hà Nội"
EXPLANATION = "Số liệu chi tiết theo giới chỉ có cho hai tỉnh; phần còn lại chưa thống kê."
EVIDENCE_TITLE = "Danh sách đại biểu tập huấn"


def demo_report() -> Report:
    return Report.objects.get(country__code="VN", cycle__starts_on__year=2022)


def answer_required_questions(report: Report, user) -> None:
    """The draft's required questions that are still empty, answered through the entry
    service: the flow is about figures, and the review test types answers already."""
    layout = build_layout(report)
    for problem in quality.report_problems(layout):
        if problem.blocking:
            section_save(
                report=report,
                user=user,
                layout_section=layout.section(problem.section_order),
                answers=[AnswerInput(problem.item.key, "Đã thực hiện trong năm.", None, 0, "")],
            )


def in_vietnamese(page, live_server) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "vi", "url": live_server.url}])


def test_focal_point_explains_a_figure_and_the_reviewer_reads_it_and_the_file(sign_in, live_server):
    minh = sign_in("vn-focal")
    in_vietnamese(minh, live_server)
    report = demo_report()
    answer_required_questions(report, User.objects.get(username="vn-focal"))

    indicator = _type_a_value_that_does_not_add_up(minh, report)
    activity = _add_an_activity_in_ha_noi(minh, report)
    pdf = _attach_a_pdf(minh, report, activity)
    _explain_and_submit(minh, report, indicator)

    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    value = IndicatorValue.objects.get(report=report, indicator_id=indicator)
    assert value.value == Decimal(1541)

    rita = sign_in("ilo-reviewer")
    rita.goto(f"/reports/{report.pk}/read/")
    row = rita.locator(f"#indicator-{indicator}")
    # "1.541" typed in Vietnamese, read in English as one thousand five hundred and forty-one.
    expect(row.get_by_role("cell").first).to_have_text("1,541")
    expect(row.get_by_test_id("rule-explanation")).to_contain_text(EXPLANATION)
    check_pages(rita, [None])

    link = rita.get_by_test_id("reading-evidence").get_by_role("link", name=EVIDENCE_TITLE)
    response = rita.context.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body() == pdf


def _type_a_value_that_does_not_add_up(page, report: Report) -> int:
    """1.541 with parts 1.000 + 300, not marked partial: saved, and warned at the field."""
    value = IndicatorValue.objects.filter(report=report).order_by("indicator__order").first()
    indicator = value.indicator_id
    page.goto(f"/reports/{report.pk}/indicators/")
    card = page.get_by_test_id(f"indicator-{indicator}")
    card.locator(f"#id_ind-{indicator}-value").fill("1.541")
    parts = card.locator(".pf-parts")
    visible = parts.locator(".pf-remove-part:visible")
    while visible.count():
        visible.first.click()
    for label, amount in (("trẻ em gái", "1.000"), ("trẻ em trai", "300")):
        parts.get_by_role("button", name="Thêm một phần").click()
        parts.locator(".pf-part-row input[name$='-label']").last.fill(label)
        parts.locator(".pf-part-row input[name$='-amount']").last.fill(amount)
    expect(card.locator(f"#id_ind-{indicator}-breakdown_partial")).not_to_be_checked()
    page.get_by_role("button", name="Lưu giá trị chỉ số").click()

    page.wait_for_url(f"**/reports/{report.pk}/indicators/")
    partial = card.locator(f"#id_ind-{indicator}-breakdown_partial")
    hint = page.locator(f"#id_ind-{indicator}-breakdown_partial_helptext")
    expect(hint).to_contain_text("Cảnh báo:")
    assert f"id_ind-{indicator}-breakdown_partial_helptext" in (
        partial.get_attribute("aria-describedby") or ""
    )
    expect(card.locator(f"#id_ind-{indicator}-value")).to_have_value("1.541")
    check_pages(page, [None])
    return indicator


def _add_an_activity_in_ha_noi(page, report: Report) -> Activity:
    """The province filter, keyboard only: "ha noi" finds Hà Nội, Enter goes to it, Space
    ticks it."""
    page.goto(f"/reports/{report.pk}/activities/add/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_kind", "training")
    page.fill("#id_starts_on", "2023-04-10")
    page.focus("#id_areas_not_given")
    page.keyboard.press("Tab")
    expect(page.locator("#id_areas_filter")).to_be_focused()
    page.keyboard.type("ha noi")
    expect(page.locator("#id_areas_matches")).to_have_text("1 tỉnh, thành phố khớp.")
    check_pages(page, [None])  # the filter open, with its match
    page.keyboard.press("Enter")
    hanoi = page.get_by_label("Hà Nội", exact=True)
    expect(hanoi).to_be_focused()
    page.keyboard.press("Space")
    expect(hanoi).to_be_checked()
    page.fill("#id_participants_women", "12")
    page.fill("#id_participants_men", "8")
    page.fill("#id_participants_total", "20")
    page.get_by_role("button", name="Lưu hoạt động").click()
    row = page.get_by_test_id("activity-table").get_by_role("row", name=TITLE)
    expect(row).to_contain_text("Hà Nội")
    activity = Activity.objects.get(report=report, title=TITLE)
    expect(row).not_to_contain_text("không có trong danh sách")
    assert activity.areas.count() == 1
    return activity


def _attach_a_pdf(page, report: Report, activity: Activity) -> bytes:
    """A file that is not what its name says is refused at the field; the real PDF is
    kept."""
    page.goto(f"/reports/{report.pk}/evidence/add/activity/{activity.pk}/")
    page.locator("#id_title").fill(EVIDENCE_TITLE)
    page.locator("#id_language").select_option("vi")
    page.locator("#id_file").set_input_files(
        {"name": "danh-sach.pdf", "mimeType": "application/pdf", "buffer": b"PK\x03\x04 zip"}
    )
    page.get_by_role("button", name="Đính kèm tệp này").click()
    check_error_summary(page)
    expect(page.locator("#id_title")).to_have_value(EVIDENCE_TITLE)
    check_pages(page, [None])  # the upload form with its error

    pdf = small_pdf(["Danh sach dai bieu", "12 nu, 8 nam"])
    page.locator("#id_file").set_input_files(
        {"name": "danh-sach.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Đính kèm tệp này").click()
    page.wait_for_url(f"**/reports/{report.pk}/activities/**")
    assert Evidence.objects.get(title=EVIDENCE_TITLE).activity_id == activity.pk
    return pdf


def _explain_and_submit(page, report: Report, indicator: int) -> None:
    """Every open warning is listed with a link to its field; the break-down's gets the
    explanation, any other the demo leaves open gets one too."""
    page.goto(f"/reports/{report.pk}/submit/")
    anchor = f"#id_ind-{indicator}-breakdown_partial"
    listed = page.get_by_test_id("rule-warning").locator(f'a[href$="{anchor}"]')
    expect(listed).to_have_count(1)
    check_pages(page, [None])  # the submit page with its warnings
    for box in page.locator("fieldset textarea").all():
        described = box.get_attribute("aria-describedby").split()[0]
        link = page.locator(f'[id="{described}"] a')  # the ids hold a dot
        text = EXPLANATION if link.get_attribute("href").endswith(anchor) else "Đã kiểm tra."
        box.fill(text)
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.wait_for_url(f"**/reports/{report.pk}/")
