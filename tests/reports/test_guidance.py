"""The printed form's help beside each question (issue 13 §2): guidance and examples held as
data, shown on every page and never taken as an answer; last cycle's answer beside the
field; one required mark everywhere."""

from __future__ import annotations

import datetime as dt

import pytest

from reports import quality
from reports.documents.printer import render_html
from reports.layout import build_layout
from reports.models import Answer, Question, Report, ReportState
from reports.selectors.previous import previous_answers
from reports.services.questionnaires import questionnaire_copy
from roadmap.models import Roadmap, Role
from tests.factories import (
    CycleFactory,
    PriorityFactory,
    ReportFactory,
    RoadmapFactory,
    ThemeFactory,
    member,
    report_with_form,
)

from .entry_helpers import item, section_data, section_url

pytestmark = pytest.mark.django_db

EVIDENCE_SECTION = 4


def _example(code: str, language: str = "en") -> str:
    return Question.objects.filter(code=code).first().tr("example", language)


def _previous_report(report: Report, **kwargs) -> Report:
    return ReportFactory(
        country=report.country,
        cycle=CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2021, 5, 1)),
        state=ReportState.ACCEPTED,
        **{"roadmap": report.roadmap, **kwargs},
    )


# -- examples and guidance as data ------------------------------------------------------


def test_the_annual_form_holds_the_printed_forms_examples_in_both_languages(report):
    codes = [
        "next_step_progress",
        "evidence_detail",
        "evidence_stakeholders",
        "international_detail",
        "domestic_detail",
        "next_steps",
    ]
    for code in codes:
        assert _example(code, "en")
        assert _example(code, "vi") != _example(code, "en")
    note = Question.objects.get(code="other_successes").tr("help_text", "vi")
    assert "lộ trình" in note
    assert "not covered by your roadmap" in Question.objects.get(code="other_successes").help_text


def test_copying_a_questionnaire_keeps_its_examples(report):
    copy = questionnaire_copy(
        source=report.cycle.questionnaire,
        cycle=CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2023, 5, 1)),
    )
    copied = Question.objects.get(section__questionnaire=copy, code="domestic_detail")
    assert copied.example == _example("domestic_detail")
    assert copied.translations["vi"]["example"] == _example("domestic_detail", "vi")


def test_entry_page_shows_the_example_collapsed_and_labelled_with_its_question(
    client, report, alice
):
    client.force_login(alice)
    html = client.get(section_url(report, EVIDENCE_SECTION)).content.decode()
    number = item(report, "evidence_detail").display_number
    assert '<details class="pf-example' in html
    assert f"Example for question {number}</summary>" in html
    assert "conducting a survey on forced labour" in html


def test_entry_page_shows_the_example_in_vietnamese(client, report, alice):
    client.force_login(alice)
    html = client.get(
        section_url(report, EVIDENCE_SECTION), headers={"accept-language": "vi"}
    ).content.decode()
    assert "Cơ quan thống kê quốc gia và ILO" in html


def test_an_example_is_never_posted_nor_saved_as_the_answer(client, report, alice):
    client.force_login(alice)
    key = item(report, "evidence_detail").key
    data = section_data(report, EVIDENCE_SECTION)
    response = client.post(section_url(report, EVIDENCE_SECTION), data)
    assert response.status_code == 302
    # The page posts no field holding the example, so nothing was saved for it.
    assert not any(_example("evidence_detail").split("\n")[0] in str(v) for v in data.values())
    assert not Answer.objects.filter(report=report, question__code="evidence_detail").exists()
    assert item(report, "evidence_detail").answer is None
    assert key in data and data[key] == ""


def test_an_example_does_not_answer_a_required_question(report):
    Question.objects.filter(code="next_steps").update(example="Title: something")
    layout = build_layout(Report.objects.with_context().get(pk=report.pk))
    missing = {i.question.code for i in quality.missing_required(layout)}
    assert "next_steps" in missing


def test_reading_view_shows_guidance_and_example_apart_from_the_answer(client, report, reviewer):
    Report.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    it = item(report, "evidence_detail")
    Answer.objects.create(report=report, question=it.question, text="Our own words.")
    client.force_login(reviewer)
    html = client.get(f"/reports/{report.pk}/read/").content.decode()
    assert '<em class="pf-example-label">Example:</em>' in html
    assert "not covered by your roadmap" in html
    assert "Our own words." in html


def test_pdf_shows_the_example_in_italic_apart_from_the_answer(report):
    html = render_html(Report.objects.with_context().get(pk=report.pk))
    assert '<div class="example"><span class="label">Example:</span>' in html
    assert '<p class="guidance">Please also consider aspects of SDG 8.7' in html


def test_exports_leave_examples_out(client, report, alice):
    client.force_login(alice)
    example = _example("domestic_detail").split("\n")[0]
    for fmt in ("csv", "json"):
        response = client.get(f"/reports/{report.pk}/export.{fmt}")
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"domestic_detail" in body
        assert example.encode() not in body


