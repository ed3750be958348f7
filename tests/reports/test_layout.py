import datetime as dt

import pytest

from reports.layout import attach_open_threads, build_layout, item_key, key_of, roman
from reports.models import Answer, CommentThread, NextStep, Question, ReportState
from reports.selectors.threads import threads_by_item
from reports.services.comments import thread_resolve, thread_start
from roadmap.models import Priority
from tests.factories import CycleFactory, NextStepFactory, ReportFactory, report_with_form

from .review_support import put_in_state

pytestmark = pytest.mark.django_db


def test_per_priority_question_expands_to_one_numbered_item_per_priority():
    report = report_with_form(priorities=15)
    layout = build_layout(report)
    first = layout.sections[0]
    assert [i.number for i in first.items] == list(range(1, 16))
    assert first.items[0].text.startswith("Since May 2022, what progress has been made to your #1")
    assert first.items[0].priority.label in first.items[0].text


def test_numbers_run_on_across_sections_and_match_the_printed_form():
    """15 priorities and 5 carried-over next steps give the 2022-2023 form's 43 questions."""
    report = report_with_form(priorities=15)
    previous = ReportFactory(
        country=report.country,
        roadmap=report.roadmap,
        cycle=CycleFactory(starts_on=report.cycle.starts_on.replace(year=2021)),
    )
    for n in range(5):
        NextStepFactory(report=previous, order=n)
    layout = build_layout(report)
    numbers = [i.number for i in layout.items()]
    assert sorted(set(numbers)) == list(range(1, 44))
    status = [i for i in layout.items() if i.question.code == "next_step_status"]
    assert [i.number for i in status] == [16, 17, 18, 19, 20]
    narrative = [
        i.display_number for i in layout.items() if i.question.code == "next_step_progress"
    ]
    assert narrative == ["21.1", "21.2", "21.3", "21.4", "21.5"]
    assert layout.items().__next__().display_number == "1"
    assert layout.next_steps_carried == list(previous.next_steps.order_by("order"))


def test_next_steps_carry_over_from_the_countrys_latest_report_when_it_skipped_a_cycle(report):
    """The report's cycle starts in 2022; the country has no report of 2021-2022 (another
    country has), so its 2020-2021 report's next steps are the ones it reports on."""
    framework = report.cycle.framework
    latest = ReportFactory(
        country=report.country,
        roadmap=report.roadmap,
        cycle=CycleFactory(framework=framework, starts_on=dt.date(2020, 5, 1)),
    )
    steps = [NextStepFactory(report=latest, order=n) for n in range(1, 3)]
    skipped = report_with_form(
        priorities=1, cycle=CycleFactory(framework=framework, starts_on=dt.date(2021, 5, 1))
    )
    NextStepFactory(report=skipped, order=1)  # another country's: not carried
    assert build_layout(report).next_steps_carried == steps


def test_sections_are_numbered_in_roman_and_fill_placeholders(report):
    layout = build_layout(report)
    assert [s.number for s in layout.sections][:3] == ["I", "II", "III"]
    assert layout.sections[-1].heading == "Next steps until April 2024"
    assert roman(9) == "IX"


def test_inactive_priorities_are_not_asked_about():
    report = report_with_form(priorities=4)
    report.roadmap.priorities.filter(number=1).update(is_active=False)
    assert len(build_layout(report).sections[0].items) == 0 or all(
        i.priority.is_active for i in build_layout(report).sections[0].items
    )
    assert len(build_layout(report).sections[0].items) == 0


def test_completeness_counts_required_items(report):
    layout = build_layout(report)
    assert layout.required_answered == 0
    item = layout.sections[0].items[0]
    Answer.objects.create(report=report, question=item.question, priority=item.priority, text="x")
    layout = build_layout(report)
    assert layout.required_answered == 1
    assert 0 < layout.percent_complete < 100


def test_next_steps_question_is_answered_by_rows(report):
    NextStep.objects.create(report=report, title="Train inspectors", work_areas=["child_labour"])
    item = next(i for i in build_layout(report).items() if i.question.kind == "next_steps")
    assert item.is_answered and item.rows[0].title == "Train inspectors"


def test_item_keys_are_stable():
    assert item_key(3) == "q3"
    assert item_key(3, priority_id=7) == "q3-p7"
    assert item_key(3, next_step_id=9) == "q3-n9"


def _item(report, code, index=0):
    return [i for i in build_layout(report).items() if i.question.code == code][index]


def test_a_conditional_item_is_asked_only_when_its_condition_holds(report):
    assert not _item(report, "other_successes_detail").asked
    assert _item(report, "challenges").asked  # no condition
    condition = _item(report, "other_successes")
    Answer.objects.create(report=report, question=condition.question, value="yes")
    assert _item(report, "other_successes_detail").asked


