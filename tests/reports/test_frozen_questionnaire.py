"""A questionnaire with handed-in reports keeps its texts and structure (reports.freeze):
view-only in the admin but for its translations, refused at the model layer, and "Copy to
another cycle" is the way to change the form. One with drafts only stays editable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from reports.models import Choice, Question, Questionnaire, ReportState, Section
from reports.services import questionnaire_copy
from tests.factories import CycleFactory

from .test_questionnaire_checks import question_post

pytestmark = pytest.mark.django_db

FROZEN = "Copy to another cycle"


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def frozen(report):
    """The report's questionnaire, once the report is handed in (by whatever path)."""
    report.state = ReportState.SUBMITTED
    report.save()
    return report.cycle.questionnaire


def lessons(questionnaire: Questionnaire) -> Question:
    return Question.objects.get(section__questionnaire=questionnaire, code="lessons")


def section_post(section: Section, **changes) -> dict:
    questions = list(section.questions.order_by("order"))
    data = {
        "questionnaire": section.questionnaire_id,
        "order": section.order,
        "title": section.title,
        "intro": section.intro,
        "title_vi": section.translations.get("vi", {}).get("title", ""),
        "intro_vi": section.translations.get("vi", {}).get("intro", ""),
        "questions-TOTAL_FORMS": len(questions),
        "questions-INITIAL_FORMS": len(questions),
    }
    for i, q in enumerate(questions):
        data.update(
            {
                f"questions-{i}-id": q.pk,
                f"questions-{i}-section": section.pk,
                f"questions-{i}-order": q.order,
                f"questions-{i}-code": q.code,
                f"questions-{i}-kind": q.kind,
                f"questions-{i}-text": q.text,
                f"questions-{i}-text_vi": q.translations.get("vi", {}).get("text", ""),
            }
        )
    data.update(changes)
    return data


def test_the_question_page_is_view_only_but_for_translations(staff, frozen):
    question = lessons(frozen)
    page = staff.get(reverse("admin:reports_question_change", args=[question.pk]))

    html = page.content.decode()
    assert FROZEN in html and "translations into other languages" in html
    form = page.context["adminform"].form
    assert set(form.fields) == {"text_vi", "help_text_vi", "example_vi"}
    [choices] = page.context["inline_admin_formsets"]
    assert not choices.has_add_permission and not choices.has_delete_permission


def test_a_translation_of_a_frozen_question_stays_correctable(staff, frozen):
    question = lessons(frozen)
    url = reverse("admin:reports_question_change", args=[question.pk])

    response = staff.post(url, question_post(question, text_vi="Bài học kinh nghiệm là gì?"))

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.translations["vi"]["text"] == "Bài học kinh nghiệm là gì?"
    assert question.text == lessons(frozen).text


def test_a_choice_label_of_a_frozen_question_is_refused_but_its_translation_taken(staff, frozen):
    question = Question.objects.get(section__questionnaire=frozen, code="process_useful")
    choice = question.choices.order_by("order").first()
    label = choice.label
    url = reverse("admin:reports_question_change", args=[question.pk])

    staff.post(
        url, question_post(question, **{"choices-0-label": "Reworded", "choices-0-label_vi": "Có"})
    )

    choice.refresh_from_db()
    assert (choice.label, choice.translations["vi"]["label"]) == (label, "Có")
    choice.label = "Reworded"
    with pytest.raises(ValidationError, match=FROZEN):
        choice.save()


def test_the_section_page_is_view_only_and_reorders_nothing(staff, frozen):
    section = frozen.sections.order_by("order").first()
    first = section.questions.order_by("order").first()
    url = reverse("admin:reports_section_change", args=[section.pk])

    page = staff.get(url)
    assert FROZEN in page.content.decode()
    [questions] = page.context["inline_admin_formsets"]
    assert {"order", "code", "kind", "text"} <= set(questions.readonly_fields)
    assert not questions.has_add_permission and not questions.has_delete_permission
    response = staff.post(
        url, section_post(section, title="Renamed", **{"questions-0-order": 99, "title_vi": "Một"})
    )

    assert response.status_code == 302
    section.refresh_from_db()
    first.refresh_from_db()
    assert (section.title, first.order) != ("Renamed", 99)
    assert section.translations["vi"]["title"] == "Một"