# -- last cycle's answer ----------------------------------------------------------------


def test_last_cycles_answer_is_shown_beside_the_same_question_and_priority(client, report, alice):
    previous = _previous_report(report)
    first, second = item(report, "priority_progress", 0), item(report, "priority_progress", 1)
    Answer.objects.create(
        report=previous, question=first.question, priority=first.priority, text="Forum held."
    )
    client.force_login(alice)
    html = client.get(section_url(report, 1)).content.decode()
    assert html.count("pf-copy-previous") == 1
    assert f'id="{first.anchor}-previous">Forum held.</div>' in html
    assert f'data-copy-to="id_{first.key}"' in html
    assert f'id="{second.anchor}-previous"' not in html
    # Readable without JavaScript: the button is hidden until entry.js shows it.
    assert 'pf-copy-previous" hidden' in html


def test_last_cycles_answer_matches_priorities_of_an_earlier_roadmap_version_by_number(report):
    Roadmap.objects.filter(pk=report.roadmap_id).update(version=2)
    old_roadmap = RoadmapFactory(
        country=report.country, framework=report.cycle.framework, version=1
    )
    current = item(report, "priority_progress", 1)
    theme = ThemeFactory(roadmap=old_roadmap, number=current.priority.theme.number)
    same = PriorityFactory(theme=theme, roadmap=old_roadmap, number=current.priority.number)
    other = PriorityFactory(theme=theme, roadmap=old_roadmap, number=current.priority.number + 5)
    previous = _previous_report(report, roadmap=old_roadmap)
    Answer.objects.create(report=previous, question=current.question, priority=same, text="Same")
    Answer.objects.create(report=previous, question=current.question, priority=other, text="No")
    full = Report.objects.with_context().get(pk=report.pk)
    found = previous_answers(report=full, items=build_layout(full).section(1).items)
    assert {key: p.text for key, p in found.items()} == {current.key: "Same"}


def test_last_cycles_answer_of_another_country_or_a_choice_is_not_shown(report):
    elsewhere = report_with_form(
        priorities=1,
        cycle=CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2021, 5, 1)),
    )
    it = item(report, "highlights")
    Answer.objects.create(report=elsewhere, question=it.question, text="Not ours")
    previous = _previous_report(report)
    Answer.objects.create(
        report=previous, question=item(report, "overall_rating").question, value="4"
    )
    full = Report.objects.with_context().get(pk=report.pk)
    assert previous_answers(report=full, items=build_layout(full).items()) == {}


def test_last_answers_come_from_the_countrys_latest_report_when_it_skipped_a_cycle(report):
    it = item(report, "highlights")
    latest = ReportFactory(
        country=report.country,
        roadmap=report.roadmap,
        cycle=CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2020, 5, 1)),
        state=ReportState.ACCEPTED,
    )
    Answer.objects.create(report=latest, question=it.question, text="Two years ago")
    # 2021-2022 exists (another country reported) but this country skipped it
    report_with_form(
        priorities=1,
        cycle=CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2021, 5, 1)),
    )
    full = Report.objects.with_context().get(pk=report.pk)
    found = previous_answers(report=full, items=build_layout(full).items())
    assert [(p.text, p.cycle_label) for p in found.values()] == [
        ("Two years ago", "May 2020 – April 2021")
    ]


def test_no_query_for_last_cycles_answers_when_the_section_asks_no_text(
    report, django_assert_num_queries
):
    full = Report.objects.with_context().get(pk=report.pk)
    section = build_layout(full).section(EVIDENCE_SECTION)
    choices_only = [i for i in section.items if i.question.has_choices]
    with django_assert_num_queries(0):
        assert previous_answers(report=full, items=choices_only) == {}


# -- one required mark ------------------------------------------------------------------

MARK = '<span class="text-danger pf-required" title="required" aria-hidden="true">*</span>'


def test_required_mark_is_the_same_on_entry_reading_view_and_pdf(client, report, alice, reviewer):
    client.force_login(alice)
    entry = client.get(section_url(report, 3)).content.decode()
    assert MARK + '<span class="visually-hidden">(required)</span>' in entry
    assert "required: to be answered before the report is submitted" in entry
    Report.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    client.force_login(reviewer)
    reading = client.get(f"/reports/{report.pk}/read/").content.decode()
    assert MARK + '<span class="visually-hidden">(required)</span>' in reading
    assert "required: to be answered before the report is submitted" in reading
    pdf = render_html(Report.objects.with_context().get(pk=report.pk))
    assert MARK in pdf


def test_read_only_entry_page_marks_required_questions_alike(client, report):
    Report.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    client.force_login(member(report, Role.REPORTER))
    html = client.get(section_url(report, 3)).content.decode()
    assert MARK in html