def test_an_item_carries_its_chosen_values_labels_and_key(report):
    empty = _item(report, "evidence_tools")
    assert (empty.values, empty.labels, empty.is_answered) == ([], [], False)
    answer = Answer.objects.create(
        report=report, question=empty.question, value=["surveys", "case_studies"], text="Also x"
    )
    item = _item(report, "evidence_tools")
    labels = {c.value: c.shown_label for c in item.question.choices.all()}
    assert item.values == ["surveys", "case_studies"]
    assert item.labels == [labels["surveys"], labels["case_studies"]]
    assert item.answer_text == "Also x" and item.is_answered
    assert item.key == key_of(answer) == f"q{item.question.pk}"
    answer.value = []
    answer.save()
    assert _item(report, "evidence_tools").values == []
    assert not _item(report, "evidence_tools").is_answered


def test_a_text_item_has_no_chosen_values(report):
    item = _item(report, "highlights")
    Answer.objects.create(report=report, question=item.question, text="Forum held")
    item = _item(report, "highlights")
    assert item.values == [] and item.answer_text == "Forum held" and item.is_answered


def test_open_threads_are_counted_per_item_and_section_retired_priorities_included(
    report, reviewer
):
    put_in_state(report, ReportState.SUBMITTED)
    layout = build_layout(report)
    first, third = layout.sections[0], layout.sections[2]
    thread_start(report=report, user=reviewer, item=first.items[0], body="a")
    thread_start(report=report, user=reviewer, item=first.items[3], body="b")
    done = thread_start(report=report, user=reviewer, item=third.items[0], body="c")
    thread_resolve(thread=done, user=reviewer)
    # A thread on a priority since retired: no longer laid out, still open in its section.
    # Retired by a write that skips the model (the base manager, as raw SQL would): a
    # handed-in report's roadmap version is frozen (reports.freeze) on every path of the
    # default manager, so only such a write (or a priority of a version since changed)
    # leaves a thread on a priority no longer laid out.
    Priority._base_manager.filter(pk=first.items[3].priority.pk).update(is_active=False)

    layout = build_layout(report)
    attach_open_threads(layout, threads_by_item(report=report))

    assert layout.sections[0].items[0].unresolved == 1
    assert layout.sections[0].unresolved == 2
    assert layout.sections[2].unresolved == 0
    assert (
        sum(s.unresolved for s in layout.sections)
        == CommentThread.objects.filter(resolved_at__isnull=True).count()
    )


@pytest.mark.parametrize("priorities", [15, 40])
def test_layout_cost_does_not_grow_with_the_roadmap(priorities, django_assert_num_queries):
    report = report_with_form(priorities=priorities)
    previous = ReportFactory(
        country=report.country,
        roadmap=report.roadmap,
        cycle=CycleFactory(starts_on=report.cycle.starts_on.replace(year=2021)),
    )
    for n in range(priorities // 3):
        NextStepFactory(report=previous, order=n)
    report = type(report).objects.with_context().get(pk=report.pk)  # + its questionnaire
    # The first time (issue 25: was 9): sections, questions, choices, priorities (kept
    # from then on: reports.structure), the latest earlier report, its next steps (kept
    # from then on under its revision: reports.previous_report), own next steps, answers.
    with django_assert_num_queries(8):
        build_layout(report)
    # Then, as a new request reads the report again: the latest earlier report, own next
    # steps, answers.
    report = type(report).objects.with_context().get(pk=report.pk)
    with django_assert_num_queries(3):
        layout = build_layout(report)
    assert len(layout.next_steps_carried) == priorities // 3


def test_question_count_of_the_annual_form(report):
    assert Question.objects.filter(section__questionnaire__cycle=report.cycle).count() == 25


def test_each_layout_gets_its_own_items_from_the_kept_sections(report):
    """The laid-out sections are kept in the process (issue 25); a request's marks (its
    answers, open threads, a contributor's cut) never reach the next request's items."""
    fresh = type(report).objects.with_context()
    first = build_layout(fresh.get(pk=report.pk))
    first.sections[0].items[0].unresolved = 3
    first.sections[0].items.clear()
    second = build_layout(fresh.get(pk=report.pk))
    assert second.sections[0].items and second.sections[0].items[0].unresolved == 0
    assert second.sections[0] is not first.sections[0]


def test_kept_sections_are_laid_out_again_in_each_language(report):
    from django.utils import translation

    section = report.cycle.questionnaire.sections.order_by("order").first()
    section.translations = {"vi": {"title": "Tiến độ thực hiện"}}
    section.save()
    fresh = type(report).objects.with_context()
    with translation.override("vi"):
        assert build_layout(fresh.get(pk=report.pk)).sections[0].heading == "Tiến độ thực hiện"
    with translation.override("en"):
        assert build_layout(fresh.get(pk=report.pk)).sections[0].heading == section.title
