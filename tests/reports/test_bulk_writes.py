"""A queryset's bulk writes of a roadmap's or a questionnaire's parts (``update``,
``bulk_create``, ``bulk_update``, ``delete``) run no model code, so their querysets hold
them to the rules a save is held to: refused on a frozen version or questionnaire unless
only translations change (reports.freeze), and the structure token renewed, so the next
page shows what was written (reports.structure)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from reports.layout import build_layout
from reports.models import Choice, Question, Questionnaire, Report, ReportState, Section
from roadmap.models import Priority, Roadmap, Theme

pytestmark = pytest.mark.django_db


def hand_in(report: Report) -> None:
    # A bulk update, as a script would: the freeze hears of it all the same.
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.SUBMITTED, submitted_at=timezone.now()
    )


def roadmap_token(report: Report) -> str:
    return Roadmap.objects.values_list("structure_token", flat=True).get(pk=report.roadmap_id)


def questionnaire_token(report: Report) -> str:
    questionnaire = Questionnaire.objects.filter(cycle=report.cycle)
    return questionnaire.values_list("structure_token", flat=True).get()


def questions(report: Report):
    return Question.objects.filter(section__questionnaire__cycle=report.cycle)


def refused(write) -> None:
    with pytest.raises(ValidationError), transaction.atomic():
        write()


def test_a_priority_reworded_by_a_queryset_shows_on_the_next_layout(report):
    build_layout(Report.objects.with_context().get(pk=report.pk))  # kept
    token = roadmap_token(report)
    Priority.objects.filter(roadmap=report.roadmap, theme__number=1, number=1).update(
        text="End child labour in brick kilns"
    )
    assert roadmap_token(report) != token
    layout = build_layout(Report.objects.with_context().get(pk=report.pk))
    texts = [item.priority.text for item in layout.items() if item.priority is not None]
    assert "End child labour in brick kilns" in texts


def test_a_frozen_roadmaps_priorities_refuse_a_queryset_update_bulk_update_and_delete(report):
    hand_in(report)
    priorities = Priority.objects.filter(roadmap=report.roadmap)
    before = sorted(priorities.values_list("text", flat=True))
    refused(lambda: priorities.update(text="Reworded"))
    first = priorities.first()
    first.text = "Reworded"
    refused(lambda: Priority.objects.bulk_update([first], ["text"]))
    refused(lambda: priorities.filter(pk=first.pk).delete())
    assert sorted(priorities.values_list("text", flat=True)) == before


def test_a_frozen_roadmap_gains_no_theme_by_bulk_create(report):
    hand_in(report)
    refused(
        lambda: Theme.objects.bulk_create([Theme(roadmap=report.roadmap, number=9, name="New")])
    )
    assert not Theme.objects.filter(roadmap=report.roadmap, number=9).exists()


def test_a_frozen_roadmaps_translations_still_change_by_a_queryset(report):
    hand_in(report)
    token = roadmap_token(report)
    priority = Priority.objects.filter(roadmap=report.roadmap).first()
    Priority.objects.filter(pk=priority.pk).update(translations={"vi": {"text": "Ưu tiên"}})
    priority.refresh_from_db()
    assert priority.translations == {"vi": {"text": "Ưu tiên"}}
    assert roadmap_token(report) != token  # the Vietnamese page shows it at once


def test_a_question_reworded_by_a_queryset_renews_the_questionnaires_token(report):
    token = questionnaire_token(report)
    questions(report).filter(section__order=1, order=1).update(text="What moved forward?")
    assert questionnaire_token(report) != token


def test_a_frozen_questionnaire_refuses_a_queryset_update_of_its_texts(report):
    hand_in(report)
    refused(lambda: questions(report).update(text="Reworded"))
    refused(lambda: Section.objects.filter(questionnaire__cycle=report.cycle).update(order=9))
    assert not questions(report).filter(text="Reworded").exists()


def test_a_frozen_questionnaire_gains_no_choice_by_bulk_create(report):
    question = questions(report).filter(choices__isnull=False).first()
    hand_in(report)
    refused(
        lambda: Choice.objects.bulk_create(
            [Choice(question=question, order=99, value="new", label="New")]
        )
    )
    assert not question.choices.filter(value="new").exists()


def test_a_frozen_questionnaires_translations_still_change_by_bulk_update(report):
    hand_in(report)
    token = questionnaire_token(report)
    question = questions(report).first()
    question.translations = {"vi": {"text": "Câu hỏi"}}
    Question.objects.bulk_update([question], ["translations"])
    assert questionnaire_token(report) != token


def test_a_choice_bulk_created_in_an_open_questionnaire_renews_its_token(report):
    question = questions(report).filter(choices__isnull=False).first()
    token = questionnaire_token(report)
    Choice.objects.bulk_create([Choice(question=question, order=99, value="new", label="New")])
    assert questionnaire_token(report) != token
