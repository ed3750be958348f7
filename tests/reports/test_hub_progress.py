"""The hub's progress (reports.selectors.progress) counts, numbers and checks as the full
layout does: the same sections, items, answers, conditions, carried-over next steps and
problems, read without the layout's models (issue 25)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from reports import quality
from reports.layout import build_layout
from reports.models import Answer, Report, Section
from reports.selectors.progress import report_progress
from reports.workflow import report_transition
from tests.factories import CycleFactory, NextStepFactory, ReportFactory

from .entry_helpers import forget_structure
from .review_support import fill_required

pytestmark = pytest.mark.django_db


def _shape(layout) -> dict:
    """What the hub reads of a layout, in plain values."""
    return {
        "sections": [
            (
                s.section.order,
                s.title,
                s.answered_count,
                [(i.key, i.display_number, i.asked, i.is_answered) for i in s.items],
            )
            for s in layout.sections
        ],
        "completeness": layout.completeness,
        "carried": [step.pk for step in layout.next_steps_carried],
        "problems": [
            (p.blocking, p.message, p.section_order, p.field_id, p.item.display_number)
            for p in quality.report_problems(layout)
        ],
    }


def assert_same(report: Report) -> dict:
    report = Report.objects.with_context().get(pk=report.pk)
    full = _shape(build_layout(report))
    assert _shape(report_progress(report=report)) == full
    return full


def _answer(report, code, *, index=0, **fields):
    item = [i for i in build_layout(report).items() if i.question.code == code][index]
    return Answer.objects.create(
        report=report,
        question=item.question,
        priority=item.priority,
        next_step=item.next_step,
        **fields,
    )


def _earlier(report, year):
    return ReportFactory(
        country=report.country,
        roadmap=report.roadmap,
        cycle=CycleFactory(framework=report.cycle.framework, starts_on=dt.date(year, 5, 1)),
    )


def test_a_blank_report_counts_as_the_layout_does(report):
    shape = assert_same(report)
    assert shape["completeness"].answered == 0 and shape["problems"]


def test_answers_conditions_next_steps_and_flags_count_as_the_layout_does(report):
    previous = _earlier(report, 2021)
    for n in range(3):
        NextStepFactory(report=previous, order=n)
    _answer(report, "priority_progress", text="Trained 40 people.", index=1)
    _answer(report, "priority_progress", text="trained 40  people.", index=2)
    _answer(report, "highlights", text="Hotline \ufffd and Zalo.")
    _answer(report, "other_successes", value="yes")  # asks its conditional question
    _answer(report, "next_step_status", index=1, value="completed")
    NextStepFactory(report=report, title="Own, no targets", targets=" ")
    shape = assert_same(report)
    assert len(shape["carried"]) == 3
    assert len([p for p in shape["problems"] if not p[0]]) == 3
    fill_required(report)
    assert assert_same(report)["completeness"].percent == 100


def test_next_steps_come_from_the_latest_earlier_report_even_when_it_has_none(report):
    NextStepFactory(report=_earlier(report, 2020))
    latest = _earlier(report, 2021)
    assert assert_same(report)["carried"] == []
    step = NextStepFactory(report=latest)
    assert assert_same(report)["carried"] == [step.pk]


def test_titles_are_in_the_readers_language_and_follow_a_change_of_the_form(report):
    section = Section.objects.filter(questionnaire=report.cycle.questionnaire).first()
    section.translations = {"vi": {"title": "Phần đầu đến {period_end}"}}
    section.save()
    with translation.override("vi"):
        assert assert_same(report)["sections"][0][1].startswith("I. Phần đầu đến ")
    section.title = "Renamed"
    section.save()  # a new structure token: the kept outline is not read again
    assert assert_same(report)["sections"][0][1] == "I. Renamed"
    forget_structure(report)
    assert_same(report)


def test_progress_costs_two_queries_once_its_outline_is_kept(report, django_assert_num_queries):
    report = Report.objects.with_context().get(pk=report.pk)
    report_progress(report=report)
    with django_assert_num_queries(2):
        layout = report_progress(report=report)
        quality.report_problems(layout)


def test_the_hub_links_each_problem_to_its_field(client, report, alice):
    _answer(report, "priority_progress", text="Same.", index=0)
    _answer(report, "priority_progress", text="Same.", index=1)
    NextStepFactory(report=report, title="Own", targets="")
    client.force_login(alice)
    html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    problems = quality.report_problems(build_layout(report))
    blocking = [p for p in problems if p.blocking]
    flags = [p for p in problems if not p.blocking]
    assert len(blocking) > 8 and len(flags) == 2

    def link(problem, text):
        url = reverse("reports:section", args=[report.pk, problem.section_order])
        return f'<a href="{url}#{problem.field_id}">{escape(text)}</a>'

    assert f"{len(blocking)} required questions are not answered yet: " in html
    assert ", ".join(link(p, p.item.display_number) for p in blocking[:8]) + "…</li>" in html
    for problem in flags:
        assert f"<li>{link(problem, problem.message)}</li>" in html


def test_a_draft_never_handed_in_has_no_steps_to_read(
    client, report, alice, focal, reviewer, django_assert_num_queries
):
    """A report's steps are read once it has been handed in (a submission, and any step
    after it); a draft never submitted has none: the hub spares the query (9 then 8)."""
    client.force_login(alice)
    url = reverse("reports:detail", args=[report.pk])
    client.get(url)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
    fill_required(report)
    report_transition(report=report, user=focal, action="submit")
    report_transition(report=report, user=reviewer, action="return", reason="More.")
    with django_assert_num_queries(9):
        html = client.get(url).content.decode()
    assert 'id="transitions-title"' in html and "More." in html
