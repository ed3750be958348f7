"""The printed report: what a reader finds in the PDF, read back with pypdf.

The PDF is rendered once for the module (rendering takes a second or two) from a report
with every kind of question answered or left open, then each test reads it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import pytest
from django.db import transaction
from pypdf import PdfReader

from reports.documents.printer import render_pdf
from reports.layout import build_layout
from reports.models import Answer, ReportState
from roadmap.models import WorkArea
from tests.factories import (
    ActivityFactory,
    CycleFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    NextStepFactory,
    ReportFactory,
    report_with_form,
)

MINISTRY = "Bộ Lao động – Thương binh và Xã hội"
PARAGRAPHS = (
    f"{MINISTRY} trained 40 officials in Hà Giang.\n\n"
    "A second paragraph on the follow-up.\n"
    "- first bullet about Đà Nẵng\n"
    "• second bullet about Huế"
)
MARKUP = "<script>alert('x')</script> & <b>not bold</b>"


@dataclass
class Rendered:
    pages: list[str]
    items: list[tuple[str, str]]  # (number as printed, question text) in form order
    country: str
    cycle_label: str


def _fill(report):
    layout = build_layout(report)
    items = list(layout.items())
    by_code = {i.question.code: i for i in items if i.priority is None and i.next_step is None}
    per_priority = [i for i in items if i.priority is not None]
    Answer.objects.create(
        report=report,
        question=per_priority[0].question,
        priority=per_priority[0].priority,
        text=PARAGRAPHS,
    )
    Answer.objects.create(
        report=report,
        question=per_priority[1].question,
        priority=per_priority[1].priority,
        text=MARKUP,
    )
    statuses = [i for i in items if i.question.code == "next_step_status"]
    for item, value in zip(statuses, ["completed", "ongoing"], strict=True):
        Answer.objects.create(
            report=report, question=item.question, next_step=item.next_step, value=value
        )
    for code, fields in {
        "overall_rating": {"value": "4"},
        "other_successes": {"value": "no"},
        "evidence_tools": {"value": ["surveys", "interviews"]},
        "international_partners": {"value": ["ilo", "other"], "text": "Save the Children"},
        "highlights": {"text": "Hotline 111 answered 2,434 calls."},
    }.items():
        Answer.objects.create(report=report, question=by_code[code].question, **fields)
    NextStepFactory(
        report=report,
        order=1,
        title="Regulation on inter-sectoral coordination",
        targets="Signed by April 2024",
        evidence="The signed regulation",
        work_areas=[WorkArea.CHILD_LABOUR, WorkArea.FORCED_LABOUR],
    )
    ActivityFactory(
        report=report,
        title="Training for An Giang officials",
        participants_women=32,
        participants_men=8,
        participants_total=40,
    )
    ActivityFactory(
        report=report,
        title="Forum in Hà Nội",
        starts_on=dt.date(2022, 11, 3),
        participants_women=10,
        participants_men=15,
        participants_total=30,
    )


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker) -> Rendered:
    with django_db_blocker.unblock(), transaction.atomic():
        report = report_with_form(priorities=4)
        previous = ReportFactory(
            country=report.country,
            roadmap=report.roadmap,
            cycle=CycleFactory(starts_on=dt.date(2021, 5, 1)),
            state=ReportState.ACCEPTED,
        )
        NextStepFactory(
            report=previous,
            order=1,
            title="Train labour inspectors",
            targets="Three courses",
            evidence="Course reports",
        )
        NextStepFactory(report=previous, order=2, title="Events for 12 June 2022")
        indicator = IndicatorFactory(country=report.country, name="Calls to hotline 111")
        IndicatorValueFactory(report=previous, indicator=indicator, value=3808)
        IndicatorValueFactory(
            report=report, indicator=indicator, value=2434, parts={"counselling": 541}
        )
        _fill(report)
        layout = build_layout(report)
        items = [
            (i.display_number if i.sub else f"{i.display_number}.", i.text) for i in layout.items()
        ]
        reader = PdfReader(io.BytesIO(render_pdf(report)))
        result = Rendered(
            pages=[page.extract_text() for page in reader.pages],
            items=items,
            country=report.country.name,
            cycle_label=report.cycle.label,
        )
        transaction.set_rollback(True)
    return result


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def heading_pattern(number: str, text: str) -> re.Pattern:
    words = text.split()[:4]
    return re.compile(re.escape(number) + r"\s*" + r"\s+".join(re.escape(w) for w in words))


def test_every_question_appears_with_its_number_in_form_order(rendered):
    body = flat(" ".join(rendered.pages[2:]))
    position = 0
    for number, text in rendered.items:
        match = heading_pattern(number, text).search(body, position)
        assert match, f"question {number} missing or out of order"
        position = match.end()
    assert [n for n, _ in rendered.items][:8] == ["1.", "2.", "3.", "4.", "5.", "6.", "7.1", "7.2"]


def test_index_page_numbers_are_the_pages_the_questions_are_on(rendered):
    entries = []
    for page in rendered.pages[1:3]:
        for line in page.splitlines():
            match = re.match(r"^(\d+(?:\.\d+)?\.?) .*?(?:\. ){3,}\.? ?(\d+)$", line.strip())
            if match:
                entries.append((match[1], int(match[2])))
    assert [n for n, _ in entries] == [n for n, _ in rendered.items]
    texts = dict(rendered.items)
    for number, page in entries:
        assert heading_pattern(number, texts[number]).search(flat(rendered.pages[page - 1])), (
            f"index sends question {number} to page {page}, it is not there"
        )


def test_answers_keep_their_words_paragraphs_and_vietnamese(rendered):
    text = flat(" ".join(rendered.pages))
    assert f"{MINISTRY} trained 40 officials in Hà Giang." in text
    assert "A second paragraph on the follow-up." in text
    assert "first bullet about Đà Nẵng" in text
    assert "second bullet about Huế" in text
    assert "Hotline 111 answered 2,434 calls." in text


def test_markup_in_an_answer_is_printed_literally(rendered):
    assert MARKUP in flat(" ".join(rendered.pages))


def test_choice_questions_show_every_option_with_the_chosen_marked(rendered):
    text = flat(" ".join(rendered.pages))
    assert "☒ Surveys ☐ Case studies ☐ Focus group discussions ☒ Interviews" in text
    assert "☒ Other (please name): Save the Children" in text
    assert "☐ Yes ☒ No ☐ Not applicable" in text


def test_rating_is_printed_as_stars(rendered):
    text = flat(" ".join(rendered.pages))
    assert "No progress ★★★★☆ Great progress" in text
    assert "Good progress (4 of 5)" in text


def test_last_cycles_next_steps_show_their_status_and_targets(rendered):
    text = flat(" ".join(rendered.pages))
    assert "Train labour inspectors" in text
    assert "Targets set last cycle: Three courses" in text
    assert "☐ Not achieved ☐ Planned ☐ Ongoing ☒ Completed" in text
    assert "☐ Not achieved ☐ Planned ☒ Ongoing ☐ Completed" in text


def test_next_steps_are_structured_blocks(rendered):
    text = flat(" ".join(rendered.pages))
    assert "Next step 1: Regulation on inter-sectoral coordination" in text
    assert "Targets Signed by April 2024" in text
    assert "Evidence of achievement The signed regulation" in text
    assert "Work areas Child labour, Forced labour" in text


def test_unanswered_and_unasked_questions_are_marked(rendered):
    text = flat(" ".join(rendered.pages))
    # Priorities 3 and 4, the narratives of both next steps, and more.
    assert text.count("Not answered") >= 4
    assert "Not asked: this question applies only when question" in text


def test_activities_table_adds_up_participants(rendered):
    text = flat(" ".join(rendered.pages))
    assert "Training for An Giang officials" in text
    assert "Total, 2 activities 42 23 70" in text


def test_indicator_values_are_shown_across_cycles(rendered):
    text = flat(" ".join(rendered.pages))
    assert re.search(r"2021-2022 2022-2023 .*Calls to hotline 111.* 3,808 2,434", text)
    assert "counselling 541" in text


def test_every_page_has_header_footer_and_the_draft_mark(rendered):
    total = len(rendered.pages)
    assert "Draft" in rendered.pages[0]
    for number, page in enumerate(rendered.pages[1:], start=2):
        assert f"{rendered.country} · {rendered.cycle_label}" in page
        assert f"Page {number} of {total}" in page
        assert "DRAFT" in page


def test_required_questions_carry_the_same_star_as_on_the_entry_pages(rendered):
    text = flat(" ".join(rendered.pages))
    assert "How would you rank your progress made on your roadmap priorities? *" in text
    assert "achieve target 8.7? *" not in text  # not required: no star
    assert "(required)" not in text  # the screen readers' words stay off the paper


def test_examples_are_printed_apart_from_the_answers(rendered):
    text = flat(" ".join(rendered.pages))
    assert (
        "Example: National statistical office and ILO: conducting a survey on forced labour" in text
    )
