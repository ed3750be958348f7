"""The reading view and the audit trail: what they show, to whom, at what cost."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from reports import workflow
from reports.layout import build_layout
from reports.models import Answer, AreaCoverage, ReportState
from reports.services import comments
from tests.factories import (
    ActivityFactory,
    AreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    NextStepFactory,
)

from .entry_helpers import forget_structure
from .review_support import fill_required, put_in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(report, focal):
    fill_required(report, text="First paragraph.\n\nSecond <em>paragraph</em>.")
    workflow.report_transition(report=report, user=focal, action="submit")
    return report


def test_reading_view_shows_every_item_with_number_text_and_paragraphs(client, submitted, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("reports:read", args=[submitted.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    for item in build_layout(submitted).items():
        assert f'id="{item.anchor}"' in html
        assert f'<span class="item-number">{item.display_number}.</span>' in html
    assert "<p>First paragraph.</p>" in html
    assert "<p>Second &lt;em&gt;paragraph&lt;/em&gt;.</p>" in html


def test_reading_view_marks_the_chosen_choices(client, submitted, reviewer):
    rating = next(i for i in build_layout(submitted).items() if i.question.code == "overall_rating")
    Answer.objects.filter(pk=rating.answer.pk).update(value="4")
    client.force_login(reviewer)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    chosen = 'class="choice-chosen"><span class="bi bi-record-circle-fill text-primary"'
    not_chosen = 'class="choice-not-chosen"><span class="bi bi-circle"'
    assert f'{chosen} aria-hidden="true"></span> Good progress' in html
    assert f'{not_chosen} aria-hidden="true"></span> Great progress' in html


def test_reading_view_shows_activities_indicators_and_next_steps(client, submitted, reviewer):
    ActivityFactory(report=submitted, title="Training of labour inspectors", places=["An Giang"])
    IndicatorValueFactory(report=submitted, value=2434, parts={"counselling": 541})
    NextStepFactory(report=submitted, title="Coordination regulation", targets="Signed by April")
    client.force_login(reviewer)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    assert "Training of labour inspectors" in html and "An Giang" in html
    assert "2,434" in html and "counselling: 541" in html
    assert "Coordination regulation" in html and "Signed by April" in html


def test_reading_view_shows_transitions_with_reasons_and_the_return_to_the_country(
    client, submitted, reviewer, alice
):
    workflow.report_transition(
        report=submitted, user=reviewer, action="return", reason="Please add figures."
    )
    client.force_login(alice)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    assert 'data-testid="return-reason"' in html
    assert "Please add figures." in html
    assert "Returned for revision" in html


def test_reading_view_offers_the_reviewer_return_and_accept(client, submitted, reviewer, alice):
    client.force_login(reviewer)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    assert reverse("reports:transition", args=[submitted.pk, "return"]) in html
    assert reverse("reports:transition", args=[submitted.pk, "accept"]) in html

    client.force_login(alice)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    assert "/transition/" not in html


def test_reading_view_is_404_for_outsiders(client, submitted, charlie, other_reviewer):
    for outsider in (charlie, other_reviewer):
        client.force_login(outsider)
        assert client.get(reverse("reports:read", args=[submitted.pk])).status_code == 404


def _busy(report, reviewer, alice, n: int):
    items = list(build_layout(report).items())
    for i in range(n):
        ActivityFactory(report=report)
        IndicatorValueFactory(report=report, indicator=IndicatorFactory(country=report.country))
        thread = comments.thread_start(report=report, user=reviewer, item=items[i], body="Why?")
        comments.comment_add(thread=thread, user=alice, body="Because.")


@pytest.mark.parametrize("n", [1, 8])
def test_reading_view_queries_do_not_grow_with_content(
    client, submitted, reviewer, alice, n, django_assert_num_queries
):
    _busy(submitted, reviewer, alice, n)
    client.force_login(reviewer)
    # 1. session, 2. user, 3. report with country, cycle, framework, questionnaire,
    # roadmap, 4. reviewer's memberships; layout: 5. carried next steps (the previous
    # cycle a subquery; one query even when there is none), 6. own next steps,
    # 7. answers; 8. threads, 9. their comments; 10. transitions; 11. activities,
    # 12. their areas, 13. their links to the priorities (the layout's); 14. indicator
    # values, 15. their parts; the rules' warnings beside the figures, on the activities
    # and values loaded above: 16. rules, 17. earlier values (and their explanations,
    # only when a rule warns: tests/reports/validation/test_explanations.py);
    # 18. evidence files; 19. the country's agencies (who contributed each answer,
    # activity and figure). The first request also reads the structure (sections,
    # questions, choices, priorities), then kept (reports.structure). Issue 25: was 28,
    # then 23 (the rules' rows read again, the explanations with no warning to explain).
    forget_structure(submitted)
    with django_assert_num_queries(23):
        client.get(reverse("reports:read", args=[submitted.pk]))
    with django_assert_num_queries(19):
        response = client.get(reverse("reports:read", args=[submitted.pk]))
    assert response.status_code == 200


def test_history_shows_answer_changes_with_user_and_old_and_new_value(
    client, submitted, reviewer, alice
):
    item = next(build_layout(submitted).items())
    client.force_login(alice)
    answer = Answer.objects.get(pk=item.answer.pk)
    answer.text = "Forty-five officials were trained."
    answer._history_user = alice
    answer.save()
    client.force_login(reviewer)

    response = client.get(reverse("reports:history", args=[submitted.pk]))

    html = response.content.decode()
    entries = response.context["entries"]
    changed = next(e for e in entries if e.kind == "changed" and e.source == "answer")
    assert changed.user == alice
    assert changed.changes[0].old.startswith("First paragraph.")
    assert changed.changes[0].new == "Forty-five officials were trained."
    assert changed.subject.startswith("1. ")
    assert "Submitted" in html  # the transition is in the trail too
    assert "<ins>" in html


def test_history_shows_figures_as_people_write_them(client, submitted, reviewer):
    from tests.factories import IndicatorValueFactory

    IndicatorValueFactory(report=submitted, value=17000)
    client.force_login(reviewer)
    html = client.get(reverse("reports:history", args=[submitted.pk])).content.decode()
    assert "17,000" in html and "17000.00" not in html


@pytest.mark.parametrize(
    ("language", "kind", "area", "date", "raw_date"),
    [
        ("en", "Workshop", "Child labour", "1 Aug 2022", "Aug. 1, 2022"),
        ("vi", "Hội thảo", "Lao động trẻ em", "1 Tháng 8 2022", "Ngày 01 tháng 8 năm 2022"),
    ],
)
def test_history_shows_labels_and_the_readers_dates_not_codes(
    client, submitted, reviewer, alice, language, kind, area, date, raw_date
):
    activity = ActivityFactory(report=submitted, kind="training", starts_on=dt.date(2022, 7, 1))
    activity.kind = "workshop"
    activity.starts_on = dt.date(2022, 8, 1)
    activity._history_user = alice
    activity.save()
    NextStepFactory(report=submitted, work_areas=["child_labour"])
    client.force_login(reviewer)

    html = client.get(
        reverse("reports:history", args=[submitted.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()

    for shown in (kind, area, date):
        assert shown in html
    for raw in ("<ins>workshop</ins>", "child_labour", raw_date):
        assert raw not in html


@pytest.mark.parametrize(
    ("language", "old", "new"), [("en", "Ha Noi", "Hue"), ("vi", "Hà Nội", "Huế")]
)
def test_history_names_the_provinces_an_activity_moved_between(
    client, report, alice, language, old, new
):
    """Provinces are a many-to-many of their own in the trail: a move from one to another
    is shown by name, in the reader's language, not as "no visible field changed"."""
    hanoi = AreaFactory(
        country=report.country, name="Ha Noi", translations={"vi": {"name": "Hà Nội"}}
    )
    hue = AreaFactory(country=report.country, name="Hue", translations={"vi": {"name": "Huế"}})
    activity = ActivityFactory(report=report, coverage=AreaCoverage.AREAS)
    activity.areas.set([hanoi])
    activity.areas.set([hue])
    client.force_login(alice)

    response = client.get(
        reverse("reports:history", args=[report.pk]), HTTP_ACCEPT_LANGUAGE=language
    )

    moves = [
        (c.old, c.new) for e in response.context["entries"] for c in e.changes if c.name == "areas"
    ]
    # set() removes, then adds: two records, each naming the province that went or came.
    assert (old, "") in moves and ("", new) in moves


