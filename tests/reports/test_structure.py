"""The questionnaire's and roadmap's structure kept between requests (reports.structure):
every write renews the key, so a page never shows a text older than the database."""

from __future__ import annotations

import pickle

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from reports.layout import build_layout
from reports.models import Choice, Question, Report, Section
from reports.structure import layout_structure, questionnaire_key, roadmap_key
from roadmap.models import Priority, Theme

from .entry_helpers import section_url

pytestmark = pytest.mark.django_db


def _page(client, user, report, order: int = 1) -> str:
    client.force_login(user)
    response = client.get(section_url(report, order))
    assert response.status_code == 200
    return response.content.decode()


def _fresh(report: Report) -> Report:
    return Report.objects.with_context().get(pk=report.pk)


def _first_question(report: Report, order: int = 1) -> Question:
    return Question.objects.filter(section__questionnaire__cycle=report.cycle).get(
        section__order=order, order=1
    )


def test_a_question_reworded_shows_on_the_next_page(client, report, alice):
    assert "progress has been made" in _page(client, alice, report)
    question = _first_question(report)
    question.text = "{n}. What moved forward on {priority}?"
    question.save()

    html = _page(client, alice, report)

    assert "1. What moved forward on Theme 1 1. Priority 1?" in html
    assert "progress has been made" not in html


def test_a_priority_reworded_on_a_roadmap_not_handed_in_shows_on_the_next_page(
    client, report, alice
):
    assert "Theme 1 1. Priority 1" in _page(client, alice, report)
    priority = Priority.objects.get(roadmap=report.roadmap, number=1, theme__number=1)
    priority.text = "End child labour in brick kilns"
    priority.save()

    assert "Theme 1 1. End child labour in brick kilns" in _page(client, alice, report)


def test_a_theme_renamed_or_a_priority_retired_shows_on_the_next_page(client, report, alice):
    _page(client, alice, report)
    theme = Theme.objects.get(roadmap=report.roadmap, number=1)
    theme.name = "Trafficking"
    theme.save()
    Priority.objects.get(roadmap=report.roadmap, number=2, theme=theme).delete()

    html = _page(client, alice, report)

    assert "Trafficking 1. Priority 1" in html
    assert "Trafficking 2. Priority 2" not in html


def test_a_translation_corrected_shows_in_that_language_on_the_next_page(client, report, alice):
    _page(client, alice, report, 3)
    section = Section.objects.get(questionnaire__cycle=report.cycle, order=3)
    section.translations = {"vi": {"title": "Tiến độ chung (đã sửa)"}}
    section.save()
    choice = Choice.objects.filter(question__section=section).order_by("pk").first()
    choice.translations = {"vi": {"label": "Có, hoàn toàn"}}
    choice.save()

    with translation.override("vi"):
        sections, _priorities = layout_structure(_fresh(report).cycle.questionnaire, report.roadmap)
    kept = next(s for s in sections if s.order == 3)
    assert kept.tr("title", "vi") == "Tiến độ chung (đã sửa)"
    labels = [c.tr("label", "vi") for q in kept.questions.all() for c in q.choices.all()]
    assert "Có, hoàn toàn" in labels


def test_a_question_removed_leaves_the_layout_at_once(report):
    before = [i.question.code for i in build_layout(_fresh(report)).items()]
    question = Question.objects.get(
        section__questionnaire__cycle=report.cycle, code="other_successes"
    )
    assert question.code in before
    question.delete()

    after = [i.question.code for i in build_layout(_fresh(report)).items()]
    assert question.code not in after and len(after) == len(before) - 1


def test_every_write_gives_a_new_key_and_reads_give_the_same(report):
    report = _fresh(report)
    keys = (questionnaire_key(report.cycle.questionnaire), roadmap_key(report.roadmap))
    assert keys == (
        questionnaire_key(_fresh(report).cycle.questionnaire),
        roadmap_key(_fresh(report).roadmap),
    )
    _first_question(report).save()
    Priority.objects.filter(roadmap=report.roadmap).first().save()

    again = _fresh(report)
    assert questionnaire_key(again.cycle.questionnaire) != keys[0]
    assert roadmap_key(again.roadmap) != keys[1]


def test_the_kept_entries_are_plain_data_not_model_instances(report):
    report = _fresh(report)
    layout_structure(report.cycle.questionnaire, report.roadmap)

    def walk(value):
        if isinstance(value, list | tuple):
            for part in value:
                walk(part)
        else:
            assert type(value).__module__ in {"builtins", "datetime"}, type(value)
            if isinstance(value, dict):  # the translations column
                pickle.dumps(value)

    for key in (questionnaire_key(report.cycle.questionnaire), roadmap_key(report.roadmap)):
        entry = cache.get(key)
        assert entry, key
        walk(entry)


def test_the_instances_are_made_again_for_each_request(report):
    """A request may mark its instances (the layout does): the next one never sees it."""
    first, _ = layout_structure(_fresh(report).cycle.questionnaire, report.roadmap)
    first[0].questions.all()[0].marked = True
    second, _ = layout_structure(_fresh(report).cycle.questionnaire, report.roadmap)
    assert not hasattr(second[0].questions.all()[0], "marked")
    assert second[0].pk == first[0].pk


def test_a_migration_renews_every_token(report):
    """A data migration writes through historical models, which no receiver hears."""
    report = _fresh(report)
    before = (report.cycle.questionnaire.structure_token, report.roadmap.structure_token)

    call_command("migrate", verbosity=0)

    again = _fresh(report)
    assert again.cycle.questionnaire.structure_token != before[0]
    assert again.roadmap.structure_token != before[1]
