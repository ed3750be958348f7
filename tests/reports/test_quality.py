"""Quality flags: required questions missing, answers pasted under several priorities, next
steps without targets or evidence."""

import pytest

from reports import quality
from reports.models import Answer
from tests.factories import NextStepFactory

from .entry_helpers import layout_of

pytestmark = pytest.mark.django_db


def _answer(report, code, text="", value=None, index=0):
    it = [i for i in layout_of(report).items() if i.question.code == code][index]
    return Answer.objects.create(
        report=report, question=it.question, priority=it.priority, text=text, value=value
    )


def test_missing_required_skips_unanswered_optional_and_hidden_conditionals(report):
    codes = {i.question.code for i in quality.missing_required(layout_of(report))}
    assert "highlights" in codes and "next_steps" in codes
    assert "lessons" not in codes  # optional


def test_answered_required_question_is_no_longer_missing(report):
    _answer(report, "highlights", "Forum held")
    _answer(report, "overall_rating", value="3")
    codes = {i.question.code for i in quality.missing_required(layout_of(report))}
    assert "highlights" not in codes and "overall_rating" not in codes


def test_same_answer_under_several_priorities_is_flagged_once_per_group(report):
    _answer(report, "priority_progress", "Trained 40 people.", index=1)
    _answer(report, "priority_progress", "  trained 40\n people. ", index=2)
    _answer(report, "priority_progress", "TRAINED 40 PEOPLE.", index=9)
    _answer(report, "priority_progress", "Something else.", index=4)
    _answer(report, "priority_progress", "", index=5)
    _answer(report, "priority_progress", "", index=6)
    flags = quality.duplicate_answers(layout_of(report))
    assert [f.message for f in flags] == [
        "Questions 2, 3, 10 have the same answer: say what was done for each priority."
    ]
    assert flags[0].blocking is False
    assert flags[0].section_order == 1
    assert flags[0].field_id == f"id_{flags[0].item.key}"


def test_next_steps_without_targets_or_evidence_are_flagged(report):
    NextStepFactory(report=report, title="Complete", targets="T", evidence="E")
    NextStepFactory(report=report, title="No targets", targets=" ", evidence="E")
    NextStepFactory(report=report, title="No evidence", targets="T", evidence="")
    NextStepFactory(report=report, title="Neither", targets="", evidence="")
    messages = [p.message for p in quality.incomplete_next_steps(layout_of(report))]
    assert messages == [
        "Next step “No targets” has no targets.",
        "Next step “No evidence” has no evidence of achievement.",
        "Next step “Neither” has no targets and no evidence of achievement.",
    ]


def test_report_problems_puts_blocking_first(report):
    _answer(report, "priority_progress", "Same", index=0)
    _answer(report, "priority_progress", "Same", index=1)
    problems = quality.report_problems(layout_of(report))
    assert problems[0].blocking
    assert not problems[-1].blocking
    assert sum(not p.blocking for p in problems) == 1


def test_flags_make_no_queries_of_their_own(report, django_assert_num_queries):
    layout = layout_of(report)
    with django_assert_num_queries(0):
        problems = quality.report_problems(layout)
        [p.section_order for p in problems]


@pytest.mark.parametrize(
    "text",
    [
        "Communication on the hotline \ufffd and Zalo.",
        "Trainees\x0b from 9 provinces.",
        "The workshopwasahybridformatcallingonagenciesdepartmentsandthewholeofsocietytojoin.",
    ],
)
def test_damaged_text_is_flagged(report, text):
    _answer(report, "highlights", text)
    flags = quality.garbled_answers(layout_of(report))
    assert len(flags) == 1 and "looks damaged" in flags[0].message


def test_ordinary_text_with_links_and_vietnamese_is_not_flagged(report):
    _answer(
        report,
        "highlights",
        "Bộ Lao động – Thương binh và Xã hội: see "
        "https://www.alliance87.org/pathfinder-countries/viet-nam/annual-progress-report-2022-2023"
        "\n\n- 40 trainees (32 women, 8 men)\tfrom 9 provinces.",
    )
    assert quality.garbled_answers(layout_of(report)) == []


def test_the_damage_check_finds_what_the_one_pattern_it_replaced_found():
    """Issue 25 split the check in two quicker patterns: the same texts are flagged."""
    import random
    import re

    before = re.compile(r"\ufffd|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|(?<!\S)(?!https?://)[^\s/]{60,}")
    pieces = ["a", "é", "/", " ", "\n", "\u00a0", "\u2003", "https://", "http:/", "x" * 30]
    pieces += ["y" * 59, "\x0b", "\x1f", "\ufffd", "\x7f", "\t"]
    rng = random.Random(25)
    texts = ["", "z" * 59, "z" * 60, " " + "z" * 60, "/" + "z" * 60, "https://" + "z" * 80]
    texts += ["".join(rng.choices(pieces, k=rng.randint(1, 12))) for _ in range(3000)]
    assert any(quality.looks_damaged(t) for t in texts)
    assert any(not quality.looks_damaged(t) for t in texts)
    for text in texts:
        assert quality.looks_damaged(text) == bool(before.search(text)), repr(text)
