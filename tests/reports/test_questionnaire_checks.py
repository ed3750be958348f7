import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import questionnaire_checks as checks
from reports.models import Answer, Question

DATA = Path(__file__).resolve().parents[2] / "reports" / "data"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.json")), ids=lambda p: p.name)
def test_shipped_questionnaires_pass_the_checks(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    for section in data["sections"]:
        for question in section["questions"]:
            checks.check_text(question["text"], question["kind"])
            checks.check_choice_count(question["kind"], len(question.get("choices", [])))
            translations = question.get("translations", {})
            checks.check_translations(translations, question["kind"], Question.TRANSLATED_FIELDS)
            # the whole form reads in Vietnamese too
            assert translations["vi"]["text"], question["code"]
            if question.get("help_text"):
                assert translations["vi"]["help_text"], question["code"]
            for choice in question.get("choices", []):
                assert choice["translations"]["vi"]["label"], (question["code"], choice)
        assert section["translations"]["vi"]["title"]


def test_priority_placeholder_only_in_per_priority_questions():
    checks.check_text('What progress on "{priority}"?', "text_per_priority")
    with pytest.raises(ValidationError) as excinfo:
        checks.check_text('What progress on "{priority}"?', "text")
    assert excinfo.value.code == "unknown_placeholder"
    assert "{priority}" in excinfo.value.messages[0]


def test_unpaired_braces_are_refused():
    with pytest.raises(ValidationError) as excinfo:
        checks.check_text("Until {next_period_end, what next?", "text")
    assert excinfo.value.code == "unbalanced_braces"


def test_choice_questions_need_choices_and_text_questions_none():
    with pytest.raises(ValidationError):
        checks.check_choice_count("single_choice", 1)
    with pytest.raises(ValidationError):
        checks.check_choice_count("text", 2)
    checks.check_choice_count("rating", 5)


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def question_post(question: Question, **changes) -> dict:
    data = {
        "section": question.section_id,
        "order": question.order,
        "code": question.code,
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": "on" if question.required else "",
        "max_length": question.max_length,
        "shown_if": question.shown_if_id or "",
        "shown_if_value": question.shown_if_value,
        # As the page posts them: each translation field holds what is stored.
        "text_vi": question.translations.get("vi", {}).get("text", ""),
        "help_text_vi": question.translations.get("vi", {}).get("help_text", ""),
        "choices-TOTAL_FORMS": question.choices.count(),
        "choices-INITIAL_FORMS": question.choices.count(),
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, choice in enumerate(question.choices.all()):
        data.update(
            {
                f"choices-{i}-id": choice.pk,
                f"choices-{i}-question": question.pk,
                f"choices-{i}-order": choice.order,
                f"choices-{i}-value": choice.value,
                f"choices-{i}-label": choice.label,
                f"choices-{i}-label_vi": choice.translations.get("vi", {}).get("label", ""),
            }
        )
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def change(staff_client, question, **changes):
    return staff_client.post(
        reverse("admin:reports_question_change", args=[question.pk]),
        question_post(question, **changes),
    )


def test_admin_refuses_a_placeholder_the_question_cannot_fill(staff_client, report):
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="highlights")
    response = change(staff_client, question, text="What about {priority}?")
    assert response.status_code == 200
    assert "cannot fill {priority}" in response.context["adminform"].form.errors["text"][0]


def test_admin_refuses_a_condition_on_an_unknown_value(staff_client, report):
    question = Question.objects.get(
        section__questionnaire__cycle=report.cycle, code="other_successes_detail"
    )
    response = change(staff_client, question, shown_if_value="maybe")
    errors = response.context["adminform"].form.errors
    assert "is not one of that question's choices" in errors["shown_if_value"][0]


def test_admin_refuses_a_choice_question_left_with_one_choice(staff_client, report):
    question = Question.objects.get(
        section__questionnaire__cycle=report.cycle, code="process_useful"
    )
    data = question_post(question)
    data["choices-1-DELETE"] = "on"
    response = staff_client.post(reverse("admin:reports_question_change", args=[question.pk]), data)
    assert response.status_code == 200
    assert question.choices.count() == 2
    assert "at least two choices" in str(
        response.context["inline_admin_formsets"][0].formset.non_form_errors()
    )


def test_admin_refuses_a_code_used_elsewhere_in_the_questionnaire(staff_client, report):
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="lessons")
    response = change(staff_client, question, code="highlights")
    assert (
        "Another question of this questionnaire"
        in response.context["adminform"].form.errors["code"][0]
    )


def test_answered_question_keeps_its_kind_and_code_and_warns(staff_client, report):
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="highlights")
    Answer.objects.create(report=report, question=question, text="Written already.")
    response = staff_client.get(reverse("admin:reports_question_change", args=[question.pk]))
    assert any("copy the questionnaire" in str(m) for m in response.context["messages"])
    assert {"kind", "code", "section"} <= set(response.context["adminform"].readonly_fields)


def test_admin_saves_a_question_with_its_vietnamese_text(staff_client, report):
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="lessons")
    response = change(staff_client, question, text_vi="Quý vị đã vượt qua thách thức như thế nào?")
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.translations["vi"]["text"].startswith("Quý vị")


def test_admin_refuses_a_translation_with_a_placeholder_it_cannot_fill(staff_client, report):
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="lessons")
    response = change(staff_client, question, text_vi="Ưu tiên {priority} ra sao?")
    assert response.status_code == 200
    assert "cannot fill {priority}" in response.context["adminform"].form.errors["text_vi"][0]


def test_admin_no_longer_takes_raw_json(staff_client, report):
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="lessons")
    stored = question.translations
    response = change(staff_client, question, translations='{"fr": {"text": "Comment ?"}}')
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.translations == stored
