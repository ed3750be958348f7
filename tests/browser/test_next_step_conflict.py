"""Two people on one next-step row (question 41) in a real browser: the second person's
autosave is refused, the row's box offers the three choices with each field's differences
marked, and a combined row (its texts from both, the work areas of both) is saved through
the autosave, the box staying put while other fields autosave meanwhile."""

import re

import pytest
from playwright.sync_api import expect

from reports.layout import build_layout
from reports.models import NextStep

from .test_entry import demo_report

pytestmark = pytest.mark.browser


def next_steps_page(report) -> tuple[str, str]:
    """The section page that holds question 41, and the key of its first row."""
    for section in build_layout(report).sections:
        for item in section.items:
            if item.question.code == "next_steps":
                return f"/reports/{report.pk}/sections/{section.section.order}/", f"{item.key}-0"
    raise AssertionError("no next-steps question")


def test_two_people_one_next_step_the_second_combines_both_rows(sign_in):
    report = demo_report()
    page, row = next_steps_page(report)
    step = NextStep.objects.filter(report=report).order_by("order", "pk").first()
    hoa = sign_in("vn-reporter")
    hoa.goto(page)
    minh = sign_in("vn-focal")
    minh.goto(page)
    minh.fill(f"#id_{row}-title", step.title + " (Bộ LĐTBXH)")
    minh.get_by_role("button", name="Save", exact=True).click()
    expect(minh.get_by_text("Saved at")).to_be_visible()

    hoa.fill(f"#id_{row}-evidence", "Báo cáo của chị Hoa")
    box = hoa.locator(f'.pf-conflict[data-conflict-for="{row}"]')
    expect(box).to_contain_text("Someone else saved this next step at")
    expect(hoa.locator("#save-status")).to_contain_text("Not saved")
    choices = box.get_by_role("group", name=re.compile("^How do you want to settle this"))
    expect(choices).to_be_visible()
    expect(box.locator("del").first).to_contain_text("(Bộ LĐTBXH)")  # only in their title
    expect(box.locator("ins").first).to_contain_text("chị Hoa")  # only in her evidence
    title = box.get_by_label(re.compile("^Combined title"))
    evidence = box.get_by_label(re.compile("^Combined evidence"))
    assert "(Bộ LĐTBXH)" in title.input_value()  # starts from both
    assert "Báo cáo của chị Hoa" in evidence.input_value()

    box.get_by_label("Save a combined text").check()
    evidence.fill("Báo cáo của chị Hoa và công báo.")
    # Another row typed meanwhile autosaves; the box, its choice and its fields stay.
    hoa.fill(f"#id_{row[:-1]}1-targets", "Mục tiêu khác")
    expect(hoa.locator("#save-status")).to_contain_text("Not saved")
    expect(evidence).to_have_value("Báo cáo của chị Hoa và công báo.")
    expect(box.get_by_label("Save a combined text")).to_be_checked()
    step.refresh_from_db()
    assert step.title.endswith("(Bộ LĐTBXH)") and step.evidence != "Báo cáo của chị Hoa"

    box.get_by_role("button", name=re.compile("^Save my choice")).click()
    expect(hoa.locator("#save-status")).to_contain_text("Conflict settled: Save a combined text.")
    expect(box).to_have_count(0)
    expect(hoa.locator(f"#id_{row}-evidence")).to_have_value("Báo cáo của chị Hoa và công báo.")
    expect(hoa.locator(f"#id_{row}-title")).to_be_focused()
    step.refresh_from_db()
    assert step.evidence == "Báo cáo của chị Hoa và công báo."
    assert step.title.endswith("(Bộ LĐTBXH)")
    # Saved as settled: the next autosave of the row goes through as an ordinary save.
    hoa.fill(f"#id_{row}-targets", step.targets + " 2024")
    # (the status no longer says the conflict was settled: this save's own line)
    expect(hoa.locator("#save-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))
    targets = step.targets + " 2024"
    step.refresh_from_db()
    assert step.targets == targets
    minh.goto(f"/reports/{report.pk}/history/")
    expect(minh.get_by_text("Conflict resolved: combined both texts")).to_be_visible()


def test_a_next_step_removed_while_a_colleague_changed_it_comes_back_to_choose(sign_in):
    """Hoa removes a next step Minh has just renamed: the row shows again with its box
    (keep the removal or take theirs); taking theirs keeps Minh's row, in its place."""
    report = demo_report()
    page, first = next_steps_page(report)
    row = first[:-1] + "1"
    step = NextStep.objects.filter(report=report).order_by("order", "pk")[1]
    hoa = sign_in("vn-reporter")
    hoa.goto(page)
    minh = sign_in("vn-focal")
    minh.goto(page)
    minh.fill(f"#id_{row}-title", step.title + " (Minh)")
    minh.get_by_role("button", name="Save", exact=True).click()
    expect(minh.get_by_text("Saved at")).to_be_visible()

    hoa.locator(f'.pf-row[data-prefix="{row}"] .pf-remove-row').click()
    box = hoa.locator(f'.pf-conflict[data-conflict-for="{row}"]')
    expect(box).to_contain_text("You removed it: keeping your version removes it.")
    expect(hoa.locator(f'.pf-row[data-prefix="{row}"]')).to_be_visible()
    expect(box.get_by_label("Save a combined text")).to_have_count(0)
    box.get_by_label("Take their version").check()
    box.get_by_role("button", name=re.compile("^Save my choice")).click()
    expect(hoa.locator("#save-status")).to_contain_text("Conflict settled: Take their version.")
    expect(box).to_have_count(0)
    expect(hoa.locator(f"#id_{row}-title")).to_have_value(step.title + " (Minh)")
    expect(hoa.locator(f'.pf-row[data-prefix="{row}"] .pf-row-number')).to_have_text("2")
    assert NextStep.objects.filter(pk=step.pk).exists()
    # Nothing left to remove it later: the next autosave keeps the row.
    hoa.fill(f"#id_{row}-targets", "Mục tiêu mới")
    # (the status no longer says the conflict was settled: this save's own line)
    expect(hoa.locator("#save-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))
    step.refresh_from_db()
    assert step.title.endswith("(Minh)") and step.targets == "Mục tiêu mới"
