"""Entry in a real browser: autosave with Vietnamese text, a conflict between two people,
and the focal point's way from "cannot submit yet" to a submitted, read-only report."""

import re

import pytest
from playwright.sync_api import expect

from reports.layout import build_layout
from reports.models import Answer, Report

pytestmark = pytest.mark.browser

VI = "Bộ Lao động – Thương binh và Xã hội đã tổ chức tập huấn"


def demo_report():
    return Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)


def keys_by_code(report):
    found: dict[str, list[str]] = {}
    for item in build_layout(report).items():
        found.setdefault(item.question.code, []).append(item.key)
    return found


def test_autosave_conflict_and_submit(sign_in):
    report = demo_report()
    keys = keys_by_code(report)
    first = keys["priority_progress"][0]
    section_1 = f"/reports/{report.pk}/sections/1/"

    # A reporter types Vietnamese text; autosave stores it; a reload shows it.
    hoa = sign_in("vn-reporter")
    hoa.goto(section_1)
    hoa.fill(f"#id_{first}", VI)
    expect(hoa.locator("#save-status")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
    hoa.reload()
    expect(hoa.locator(f"#id_{first}")).to_have_value(VI)

    # A colleague saves another text on the same section; the reporter's stale save is
    # refused, with both texts shown and hers still in the field.
    minh = sign_in("vn-focal")
    minh.goto(section_1)
    minh.fill(f"#id_{first}", "Văn bản của anh Minh")
    minh.get_by_role("button", name="Save", exact=True).click()
    expect(minh.get_by_text("Saved at")).to_be_visible()

    hoa.fill(f"#id_{first}", VI + " cho 40 học viên")
    hoa.get_by_role("button", name="Save", exact=True).click()
    conflict = hoa.locator(".pf-conflict")
    expect(conflict).to_contain_text("Someone else saved this answer at")
    expect(conflict).to_contain_text("Trần Văn Minh")
    expect(conflict).to_contain_text("Văn bản của anh Minh")
    expect(conflict).to_contain_text(VI + " cho 40 học viên")
    expect(hoa.locator(f"#id_{first}")).to_have_value(VI + " cho 40 học viên")

    # The focal point cannot submit with required questions empty ...
    minh.goto(f"/reports/{report.pk}/submit/")
    summary = minh.locator("#error-summary")
    expect(summary).to_contain_text("The report cannot be submitted yet")
    expect(summary.get_by_role("link")).to_have_count(2)  # highlights and priority #11
    expect(minh.get_by_role("button", name="Submit the report")).to_be_disabled()

    # ... follows each link, answers, saves ...
    for key, text in [
        (keys["highlights"][0], "Viet Nam đã thông qua Chương trình hành động quốc gia."),
        (keys["priority_progress"][10], "Đã tổ chức 3 khóa tập huấn cho thanh tra lao động."),
    ]:
        minh.goto(f"/reports/{report.pk}/submit/")
        minh.locator(f'#error-summary a[href$="#id_{key}"]').click()
        field = minh.locator(f"#id_{key}")
        expect(field).to_be_visible()
        field.fill(text)
        minh.get_by_role("button", name="Save", exact=True).click()
        expect(minh.get_by_text("Saved at")).to_be_visible()

    # ... and submits: the report is read-only for the country from then on.
    minh.goto(f"/reports/{report.pk}/submit/")
    expect(minh.locator("#error-summary")).to_have_count(0)
    minh.get_by_role("button", name="Submit the report").click()
    expect(minh.get_by_text("The report was submitted")).to_be_visible()
    hoa.goto(section_1)
    expect(hoa.get_by_text("read-only")).to_be_visible()
    expect(hoa.locator("textarea")).to_have_count(0)


def test_a_chosen_answer_can_be_cleared_and_autosaves(sign_in):
    from reports.models import Answer

    report = demo_report()
    key = keys_by_code(report)["other_successes"][0]
    page = sign_in("vn-reporter")
    page.goto(f"/reports/{report.pk}/sections/3/")
    expect(page.locator(f'[name="{key}"][value="no"]')).to_be_checked()
    page.locator(f'[data-clear="{key}"]').click()
    expect(page.locator(f'[name="{key}"]:checked')).to_have_count(0)
    expect(page.locator("#save-status")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
    answer = Answer.objects.get(report=report, question__code="other_successes")
    assert answer.value in (None, "")


def test_each_next_step_row_added_by_the_script_gets_its_own_key(sign_in):
    report = demo_report()
    key = keys_by_code(report)["next_steps"][0]
    page = sign_in("vn-reporter")
    page.goto(f"/reports/{report.pk}/sections/8/")
    add = page.get_by_role("button", name="Add a next step")
    add.click()
    add.click()
    keys = page.locator(f'.pf-rows input[name^="{key}-"][name$="-key"]').evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )
    new = [k for k in keys if k]
    # The server's blank row and the two added ones: each a distinct UUID.
    assert len(new) >= 3
    assert len(set(new)) == len(new)
    assert all(
        re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", k)
        for k in new
    )


def test_autosave_refreshes_the_section_counts_and_the_progress_bar(sign_in):
    report = demo_report()
    key = keys_by_code(report)["priority_progress"][10]  # required, empty in the demo
    layout = build_layout(report)
    section = layout.section(1)
    page = sign_in("vn-reporter")
    page.goto(f"/reports/{report.pk}/sections/1/")
    badge = page.locator('[data-section-count="1"]')
    expect(badge).to_contain_text(f"{section.answered_count}/{len(section.items)}")
    required = page.locator("[data-progress-required]")
    expect(required).to_have_text(f"{layout.required_answered} / {layout.required_total}")

    page.fill(f"#id_{key}", "Đã tổ chức 3 khóa tập huấn cho thanh tra lao động.")
    expect(page.locator("#save-status")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
    expect(badge).to_contain_text(f"{section.answered_count + 1}/{len(section.items)}")
    expect(required).to_have_text(f"{layout.required_answered + 1} / {layout.required_total}")
    after = build_layout(demo_report())
    expect(page.locator("[data-progress]")).to_have_attribute(
        "aria-valuenow", str(after.percent_complete)
    )


def test_copy_last_cycles_answer_appends_it_and_autosaves(sign_in):
    """Beside a priority answered last cycle: "Copy into my answer" adds last cycle's text
    after a blank line, keeps what was typed, and the autosave stores both."""
    report = demo_report()
    item = next(i for i in build_layout(report).items() if i.question.code == "priority_progress")
    first = item.key
    stored = Answer.objects.get(report=report, question=item.question, priority=item.priority)
    typed = stored.text
    hoa = sign_in("vn-reporter")
    hoa.goto(f"/reports/{report.pk}/sections/1/")
    box = hoa.locator(f"#item-{first}")
    previous = box.locator(".pf-previous-text").text_content()
    assert previous
    box.get_by_text("Last cycle's answer to question 1").click()
    box.get_by_role("button", name="Copy into my answer (question 1)").click()
    expect(box.locator(".pf-copy-status")).to_contain_text("Last cycle's answer was added")
    field = hoa.locator(f"#id_{first}")
    expect(field).to_be_focused()
    expect(field).to_have_value(typed.rstrip() + "\n\n" + previous)
    expect(hoa.locator("#save-status")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
    stored.refresh_from_db()
    assert stored.text == typed.rstrip() + "\n\n" + previous


def test_example_is_collapsed_and_opens_from_the_keyboard(sign_in):
    report = demo_report()
    hoa = sign_in("vn-reporter")
    hoa.goto(f"/reports/{report.pk}/sections/4/")
    example = hoa.locator("details.pf-example").first
    expect(example.locator(".pf-example-text")).to_be_hidden()
    example.locator("summary").focus()
    hoa.keyboard.press("Enter")
    expect(example.locator(".pf-example-text")).to_be_visible()


def test_two_people_one_answer_the_second_combines_both_texts(sign_in):
    """Minh saves an answer Hoa is editing; Hoa's autosave is refused and the conflict's
    box offers the three choices. She combines the two texts: the box stays while other
    autosaves go by, "Save my choice" stores the combined text, nothing of either is lost,
    and the history says the conflict was resolved by combining."""
    report = demo_report()
    first, other = keys_by_code(report)["priority_progress"][:2]
    section_1 = f"/reports/{report.pk}/sections/1/"
    hoa = sign_in("vn-reporter")
    hoa.goto(section_1)
    minh = sign_in("vn-focal")
    minh.goto(section_1)
    minh.fill(f"#id_{first}", "Văn bản của anh Minh về thanh tra lao động.")
    minh.get_by_role("button", name="Save", exact=True).click()
    expect(minh.get_by_text("Saved at")).to_be_visible()

    hoa.fill(f"#id_{first}", "Văn bản của chị Hoa về tập huấn.")
    box = hoa.locator(f'.pf-conflict[data-conflict-for="{first}"]')
    expect(box).to_contain_text("Someone else saved this answer at")
    expect(hoa.locator("#save-status")).to_contain_text("Not saved")
    expect(box.get_by_role("group", name="How do you want to settle this?")).to_be_visible()
    expect(box.locator("del").first).to_contain_text("anh Minh")
    expect(box.locator("ins").first).to_contain_text("chị Hoa")
    combined = box.get_by_label("Combined text (starts from both versions: edit it)")
    start = combined.input_value()
    assert "anh Minh" in start and "chị Hoa" in start  # starts from both

    box.get_by_label("Save a combined text").check()
    mixed = "Văn bản của anh Minh về thanh tra lao động và của chị Hoa về tập huấn."
    combined.fill(mixed)
    # Another answer typed meanwhile autosaves; the box, its choice and its text stay.
    hoa.fill(f"#id_{other}", "Một câu trả lời khác.")
    expect(hoa.locator("#save-status")).to_contain_text("Not saved")
    expect(combined).to_have_value(mixed)
    expect(box.get_by_label("Save a combined text")).to_be_checked()
    item = next(i for i in build_layout(report).items() if i.key == first)
    stored = Answer.objects.get(report=report, question=item.question, priority=item.priority)
    assert stored.text == "Văn bản của anh Minh về thanh tra lao động."  # not passed over

    box.get_by_role("button", name=re.compile("^Save my choice")).click()
    expect(hoa.locator("#save-status")).to_contain_text("Conflict settled: Save a combined text.")
    expect(box).to_have_count(0)
    field = hoa.locator(f"#id_{first}")
    expect(field).to_have_value(mixed)
    expect(field).to_be_focused()
    stored.refresh_from_db()
    assert stored.text == mixed
    minh.goto(f"/reports/{report.pk}/history/")
    expect(minh.get_by_text("Conflict resolved: combined both texts")).to_be_visible()


def test_copy_last_cycles_answer_twice_adds_it_once(sign_in):
    report = demo_report()
    item = next(i for i in build_layout(report).items() if i.question.code == "priority_progress")
    stored = Answer.objects.get(report=report, question=item.question, priority=item.priority)
    hoa = sign_in("vn-reporter")
    hoa.goto(f"/reports/{report.pk}/sections/1/")
    box = hoa.locator(f"#item-{item.key}")
    previous = box.locator(".pf-previous-text").text_content()
    box.get_by_text("Last cycle's answer to question 1").click()
    button = box.get_by_role("button", name="Copy into my answer (question 1)")
    button.click()
    expect(box.locator(".pf-copy-status")).to_contain_text("Last cycle's answer was added")
    button.click()
    expect(box.locator(".pf-copy-status")).to_contain_text("is already in your answer")
    expected = stored.text.rstrip() + "\n\n" + previous
    expect(hoa.locator(f"#id_{item.key}")).to_have_value(expected)
    expect(hoa.locator("#save-status")).to_contain_text(re.compile(r"Saved \d\d:\d\d"))
    stored.refresh_from_db()
    assert stored.text == expected
