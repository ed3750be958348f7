"""What a person finds: every kind of text, diacritics folded both ways, phrases and
exclusions, ranking; the same tests on SQLite and PostgreSQL (whichever DATABASE_URL)."""

import pytest
from django.utils import translation

from reports.layout import build_layout
from reports.models import ReportState
from search.models import HitKind

from .support import activity, answer, answer_item, comment, found, fresh, indicator_value, texts

pytestmark = pytest.mark.django_db

BIRTHS = "Đăng ký khai sinh cho mọi trẻ em ở Điện Biên, kể cả trẻ di cư."


def test_an_answer_is_found_with_a_link_to_its_question(report, alice):
    answer(report, alice, "We ran a social-media campaign on Hotline 111.")

    [hit] = found(alice, "hotline 111")
    assert hit.kind == HitKind.ANSWER
    assert hit.report_id == report.pk
    assert hit.url.startswith(f"/reports/{report.pk}/read/?q=")
    assert "#item-q" in hit.url
    assert "<mark>Hotline 111</mark>" in hit.snippet
    assert hit.title  # the question's text


def test_a_query_without_diacritics_finds_text_with_them(report, alice):
    answer(report, alice, BIRTHS)

    [hit] = found(alice, "dang ky khai sinh")
    assert "<mark>Đăng ký khai sinh</mark>" in hit.snippet
    assert found(alice, "dien bien")  # đ/Đ folds to d
    assert found(alice, "DIỆN BIÊN")


def test_a_query_with_diacritics_finds_text_without_them(report, alice):
    answer(report, alice, "Dang ky khai sinh in Dien Bien province.")

    assert found(alice, "Đăng ký khai sinh")
    assert found(alice, "điện biên")


def test_a_phrase_matches_its_words_in_order_only(report, alice):
    answer(report, alice, "Labour inspection in agriculture improved. Child labour fell.")

    assert found(alice, '"labour inspection"')
    assert not found(alice, '"inspection labour"')
    assert found(alice, "inspection labour")  # words in any order


def test_a_word_with_a_minus_is_left_out(report, alice, bob):
    answer(report, alice, "A campaign on television.")
    answer(report, bob, "A campaign on social media.", code="lessons")

    assert texts(alice, "campaign -television") == {"A campaign on social media."}
    assert texts(alice, 'campaign -"social media"') == {"A campaign on television."}


def test_the_text_with_more_matches_ranks_first(report, alice):
    answer(report, alice, "Trafficking. Trafficking victims. Trafficking hotline trafficking.")
    answer(report, alice, "One line about trafficking among many other words here.", code="lessons")

    hits = found(alice, "trafficking")
    assert len(hits) == 2
    assert hits[0].rank >= hits[1].rank
    assert hits[0].snippet.count("<mark>") > hits[1].snippet.count("<mark>")


def test_next_steps_are_found_by_title_targets_and_evidence(report, alice):
    from reports.models import NextStep
    from reports.revisions import report_touch

    from .support import fresh

    step = NextStep.objects.create(
        report=report,
        title="Hotline 111 staff trained",
        targets="All provinces",
        evidence="Ministry circular",
    )
    report_touch(report=fresh(report))  # as the next-step rows' service does

    assert {h.kind for h in found(alice, "hotline")} == {HitKind.NEXT_STEP}
    assert found(alice, "ministry circular")[0].url.endswith(f"#next-step-{step.pk}")
    assert found(alice, "provinces")


def test_an_activity_is_found_by_title_description_partners_and_areas(report, alice):
    made = activity(
        report,
        title="Tập huấn thanh tra lao động",
        description="Labour inspection in agriculture.",
        partners="UNICEF Viet Nam",
        organisers="MOLISA",
        unlisted_areas=["Lào Cai"],
    )

    for query in ("thanh tra", "agriculture", "unicef", "molisa", "lao cai"):
        [hit] = found(alice, query)
        assert hit.kind == HitKind.ACTIVITY, query
        assert hit.title == "Tập huấn thanh tra lao động"
        assert hit.url.endswith(f"#activity-{made.pk}")


def test_an_indicator_note_and_source_are_found(report, alice):
    indicator = indicator_value(
        report, note="Calls doubled after the campaign.", source="Tổng đài 111"
    )

    [hit] = found(alice, "doubled")
    assert hit.kind == HitKind.INDICATOR
    assert hit.title == "Calls to the hotline"
    assert hit.url.endswith(f"#indicator-{indicator.pk}")
    assert found(alice, "tong dai")


def test_the_title_is_in_the_readers_language(report, alice):
    indicator = indicator_value(report, note="Calls doubled.")
    indicator.translations = {"vi": {"name": "Cuộc gọi đến tổng đài"}}
    indicator.save()

    with translation.override("vi"):
        [hit] = found(alice, "doubled")
    assert hit.title == "Cuộc gọi đến tổng đài"


def test_a_comment_is_found_by_the_reports_reviewer(report, alice, reviewer):
    from tests.reports.review_support import put_in_state

    put_in_state(report, ReportState.SUBMITTED)
    thread = comment(report, reviewer, "Which provinces did the birth registration reach?")

    [hit] = found(reviewer, "birth registration")
    assert hit.kind == HitKind.COMMENT
    assert hit.url.endswith(f"#thread-{thread.pk}")


def test_a_per_priority_answers_title_is_worded_as_the_form_words_its_item(report, alice):
    layout = build_layout(fresh(report))
    second = [i for i in layout.items() if i.question.code == "priority_progress"][1]
    answer_item(report, alice, second, "Labour inspectors visited 40 farms.")

    [hit] = found(alice, "inspectors")
    assert hit.title == second.text
    assert "#2" in hit.title and "{" not in hit.title