def test_adding_a_section_to_a_frozen_questionnaire_is_refused_at_the_field(staff, frozen):
    response = staff.post(
        reverse("admin:reports_section_add"),
        {
            "questionnaire": frozen.pk,
            "order": 99,
            "title": "A late section",
            "questions-TOTAL_FORMS": 0,
            "questions-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 200
    assert FROZEN in str(response.context["adminform"].form.errors["questionnaire"])
    assert not Section.objects.filter(title="A late section").exists()


def test_the_model_refuses_structure_changes_of_a_frozen_questionnaire(frozen):
    section = frozen.sections.order_by("order").first()
    question = lessons(frozen)
    with pytest.raises(ValidationError):
        Section.objects.create(questionnaire=frozen, order=99, title="Late")
    with pytest.raises(ValidationError):
        Question.objects.create(section=section, order=99, code="late", kind="text", text="?")
    with pytest.raises(ValidationError):
        Choice.objects.create(question=question, order=9, value="late", label="Late")
    question.order = 99
    with pytest.raises(ValidationError):
        question.save(update_fields=["order"])
    # A refused delete rolls back what it did (the cascade runs in the caller's transaction).
    with pytest.raises(ValidationError), transaction.atomic():
        question.delete()
    with pytest.raises(ValidationError), transaction.atomic():
        frozen.delete()
    frozen.title = "Renamed"
    with pytest.raises(ValidationError):
        frozen.save()
    assert Question.objects.filter(pk=question.pk, order=lessons(frozen).order).exists()


def test_moving_a_question_out_of_a_frozen_questionnaire_is_refused(frozen):
    other = questionnaire_copy(source=frozen, cycle=CycleFactory(starts_on=dt.date(2030, 5, 1)))
    question = lessons(frozen)
    question.section = other.sections.order_by("order").first()
    question.order = 99
    with pytest.raises(ValidationError):
        question.save()


def test_deleting_frozen_questions_in_bulk_is_refused(staff, frozen):
    pks = list(Question.objects.filter(section__questionnaire=frozen).values_list("pk", flat=True))
    staff.post(
        reverse("admin:reports_question_changelist"),
        {"action": "delete_selected", "_selected_action": pks[:2], "post": "yes"},
    )

    assert Question.objects.filter(pk__in=pks[:2]).count() == 2


def test_the_questionnaire_page_points_to_a_copy_and_the_copy_is_editable(staff, frozen):
    page = staff.get(reverse("admin:reports_questionnaire_change", args=[frozen.pk]))
    assert FROZEN in page.content.decode()
    assert {"title", "intro", "cycle"} <= set(page.context["adminform"].readonly_fields)
    assert not page.context["has_delete_permission"]
    cycle = CycleFactory(framework=frozen.cycle.framework, starts_on=dt.date(2030, 5, 1))

    response = staff.post(
        reverse("admin:reports_questionnaire_copy", args=[frozen.pk]), {"cycle": cycle.pk}
    )

    copy = Questionnaire.objects.get(cycle=cycle)
    assert response.url == reverse("admin:reports_questionnaire_change", args=[copy.pk])
    question = lessons(copy)
    staff.post(
        reverse("admin:reports_question_change", args=[question.pk]),
        question_post(question, text="What did you learn?"),
    )
    assert lessons(copy).text == "What did you learn?"
    assert lessons(frozen).text != "What did you learn?"


def test_a_questionnaire_with_only_drafts_stays_editable(staff, report):
    question = lessons(report.cycle.questionnaire)

    response = staff.post(
        reverse("admin:reports_question_change", args=[question.pk]),
        question_post(question, text="What did you learn?"),
    )

    assert response.status_code == 302
    assert lessons(report.cycle.questionnaire).text == "What did you learn?"
    Section.objects.create(questionnaire=report.cycle.questionnaire, order=99, title="More")
    assert Questionnaire.objects.get(pk=report.cycle.questionnaire.pk).frozen_at is None
