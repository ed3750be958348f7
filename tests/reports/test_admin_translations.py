"""The admin edits translations as ordinary fields ("Text (Vietnamese)" beside "Text"),
never as raw JSON, on every translatable model; and previews a questionnaire as a country
would see it, in either language, writing nothing."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from reports.models import Choice, Question, Report, Section
from roadmap.models import Country, Indicator, Roadmap
from tests.factories import (
    CountryFactory,
    CycleFactory,
    IndicatorFactory,
    NextStepFactory,
    PriorityFactory,
    ReportFactory,
    RoadmapFactory,
    ThemeFactory,
    UserFactory,
    questionnaire_for,
)
from translations.admin_forms import TranslationsAdmin
from translations.translatable import Translatable

from .test_questionnaire_checks import change

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


TRANSLATABLE_ADMINS = [
    (model, model_admin)
    for model, model_admin in admin.site._registry.items()
    if issubclass(model, Translatable)
]


def test_every_translatable_model_and_inline_has_translation_fields():
    assert {m.__name__ for m, _ in TRANSLATABLE_ADMINS} >= {
        "Questionnaire",
        "Section",
        "Question",
        "Framework",
        "Country",
        "Roadmap",
        "Priority",
        "Indicator",
    }
    for model, model_admin in admin.site._registry.items():
        if issubclass(model, Translatable):
            assert isinstance(model_admin, TranslationsAdmin), model
        for inline in model_admin.inlines:
            if issubclass(inline.model, Translatable):
                assert issubclass(inline, TranslationsAdmin), inline


@pytest.mark.parametrize("model", [m for m, _ in TRANSLATABLE_ADMINS], ids=lambda m: m.__name__)
def test_add_page_shows_a_field_per_language_and_no_json(staff, model):
    page = staff.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="translations"' not in html
    for field in model.TRANSLATED_FIELDS:
        assert f'name="{field}_vi"' in html, field


def test_question_page_puts_the_vietnamese_beside_the_english(staff, report):
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="lessons")
    page = staff.get(reverse("admin:reports_question_change", args=[question.pk]))
    form = page.context["adminform"].form
    names = list(form.fields)
    assert names[names.index("text") + 1] == "text_vi"
    assert names[names.index("help_text") + 1] == "help_text_vi"
    assert str(form.fields["text_vi"].label) == "Text (Vietnamese)"
    assert isinstance(form.fields["text_vi"].widget, forms.Textarea)
    assert form.initial["text_vi"] == question.translations["vi"]["text"]
    assert "Text (Vietnamese)" in page.content.decode()


def test_a_blank_translation_is_dropped_and_the_others_kept(staff, report):
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="lessons")
    question.translations = {"vi": {"text": "Bài học?", "help_text": "Gợi ý."}}
    question.save()

    response = change(staff, question, text_vi="Bài học kinh nghiệm?", help_text_vi="  ")

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.translations == {"vi": {"text": "Bài học kinh nghiệm?"}}
    assert question.tr("help_text", "vi") == question.help_text  # the English shows


def test_the_vietnamese_placeholder_check_runs_in_the_section_inline(staff, report):
    section = Section.objects.filter(questionnaire__cycle=report.cycle).first()
    question = section.questions.order_by("order").first()
    data = {
        "questionnaire": section.questionnaire_id,
        "order": section.order,
        "title": section.title,
        "questions-TOTAL_FORMS": 1,
        "questions-INITIAL_FORMS": 1,
        "questions-0-id": question.pk,
        "questions-0-section": section.pk,
        "questions-0-order": question.order,
        "questions-0-code": question.code,
        "questions-0-kind": question.kind,
        "questions-0-text": question.text,
        "questions-0-text_vi": "Câu {next_step} ra sao?",
    }
    response = staff.post(reverse("admin:reports_section_change", args=[section.pk]), data)
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert "cannot fill {next_step}" in errors["text_vi"][0]


def test_choice_labels_are_translated_in_the_question_inline(staff, report):
    question = Question.objects.get(
        section__questionnaire__cycle=report.cycle, code="process_useful"
    )
    choice = question.choices.order_by("order").first()
    response = change(staff, question, **{"choices-0-label_vi": "Rất hữu ích"})
    assert response.status_code == 302
    assert Choice.objects.get(pk=choice.pk).translations["vi"]["label"] == "Rất hữu ích"


def test_roadmap_and_its_priorities_take_their_vietnamese(staff):
    priority = PriorityFactory(text="Reduce poverty")
    roadmap, theme = priority.roadmap, priority.theme
    data = {
        "country": roadmap.country_id,
        "framework": roadmap.framework_id,
        "version": 1,
        "title": roadmap.title,
        "title_vi": "Lộ trình quốc gia",
        "themes-TOTAL_FORMS": 1,
        "themes-INITIAL_FORMS": 1,
        "themes-0-id": theme.pk,
        "themes-0-roadmap": roadmap.pk,
        "themes-0-number": theme.number,
        "themes-0-name": theme.name,
        "themes-0-name_vi": "Giáo dục",
        "priorities-TOTAL_FORMS": 1,
        "priorities-INITIAL_FORMS": 1,
        "indicatorbaselines-TOTAL_FORMS": 0,
        "indicatorbaselines-INITIAL_FORMS": 0,
        "indicatortargets-TOTAL_FORMS": 0,
        "indicatortargets-INITIAL_FORMS": 0,
        "priorities-0-id": priority.pk,
        "priorities-0-roadmap": roadmap.pk,
        "priorities-0-theme": theme.pk,
        "priorities-0-number": priority.number,
        "priorities-0-order": priority.order,
        "priorities-0-text": priority.text,
        "priorities-0-text_vi": "Giảm nghèo",
        "priorities-0-is_active": "on",
    }
    response = staff.post(reverse("admin:roadmap_roadmap_change", args=[roadmap.pk]), data)
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.translations == {"vi": {"title": "Lộ trình quốc gia"}}
    assert roadmap.themes.get().translations == {"vi": {"name": "Giáo dục"}}
    assert roadmap.priorities.get().tr("text", "vi") == "Giảm nghèo"


def test_a_frozen_roadmaps_priority_keeps_its_text_but_takes_a_translation(staff):
    priority = PriorityFactory(text="Reduce poverty")
    Roadmap.objects.filter(pk=priority.roadmap_id).update(frozen_at="2023-06-01T00:00Z")
    url = reverse("admin:roadmap_priority_change", args=[priority.pk])
    response = staff.post(url, {"text": "Other wording", "text_vi": "Giảm nghèo"})
    assert response.status_code == 302
    priority.refresh_from_db()
    assert (priority.text, priority.tr("text", "vi")) == ("Reduce poverty", "Giảm nghèo")


def test_a_frozen_indicator_keeps_its_name_but_takes_a_translation(staff, report):
    indicator = IndicatorFactory(country=report.country, name="Calls", unit="calls")
    Indicator.objects.filter(pk=indicator.pk).update(frozen_at="2023-06-01T00:00Z")
    url = reverse("admin:roadmap_indicator_change", args=[indicator.pk])
    data = {"country": report.country_id, "order": 0, "name_vi": "Cuộc gọi", "unit_vi": "cuộc"}
    response = staff.post(url, data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Calls"
    assert indicator.translations == {"vi": {"name": "Cuộc gọi", "unit": "cuộc"}}


def test_country_name_in_vietnamese(staff):
    country = CountryFactory(name="Viet Nam")
    url = reverse("admin:roadmap_country_change", args=[country.pk])
    data = {
        "code": country.code,
        "name": country.name,
        "name_vi": "Việt Nam",
        "is_pathfinder": "on",
        "region": "",
        "language": "vi",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    assert staff.post(url, data).status_code == 302
    assert Country.objects.get(pk=country.pk).shown_name == "Viet Nam"
    assert Country.objects.get(pk=country.pk).tr("name", "vi") == "Việt Nam"


def test_view_only_staff_read_the_translations(client, report):
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="lessons")
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_question"))
    client.force_login(viewer)
    page = client.get(reverse("admin:reports_question_change", args=[question.pk]))
    html = page.content.decode()
    assert "Text (Vietnamese)" in html
    assert question.translations["vi"]["text"][:20] in html
    assert (
        "text_vi" not in page.context["adminform"].form.fields
        or not page.context["has_change_permission"]
    )


# -- the preview ---------------------------------------------------------------------------


def roadmap_with(framework, priorities: int, **country) -> Roadmap:
    roadmap = RoadmapFactory(country=CountryFactory(**country), framework=framework)
    themes = [ThemeFactory(roadmap=roadmap, number=n, name=f"Theme {n}") for n in range(1, 5)]
    for i in range(priorities):
        PriorityFactory(
            theme=themes[i % 4], roadmap=roadmap, number=i // 4 + 1, text=f"Goal {i + 1}"
        )
    return roadmap


@pytest.fixture
def questionnaire(db):
    """A cycle not yet opened: its questionnaire, no report."""
    return questionnaire_for(CycleFactory())


def preview(client, questionnaire, roadmap, language="en"):
    url = reverse("admin:reports_questionnaire_preview", args=[questionnaire.pk])
    return client.get(url, {"roadmap": roadmap.pk, "language": language})


def test_preview_lays_out_the_chosen_roadmaps_priorities(staff, questionnaire):
    roadmap = roadmap_with(questionnaire.cycle.framework, 6, name="Viet Nam")
    roadmap_with(questionnaire.cycle.framework, 3, name="Nepal")

    page = preview(staff, questionnaire, roadmap)

    html = page.content.decode()
    assert page.status_code == 200
    for n in range(1, 7):
        assert f"Goal {n}" in html
    assert page.context["preview"].priorities == 6
    numbers = [i.number for s in page.context["preview"].sections for i in s.items if i.number]
    assert numbers[:3] == ["1", "2", "3"]
    assert "Viet Nam" in html
    assert 'lang="en"' in html


def test_preview_in_vietnamese_shows_the_translated_texts(staff, questionnaire):
    roadmap = roadmap_with(questionnaire.cycle.framework, 2)
    roadmap.priorities.filter(text="Goal 1").update(translations={"vi": {"text": "Mục tiêu 1"}})
    question = Question.objects.get(section__questionnaire=questionnaire, code="lessons")

    page = preview(staff, questionnaire, roadmap, "vi")

    html = page.content.decode()
    assert 'lang="vi"' in html
    assert question.translations["vi"]["text"] in html
    assert "Mục tiêu 1" in html
    assert "Goal 2" in html  # untranslated: the English shows
    # The admin around it stays in the admin's language.
    assert "Show the preview" in html


def carried_over(roadmap, questionnaire, steps: int) -> None:
    """The roadmap's country's report of the previous cycle, with ``steps`` next steps."""
    cycle = questionnaire.cycle
    previous = ReportFactory(
        country=roadmap.country,
        roadmap=roadmap,
        cycle=CycleFactory(framework=cycle.framework, starts_on=cycle.starts_on.replace(year=2021)),
    )
    for n in range(steps):
        NextStepFactory(report=previous, order=n, title=f"Step {n + 1}")


def test_preview_asks_about_the_countrys_carried_next_steps(staff, questionnaire):
    roadmap = roadmap_with(questionnaire.cycle.framework, 2)
    carried_over(roadmap, questionnaire, steps=3)
    page = preview(staff, questionnaire, roadmap)
    numbers = [i.number for s in page.context["preview"].sections for i in s.items]
    # The narrative per next step: one number, a part per step (21.1, 21.2, 21.3).
    parts = [n for n in numbers if "." in n]
    assert [p.split(".")[1] for p in parts] == ["1", "2", "3"]
    assert len({p.split(".")[0] for p in parts}) == 1
    assert "Step 3" in page.content.decode()


def test_preview_of_a_country_without_carried_next_steps_still_shows_the_question(
    staff, questionnaire
):
    roadmap = roadmap_with(questionnaire.cycle.framework, 2)
    page = preview(staff, questionnaire, roadmap)
    assert "there is none" in page.content.decode()


def test_preview_writes_nothing(staff, questionnaire):
    roadmap = roadmap_with(questionnaire.cycle.framework, 4)
    before = Report.objects.count()
    assert preview(staff, questionnaire, roadmap).status_code == 200
    assert Report.objects.count() == before == 0


def test_preview_form_without_a_roadmap_shows_the_labelled_form(staff, questionnaire):
    url = reverse("admin:reports_questionnaire_preview", args=[questionnaire.pk])
    page = staff.get(url)
    html = page.content.decode()
    assert page.context["preview"] is None
    assert '<label for="id_roadmap">' in html
    assert '<label for="id_language">' in html
    assert 'method="get"' in html


def test_preview_is_for_staff_with_view_permission(client, questionnaire, charlie):
    roadmap = roadmap_with(questionnaire.cycle.framework, 2)
    assert preview(client, questionnaire, roadmap).status_code == 302  # anonymous
    client.force_login(charlie)
    assert preview(client, questionnaire, roadmap).status_code == 302  # not staff
    clerk = UserFactory(is_staff=True)
    client.force_login(clerk)
    assert preview(client, questionnaire, roadmap).status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename="view_questionnaire"))
    assert preview(client, questionnaire, roadmap).status_code == 200


def test_preview_refuses_a_post(staff, questionnaire):
    url = reverse("admin:reports_questionnaire_preview", args=[questionnaire.pk])
    assert staff.post(url).status_code == 405


@pytest.mark.parametrize("priorities", [4, 40])
def test_preview_cost_does_not_grow_with_the_roadmap(
    staff, questionnaire, priorities, django_assert_num_queries
):
    roadmap = roadmap_with(questionnaire.cycle.framework, priorities)
    carried_over(roadmap, questionnaire, steps=priorities // 2)
    # session, user, questionnaire, the chosen roadmap; the layout: sections, questions,
    # choices, priorities (then kept: reports.structure), the country's latest earlier
    # report and its next steps (then kept under its revision: reports.previous_report;
    # issue 25: was 11, then 10); the roadmaps to choose from
    with django_assert_num_queries(11):
        assert preview(staff, questionnaire, roadmap).status_code == 200


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("admin:roadmap_country_changelist", lambda: CountryFactory(name="Viet Nam")),
        (
            "admin:roadmap_indicator_changelist",
            lambda: IndicatorFactory(name="Calls to the hotline"),
        ),
    ],
)
def test_changelist_columns_read_in_the_admins_language(staff, url, make):
    row = make()
    row.translations = {"vi": {"name": "Tên tiếng Việt"}}
    row.save()
    vietnamese = staff.get(reverse(url), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    english = staff.get(reverse(url), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Tên tiếng Việt" in vietnamese and row.name not in vietnamese
    assert row.name in english
