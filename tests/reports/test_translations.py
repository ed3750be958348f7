"""The questionnaire is data in two languages: people read it in the language they chose."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from reports.layout import build_layout
from reports.models import Choice, Question, Section
from reports.services import questionnaire_copy
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual(report):
    questions = Question.objects.filter(section__questionnaire__cycle=report.cycle)
    progress = questions.get(code="priority_progress")
    progress.translations = {
        "vi": {"text": "Từ {period_start}, ưu tiên #{n} “{priority}” đã tiến triển thế nào?"}
    }
    progress.save()
    Section.objects.filter(pk=progress.section_id).update(
        translations={"vi": {"title": "Tiến độ hằng năm"}}
    )
    Choice.objects.filter(question__in=questions, value="yes").update(
        translations={"vi": {"label": "Có"}}
    )
    return report


def test_layout_reads_the_form_in_the_active_language(bilingual):
    with translation.override("vi"):
        layout = build_layout(bilingual)
    first = layout.sections[0]
    assert first.heading == "Tiến độ hằng năm"
    # months as the Vietnamese YEAR_MONTH_FORMAT writes them (translations/formats/vi)
    assert first.items[0].text.startswith("Từ tháng 5 năm 2022, ưu tiên #1 “Theme 1 1.")
    with translation.override("en"):
        assert build_layout(bilingual).sections[0].items[0].text.startswith("Since May 2022")


def test_untranslated_texts_fall_back_to_english(bilingual):
    Question.objects.filter(
        section__questionnaire__cycle=bilingual.cycle, code="highlights"
    ).update(translations={})
    with translation.override("vi"):
        layout = build_layout(bilingual)
    highlights = next(i for i in layout.items() if i.question.code == "highlights")
    assert highlights.text.startswith("Considering the progress")


def test_entry_page_in_vietnamese_shows_translated_labels_and_choices(client, bilingual, alice):
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    page = client.get(reverse("reports:section", args=[bilingual.pk, 1])).content.decode()
    assert "Tiến độ hằng năm" in page and "ưu tiên #1" in page
    section_6 = client.get(reverse("reports:section", args=[bilingual.pk, 6])).content.decode()
    assert ">Có<" in section_6 or "Có\n" in section_6


def test_copy_keeps_the_translations(bilingual):
    copy = questionnaire_copy(
        source=bilingual.cycle.questionnaire, cycle=CycleFactory(starts_on=dt.date(2023, 5, 1))
    )
    question = Question.objects.get(section__questionnaire=copy, code="priority_progress")
    assert question.translations["vi"]["text"].startswith("Từ {period_start}")
