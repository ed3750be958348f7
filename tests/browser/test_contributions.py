"""Issue 24 end to end, in Vietnamese, through the real pages only: the focal point invites
a contributor from the Ministry of Public Security and assigns two priorities with a due
date; the contributor makes an account from the mail's link, sees only those two on the
section page, fills them and marks them ready; the focal point sends one back with a note
and accepts the other; the contributor reads the note, fixes, marks ready again; the focal
point accepts and submits; the reviewer's reading view says which agency wrote what.
axe-core on each page of the flow (1,366 px, and 390 px for the contributor's section)."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from demo.contributors import newest_draft
from reports.layout import build_layout
from reports.models import Assignment, AssignmentState, ReportState
from roadmap.models import Country
from tests.browser.axe import check_pages
from tests.demo_day import DRAFT_DAY

pytestmark = pytest.mark.browser

EMAIL = "tuan.nguyen@bocongan.gov.vn"
PASSWORD = "ba-con-meo-trang-2023"
DUE = DRAFT_DAY + dt.timedelta(days=14)
FIRST = "Năm 2022, Bộ Công an đã điều tra 142 vụ mua bán người, giải cứu 256 nạn nhân."
SECOND = "Bộ Công an phối hợp với Bộ Lao động tập huấn 85 cán bộ về nhận diện nạn nhân."
SECOND_FIXED = SECOND + " Các tỉnh: Lào Cai, Hà Giang, Nghệ An."
BACK_NOTE = "Xin nêu rõ các tỉnh có số liệu."
# The Vietnamese of "Contributed by %(agency)s", as a reviewer reads it beside the answer.
BY_POLICE = "Do Bộ Công an đóng góp"


def vi(english: str) -> str:
    """The Vietnamese of an interface string; a missing one fails here, by name."""
    with translation.override("vi"):
        shown = gettext(english)
    assert shown != english, f"no Vietnamese for {english!r}"
    return shown


def in_vietnamese(page, server_url: str):
    page.context.add_cookies([{"name": "django_language", "value": "vi", "url": server_url}])


def highlights(report):
    """The other required answer the demo's draft lacks, which the focal point writes."""
    for section in build_layout(report).sections:
        for item in section.items:
            if item.question.code == "highlights":
                return item, section.section.order
    raise AssertionError("no highlights question")


def section_pages(report):
    """The two priorities given to the contributor (the first one is a required answer the
    draft still lacks, so the report cannot go before it is written), the others of the
    same section, and that section's order."""
    taken = set(
        Assignment.objects.filter(report=report, priority__isnull=False).values_list(
            "priority_id", flat=True
        )
    )
    by_section = {}
    for section in build_layout(report).sections:
        for item in section.items:
            if item.question.code == "priority_progress":
                by_section.setdefault(section.section.order, []).append(item)
    order, items = next(iter(by_section.items()))
    empty = [i for i in items if i.answer is None and i.priority.pk not in taken]
    free = [i for i in items if i.priority.pk not in taken and i not in empty[:1]]
    mine = [empty[0], free[0]]
    others = [i for i in items if i not in mine]
    return order, mine, others


def test_contributor_from_the_police_writes_two_priorities_in_vietnamese(
    sign_in, browser, live_server
):
    report = newest_draft(Country.objects.get(code="VN"))
    order, mine, others = section_pages(report)
    assert others, "the section should show other priorities the contributor must not see"
    section_url = f"/reports/{report.pk}/sections/{order}/"

    focal = sign_in("vn-focal")
    in_vietnamese(focal, live_server.url)
    _invite(focal, report)
    # The mail's link is absolute on the site's address (SITE_URL): its path, on the test's
    # server.
    link = re.search(r"/reports/invitations/\S+/", mail.outbox[-1].body).group(0)

    contributor = _accept_invitation(browser, live_server, link)
    _assign(focal, report, mine)

    # The contributor sees only the two priorities on the section page.
    contributor.goto(section_url)
    for item in mine:
        expect(contributor.locator(f"#id_{item.key}")).to_be_visible()
    for item in others:
        expect(contributor.locator(f"#id_{item.key}")).to_have_count(0)
    check_pages(contributor, [None])
    contributor.set_viewport_size({"width": 390, "height": 844})
    check_pages(contributor, [None])
    contributor.set_viewport_size({"width": 1366, "height": 900})
    contributor.fill(f"#id_{mine[0].key}", FIRST)
    contributor.fill(f"#id_{mine[1].key}", SECOND)
    contributor.get_by_role("button", name=vi("Save"), exact=True).click()
    expect(contributor.locator(".alert-success").first).to_be_visible()
    first, second = _assignments(mine)
    _mark_ready(contributor, first)
    _mark_ready(contributor, second)

    # The focal point accepts the first and sends the second back with a note.
    focal.goto(f"/reports/{report.pk}/assignments/")
    _accept(focal, first)
    row = focal.locator(f"#assignment-{second.pk}")
    row.get_by_label(vi("What is missing")).fill(BACK_NOTE)
    row.get_by_role("button", name=vi("Send back")).click()
    expect(focal.locator(f"#assignment-{second.pk}")).to_contain_text(BACK_NOTE)

    # The contributor reads the note, adds the provinces, hands it in again.
    contributor.goto("/")
    expect(contributor.get_by_test_id("own-parts")).to_contain_text(BACK_NOTE)
    contributor.goto(section_url)
    expect(contributor.locator(f"#id_{mine[0].key}")).to_have_count(0)  # accepted: read-only
    contributor.fill(f"#id_{mine[1].key}", SECOND_FIXED)
    contributor.get_by_role("button", name=vi("Save"), exact=True).click()
    expect(contributor.locator(".alert-success").first).to_be_visible()
    _mark_ready(contributor, second)

    focal.goto(f"/reports/{report.pk}/assignments/")
    _accept(focal, second)
    _submit(focal, report)

    _reviewer_sees_who_wrote_what(sign_in, live_server, report, mine, others)