def test_history_says_a_change_with_no_visible_field_in_a_paragraph_not_a_broken_list(
    client, report, alice
):
    activity = ActivityFactory(report=report)
    activity._history_user = alice
    activity.save()  # recorded, though no field it shows changed
    client.force_login(alice)

    html = client.get(reverse("reports:history", args=[report.pk])).content.decode()

    assert '<p class="text-body-secondary mb-0">No visible field changed.</p>' in html
    assert not re.search(r"<dl[^>]*>\s*<dd", html)


def test_history_is_for_the_country_and_its_reviewers(
    client, submitted, alice, reviewer, charlie, other_reviewer
):
    url = reverse("reports:history", args=[submitted.pk])
    for person, status in [(alice, 200), (reviewer, 200), (charlie, 404), (other_reviewer, 404)]:
        client.force_login(person)
        assert client.get(url).status_code == status


@pytest.mark.parametrize("activities", [30, 90])
def test_history_is_paginated_and_a_page_costs_the_same_however_long_the_trail(
    client, submitted, reviewer, alice, activities, django_assert_num_queries
):
    for i in range(activities):
        activity = ActivityFactory(report=submitted, title=f"Activity {i}")
        activity.title = f"Activity {i} (renamed)"
        activity._history_user = alice
        activity.save()
    client.force_login(reviewer)

    # 1. session, 2. user, 3. report (+ its questionnaire), 4. memberships, 5. count of
    # the union, layout: 6. carried next steps (the structure kept: reports.structure;
    # issue 25: was 17, with the questionnaire, sections, questions, choices, priorities
    # and the previous cycle); 7. the page of the union; 8. the page's activity records
    # with the id of each one's previous record, 9. those previous records, 10. the
    # priorities they served, 11. the provinces they named, 12. the users.
    client.get(reverse("reports:history", args=[submitted.pk]))  # the structure kept
    with django_assert_num_queries(12):
        response = client.get(reverse("reports:history", args=[submitted.pk]))

    entries = response.context["entries"]
    assert len(entries) == 50
    assert response.context["page"].paginator.count > 50
    renamed = entries[0]
    assert (renamed.kind, renamed.user) == ("changed", alice)
    assert [(c.old, c.new) for c in renamed.changes] == [
        (f"Activity {activities - 1}", f"Activity {activities - 1} (renamed)")
    ]


