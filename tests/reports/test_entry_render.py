"""The section page as each question kind renders it, carry-over, read-only views, escaping,
and the page's query count."""

import datetime as dt

import pytest

from reports.models import Answer, ReportState
from reports.services.answers import stored_digest
from reports.services.comments import thread_start
from roadmap.models import Role
from tests.factories import (
    AnswerFactory,
    CycleFactory,
    NextStepFactory,
    ReportFactory,
    member,
    questionnaire_for,
    report_with_form,
)

from .entry_helpers import forget_structure, item, layout_of, section_url

pytestmark = pytest.mark.django_db


def page(client, user, report, order):
    client.force_login(user)
    response = client.get(section_url(report, order))
    assert response.status_code == 200
    return response.content.decode()


def test_text_per_priority_has_number_theme_priority_limit_and_field_ids(client, report, alice):
    html = page(client, alice, report, 1)
    first = item(report, "priority_progress", 0)
    assert f'name="{first.key}"' in html
    assert f'id="id_{first.key}"' in html
    assert 'maxlength="20000"' in html
    assert "Maximum 20,000 characters." in html
    assert "1. Since May 2022, what progress has been made to your #1 national roadmap" in html
    assert "Theme 1 1. Priority 1" in html  # the priority's theme and number in the label
    # One hidden input per item: the revision and digest it was loaded with.
    assert f'name="{first.key}-base" value="0:{stored_digest(None)}"' in html
    assert f'name="{first.key}-rev"' not in html and f'name="{first.key}-orig"' not in html
    assert 'data-autosave-url="' in html and 'role="status"' in html


def test_section_nav_lists_every_section_with_counts_and_progress(client, report, alice):
    html = page(client, alice, report, 3)
    for order in range(1, 9):
        assert f'href="{section_url(report, order)}"' in html
    assert 'aria-current="page">III. Overall progress' in html
    assert "0/6" in html and "3 required" in html
    assert 'role="progressbar"' in html


def test_single_choice_is_radios_with_the_first_carrying_the_field_id(client, report, alice):
    html = page(client, alice, report, 3)
    key = item(report, "other_successes").key
    assert f'type="radio" class="form-check-input" name="{key}" value="yes"' in html
    assert f'id="id_{key}"' in html and f'id="id_{key}_1"' in html


def test_rating_is_real_radio_inputs_drawn_as_stars(client, report, alice):
    html = page(client, alice, report, 3)
    key = item(report, "overall_rating").key
    assert html.count(f'type="radio" name="{key}"') == 5
    assert 'class="pf-star" aria-hidden="true">★' in html
    assert "No progress" in html and "Great progress" in html
    assert f'<label for="id_{key}">' in html


def test_conditional_question_is_always_present_and_marked_for_the_script(client, report, alice):
    html = page(client, alice, report, 3)
    detail = item(report, "other_successes_detail")
    controller = item(report, "other_successes")
    assert f'name="{detail.key}"' in html
    assert f'data-shown-if="{controller.key}" data-shown-if-value="yes"' in html


def test_multiple_choice_has_checkboxes_and_an_other_text(client, report, alice):
    html = page(client, alice, report, 5)
    key = item(report, "international_partners").key
    assert f'type="checkbox" class="form-check-input" name="{key}" value="ilo"' in html
    assert f'name="{key}-other"' in html
    assert f'data-other-for="{key}" data-other-value="other"' in html


def test_next_steps_is_a_formset_with_a_blank_row_and_a_row_template(client, report, alice):
    NextStepFactory(report=report, title="Decree on child labour")
    html = page(client, alice, report, 8)
    key = item(report, "next_steps").key
    assert f'name="{key}-TOTAL_FORMS" value="2"' in html
    assert 'value="Decree on child labour"' in html
    assert f'name="{key}-1-title"' in html  # the blank row: works without script
    assert f'name="{key}-__prefix__-title"' in html  # the template the script clones
    assert "Child labour" in html and "Modern slavery" in html


def test_the_blank_next_step_row_offers_to_add_one_and_is_not_numbered(client, report, alice):
    """Section VIII showed an empty "Next step 4" after three steps on every visit; the
    blank row is for adding one and says so (entry.js folds it behind its button)."""
    for title in ("Decree", "Hotline", "Survey"):
        NextStepFactory(report=report, title=title)
    html = page(client, alice, report, 8)
    assert html.count('class="pf-row-number">') == 3 + 1  # three steps, and the template's
    assert 'class="pf-row-number">4<' not in html
    assert html.count("pf-row-new") == 1
    assert "Add another next step" in html


def test_section_two_lists_last_cycles_next_steps(client, alice):
    previous = CycleFactory(starts_on=dt.date(2021, 5, 1))
    questionnaire_for(previous)
    report = report_with_form(priorities=3)
    old = ReportFactory(
        country=report.country, cycle=previous, roadmap=report.roadmap, state="accepted"
    )
    NextStepFactory(report=old, title="Train labour inspectors", targets="300 inspectors")
    user = member(report, Role.REPORTER)
    html = page(client, user, report, 2)
    assert "What is the status of your next step #1 &quot;Train labour inspectors&quot;?" in html
    assert "300 inspectors" in html
    status = item(report, "next_step_status")
    assert f'name="{status.key}" value="completed"' in html