def _invite(page, report):
    page.goto(f"/reports/{report.pk}/assignments/")
    page.get_by_role("link", name=vi("Invite a contributor from another agency")).click()
    check_pages(page, [None])
    page.get_by_label(vi("E-mail address")).fill(EMAIL)
    page.locator("#id_name").fill("Nguyễn Văn Tuấn")
    page.get_by_label(vi("Agency"), exact=True).select_option(label="Bộ Công an")
    page.get_by_label(vi("Language of the invitation")).select_option("vi")
    page.get_by_role("button", name=vi("Send the invitation")).click()
    expect(page.locator(".alert-success").first).to_contain_text(EMAIL)
    assert mail.outbox and mail.outbox[-1].to == [EMAIL]


def _accept_invitation(browser, live_server, link):
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    in_vietnamese(page, live_server.url)
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    check_pages(page, [None])
    page.get_by_label(vi("First name")).fill("Tuấn")
    page.get_by_label(vi("Last name")).fill("Nguyễn Văn")
    page.locator("#id_password1").fill(PASSWORD)  # its label is also in "Password again"
    page.get_by_label(vi("Password again")).fill(PASSWORD)
    page.get_by_role("button", name=vi("Make my account and accept")).click()
    page.wait_for_url(f"{live_server.url}/")
    check_pages(page, [None])
    return page


def _assign(page, report, mine):
    page.goto(f"/reports/{report.pk}/assignments/")
    page.select_option("#id_parts", [f"priority:{item.priority.pk}" for item in mine])
    page.get_by_label(re.compile(r"Tuấn.*Bộ Công an")).check()
    page.fill("#id_due_on", DUE.isoformat())
    page.get_by_role("button", name=vi("Assign"), exact=True).click()
    expect(page.locator(".alert-success").first).to_be_visible()
    check_pages(page, [None])


def _assignments(mine):
    found = {
        a.priority_id: a
        for a in Assignment.objects.filter(assignee__username=EMAIL, priority__isnull=False)
    }
    assert set(found) == {item.priority.pk for item in mine}
    assert {a.due_on for a in found.values()} == {DUE}
    return [found[item.priority.pk] for item in mine]


def _mark_ready(page, assignment):
    page.goto("/")
    check_pages(page, [None])
    form = page.locator(f'form[action$="/assignments/{assignment.pk}/"]')
    form.get_by_role("button", name=re.compile(vi("Mark ready"))).click()
    expect(page.locator(".alert-success").first).to_be_visible()
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.READY


def _accept(page, assignment):
    check_pages(page, [None])
    row = page.locator(f"#assignment-{assignment.pk}")
    row.get_by_role("button", name=re.compile(vi("Accept"))).click()
    expect(page.locator(".alert-success").first).to_be_visible()
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED


def _submit(page, report):
    item, order = highlights(report)
    page.goto(f"/reports/{report.pk}/sections/{order}/")
    page.fill(f"#id_{item.key}", "Việt Nam tham gia Liên minh 8.7 từ năm 2021.")
    page.get_by_role("button", name=vi("Save"), exact=True).click()
    expect(page.locator(".alert-success").first).to_be_visible()
    page.goto(f"/reports/{report.pk}/submit/")
    page.get_by_role("button", name=vi("Submit the report")).click()
    expect(page.locator(".alert-success").first).to_be_visible()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def _reviewer_sees_who_wrote_what(sign_in, live_server, report, mine, others):
    reviewer = sign_in("ilo-reviewer")
    in_vietnamese(reviewer, live_server.url)
    reviewer.goto(f"/reports/{report.pk}/read/")
    check_pages(reviewer, [None])
    for item in mine:
        expect(reviewer.locator(f"#item-{item.key}")).to_contain_text(BY_POLICE)
    expect(reviewer.locator(f"#item-{others[0].key}")).not_to_contain_text(BY_POLICE)