def test_accepted_report_is_read_only_for_the_country(client, submitted, reviewer, focal):
    workflow.report_transition(report=submitted, user=reviewer, action="accept")
    client.force_login(focal)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    assert "/transition/" not in html
    assert put_in_state(submitted, ReportState.ACCEPTED).is_editable_state is False


def test_reading_view_names_the_priorities_an_activity_serves_retired_ones_too(
    client, report, focal, reviewer, django_assert_num_queries
):
    # The priorities come from the layout, not read again (issue 25); one retired since
    # is no longer laid out: still named, read on its own (one query more).
    first, second = report.roadmap.priorities.order_by("theme__number", "order", "number")[:2]
    ActivityFactory(report=report, title="Served").priorities.set([second, first])
    ActivityFactory(report=report, title="Serving none")
    fill_required(report)
    workflow.report_transition(report=report, user=focal, action="submit")
    client.force_login(reviewer)
    url = reverse("reports:read", args=[report.pk])
    client.get(url)  # the structure kept
    # As test_reading_view_queries_do_not_grow_with_content, without threads' comments
    # and figures' parts (no thread, no figure).
    with django_assert_num_queries(17):
        html = client.get(url).content.decode()
    assert f"<td>{first.short_label}; {second.short_label}</td>" in html
    assert "<td>—</td>" in html

    # Retired behind the models' back (the base manager, as raw SQL would): the roadmap is
    # frozen by the submitted report, and its default manager refuses the change.
    type(first)._base_manager.filter(pk=first.pk).update(is_active=False)
    forget_structure(report)
    client.get(url)
    with django_assert_num_queries(18):
        html = client.get(url).content.decode()
    assert f"<td>{first.short_label}; {second.short_label}</td>" in html


def test_reading_view_leaves_the_submissions_snapshots_unread(client, submitted, reviewer):
    # Each submission keeps the answers as submitted (for the diff), never shown here.
    client.force_login(reviewer)
    response = client.get(reverse("reports:read", args=[submitted.pk]))
    transitions = response.context["transitions"]
    assert transitions
    assert all("snapshot" in t.get_deferred_fields() for t in transitions)
    assert "Submitted" in response.content.decode()