def test_html_typed_in_an_answer_is_shown_as_text(client, report, alice, reviewer):
    it = item(report, "highlights")
    AnswerFactory(report=report, question=it.question, text="<script>alert(1)</script>\n\nSecond")
    html = page(client, alice, report, 3)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    report.state, report.submitted_at = ReportState.SUBMITTED, dt.datetime.now(dt.UTC)
    report.save()
    html = page(client, reviewer, report, 3)
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n\n<p>Second</p>" in html


def test_reviewer_and_submitted_report_render_read_only(client, report, alice, reviewer):
    it = item(report, "challenges")
    AnswerFactory(report=report, question=it.question, text="Floods\n\nCOVID-19")
    report.state, report.submitted_at = ReportState.SUBMITTED, dt.datetime.now(dt.UTC)
    report.save()
    for user in (alice, reviewer):
        html = page(client, user, report, 3)
        assert 'name="q' not in html and '<form method="post" class="pf-section' not in html
        assert "<p>Floods</p>" in html and "<p>COVID-19</p>" in html
        assert "read-only" in html


def test_unknown_section_is_404(client, report, alice):
    client.force_login(alice)
    assert client.get(section_url(report, 99)).status_code == 404


def _page_queries(client, django_assert_num_queries, priorities):
    report = report_with_form(priorities=priorities)
    user = member(report, Role.REPORTER)
    client.force_login(user)
    priority_items = [i for i in _items(report) if i.priority]
    for it in priority_items[::2]:
        Answer.objects.create(report=report, question=it.question, priority=it.priority, text="x")
    for it in priority_items[::3]:
        thread_start(report=report, user=user, item=it, body="Please give figures.")
    # Last cycle's report answered every other priority: shown beside those fields.
    previous = ReportFactory(
        country=report.country,
        roadmap=report.roadmap,
        cycle=CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2021, 5, 1)),
        state=ReportState.ACCEPTED,
    )
    for it in priority_items[::2]:
        Answer.objects.create(
            report=previous, question=it.question, priority=it.priority, text="Last year."
        )
    # 1 session, 2 user, 3 report (+ country, cycle, roadmap, questionnaire), 4
    # memberships; layout: 5 the latest earlier report (its id, revision and time), 6 own
    # next steps, 7 answers; review threads: 8 threads (+ authors), 9 their comments (the
    # open ones counted per section from those: no query); 10 the report's evidence
    # files. The form and the template add none. The first request of a questionnaire and
    # roadmap also reads their structure (sections, questions, choices, priorities with
    # themes), and the first after the earlier report changed its next steps and text
    # answers (last cycle's answers beside the fields): every later one finds them kept
    # (reports.structure, reports.previous_report). Issue 25: was 17, then 11.
    forget_structure(report)
    with django_assert_num_queries(16):
        client.get(section_url(report, 1))
    with django_assert_num_queries(10):
        response = client.get(section_url(report, 1))
    html = response.content.decode()
    assert html.count("<textarea") == priorities
    assert html.count("pf-copy-previous") == len(priority_items[::2])


def _items(report):
    from .entry_helpers import layout_of

    return list(layout_of(report).items())


def test_page_query_count_does_not_grow_with_priorities_15(client, django_assert_num_queries):
    _page_queries(client, django_assert_num_queries, 15)


def test_page_query_count_does_not_grow_with_priorities_40(client, django_assert_num_queries):
    _page_queries(client, django_assert_num_queries, 40)


def test_reporter_sees_review_threads_beside_the_question(client, report, alice, reviewer):
    # a returned report: the reviewer has read it and the country revises it
    type(report).objects.filter(pk=report.pk).update(
        state=ReportState.RETURNED, submitted_at=dt.datetime(2023, 6, 1, tzinfo=dt.UTC)
    )
    report.refresh_from_db()
    first = _items(report)[0]
    thread_start(report=report, user=reviewer, item=first, body="Please add the number of women.")
    client.force_login(alice)
    html = client.get(section_url(report, 1)).content.decode()
    assert "Please add the number of women." in html
    assert 'data-testid="unresolved-1"' in html and "1 open comment" in html
    # the thread's reply form lives on the reading page: forms never nest in the entry form
    assert f"/reports/{report.pk}/read/#{first.anchor}" in html


def _cards(html: str) -> dict[str, str]:
    """Each item's card as rendered, by item key."""
    cards = {}
    for chunk in html.split('<div class="pf-item card')[1:]:
        key = chunk.split('data-key="', 1)[1].split('"', 1)[0]
        cards[key] = chunk.split('class="card-body">', 1)[1]
    return cards


@pytest.mark.parametrize("order", [1, 3, 8])
def test_required_questions_are_marked_on_the_entry_page(client, report, alice, order):
    cards = _cards(page(client, alice, report, order))
    items = layout_of(report).section(order).items
    mark = (
        '<span class="text-danger pf-required" title="required" aria-hidden="true">*</span>'
        '<span class="visually-hidden">(required)</span>'
    )
    assert any(i.question.required for i in items)
    for it in items:
        # In the label (or the legend of a group), right after the question's text.
        label = cards[it.key].split("</label>" if "<legend" not in cards[it.key] else "</legend>")[
            0
        ]
        assert (mark in label) == it.question.required, (it.key, label)
