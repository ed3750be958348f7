"""The whole review cycle in a real browser, with the demo accounts: submit, comment on
question 1, return with a reason, revise, resubmit, see what changed, accept."""

import pytest
from playwright.sync_api import expect

from reports.layout import build_layout
from reports.models import Report, ReportState

pytestmark = pytest.mark.browser

REASON = "Please give the number of participants for priority #1, by sex."
COMMENT = "How many of the 120 participants were women?"
REVISED = (
    "On 27 May 2022 in Hanoi, the ILO and MOLISA held a forum on international commitments "
    "to end child labour. 120 people took part, 68 of them women."
)


def demo_report():
    return Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)


def save_answer(page, report, key: str, order: int, text: str):
    """Type an answer on its entry page and save it with the Save button."""
    page.goto(f"/reports/{report.pk}/sections/{order}/")
    field = page.locator(f"#id_{key}")
    field.fill(text)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved at")).to_be_visible()


def submit(page, report):
    page.goto(f"/reports/{report.pk}/submit/")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_text("The report was submitted")).to_be_visible()


def test_review_cycle_submit_comment_return_revise_resubmit_accept(sign_in):
    report = demo_report()
    items = {}
    for section in build_layout(report).sections:
        for item in section.items:
            items.setdefault(item.question.code, []).append((item, section.section.order))
    first, first_section = items["priority_progress"][0]
    eleventh, _ = items["priority_progress"][10]
    highlights, highlights_section = items["highlights"][0]
    read_url = f"/reports/{report.pk}/read/"

    # The focal point fills the two empty required answers and submits.
    minh = sign_in("vn-focal")
    save_answer(minh, report, highlights.key, highlights_section, "Viet Nam joined in 2021.")
    save_answer(minh, report, eleventh.key, first_section, "Three inspector trainings.")
    submit(minh, report)

    rita = sign_in("ilo-reviewer")
    _comment_and_return(rita, read_url, first)
    hoa = sign_in("vn-reporter")
    _reply_and_revise(hoa, report, read_url, first, first_section)

    # The focal point resubmits.
    submit(minh, report)

    _see_changes_resolve_and_accept(rita, read_url, first)

    # The country sees it accepted and read-only.
    hoa.goto(read_url)
    expect(hoa.locator(".state-badge").first).to_have_text("Accepted")
    expect(hoa.locator("#decide")).to_have_count(0)
    hoa.goto(f"/reports/{report.pk}/sections/{first_section}/")
    expect(hoa.locator("textarea")).to_have_count(0)
    report = demo_report()
    assert report.state == ReportState.ACCEPTED
    assert list(report.transitions.values_list("action", flat=True)) == [
        "submit",
        "return",
        "submit",
        "accept",
    ]


def _comment_and_return(rita, read_url, first) -> None:
    """The reviewer finds the report in the queue, comments on question 1 and returns it."""
    rita.get_by_role("link", name="Review queue").click()
    rita.get_by_role("link", name="Viet Nam").click()
    expect(rita).to_have_url(f"{rita.url.split('/reports/')[0]}{read_url}")
    question_1 = rita.locator(f"#{first.anchor}")
    question_1.get_by_text("Comment on this question").click()
    question_1.get_by_label("Your comment on question 1").fill(COMMENT)
    question_1.get_by_role("button", name="Post comment").click()
    expect(rita.locator(f"#{first.anchor} .item-threads")).to_contain_text(COMMENT)

    rita.get_by_role("link", name="Go to the decision").click()
    rita.get_by_role("button", name="Return for revision").click()
    # Nothing typed: the browser keeps the form; a crafted empty reason is refused too.
    expect(rita.locator("#decide")).to_be_visible()
    assert demo_report().state == ReportState.SUBMITTED
    rita.locator("#decide").get_by_label("Reason").fill(REASON)
    rita.get_by_role("button", name="Return for revision").click()
    expect(rita.get_by_text("The report was returned to the country")).to_be_visible()
    expect(rita.locator(".state-badge").first).to_have_text("Returned for revision")


def _reply_and_revise(hoa, report, read_url, first, first_section) -> None:
    """The reporter sees the comment beside question 1 and the reason, and revises."""
    hoa.goto(read_url)
    expect(hoa.get_by_test_id("return-reason")).to_contain_text(REASON)
    expect(hoa.locator(f"#{first.anchor} .item-threads")).to_contain_text(COMMENT)
    question_1 = hoa.locator(f"#{first.anchor}")
    question_1.get_by_text("Reply", exact=True).click()
    question_1.get_by_label("Your reply").fill("68 of them were women; the answer says so now.")
    question_1.get_by_role("button", name="Post reply").click()
    expect(hoa.locator(f"#{first.anchor} .item-threads")).to_contain_text("68 of them")
    # ...and on the entry page too, beside the field, with the open count in the nav.
    hoa.goto(f"/reports/{report.pk}/sections/{first_section}/")
    expect(hoa.locator(f"#{first.anchor} .item-threads")).to_contain_text(COMMENT)
    expect(hoa.get_by_test_id(f"unresolved-{first_section}")).to_contain_text("1 open comment")
    save_answer(hoa, report, first.key, first_section, REVISED)


def _see_changes_resolve_and_accept(rita, read_url, first) -> None:
    """The reviewer sees what changed, word by word, resolves the thread and accepts."""
    rita.goto(read_url)
    rita.get_by_role("link", name="See what changed since the previous submission").click()
    expect(rita.get_by_text("1 answer changed")).to_be_visible()
    changed = rita.locator(f"#change-{first.key}")
    expect(changed.locator("ins").first).to_be_visible()
    expect(changed.locator("del").first).to_be_visible()
    expect(changed.locator("ins", has_text="women").first).to_be_visible()
    rita.goto(read_url)
    rita.locator(f"#{first.anchor}").get_by_role("button", name="Mark resolved").click()
    expect(rita.locator(f"#{first.anchor}")).to_contain_text("Resolved by Maria Santos")
    rita.get_by_role("button", name="Accept").click()
    expect(rita.get_by_text("The report was accepted.")).to_be_visible()
