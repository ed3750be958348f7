"""The reading view opened from a search hit (``?q=``): the words found are marked in
answers, next steps, activities and indicator notes, escaped; the page is the same as
before without ``q``, and costs no query more with it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports import workflow
from reports.layout import build_layout
from tests.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    NextStepFactory,
)

from .review_support import fill_required

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(report, focal):
    fill_required(report, text="Hotline 111 & <em>Tổng đài</em> took calls.")
    NextStepFactory(report=report, title="Train hotline 111 counsellors")
    ActivityFactory(report=report, title="Hotline 111 refresher course")
    IndicatorValueFactory(
        report=report,
        indicator=IndicatorFactory(country=report.country),
        note="Calls to hotline 111 in the year",
    )
    workflow.report_transition(report=report, user=focal, action="submit")
    return report


def _read(client, report, **params):
    return client.get(reverse("reports:read", args=[report.pk]), params)


def test_the_words_found_are_marked_in_every_kind_of_text(client, submitted, reviewer):
    client.force_login(reviewer)
    html = _read(client, submitted, q="hotline 111").content.decode()
    # Words found side by side are one mark.
    answer = "<mark>Hotline 111</mark> &amp; &lt;em&gt;Tổng đài&lt;/em&gt; took calls."
    assert answer in html
    assert "Train <mark>hotline 111</mark> counsellors" in html
    assert "<mark>Hotline 111</mark> refresher course" in html
    assert "Calls to <mark>hotline 111</mark> in the year" in html
    html = _read(client, submitted, q="111 calls").content.decode()
    assert "<mark>Hotline</mark>" not in html
    assert "took <mark>calls</mark>." in html


def test_marks_fold_diacritics_and_case(client, submitted, reviewer):
    client.force_login(reviewer)
    html = _read(client, submitted, q="tong dai").content.decode()
    assert "&lt;em&gt;<mark>Tổng đài</mark>&lt;/em&gt;" in html


def test_a_script_in_the_query_never_reaches_the_page(client, submitted, reviewer):
    client.force_login(reviewer)
    html = _read(client, submitted, q='<script>alert("x")</script> hotline').content.decode()
    assert "<script>alert" not in html
    assert "<mark>Hotline</mark>" in html


def test_without_a_query_the_page_has_no_mark_and_no_way_back(client, submitted, reviewer):
    client.force_login(reviewer)
    html = _read(client, submitted).content.decode()
    assert "<mark>" not in html
    assert 'data-testid="back-to-search"' not in html
    assert "Hotline 111 &amp; &lt;em&gt;Tổng đài&lt;/em&gt; took calls." in html


def test_back_to_search_keeps_the_filters_the_reader_came_from(client, submitted, reviewer):
    client.force_login(reviewer)
    plain = _read(client, submitted, q="hotline").content.decode()
    assert 'href="/search/?q=hotline" data-testid="back-to-search"' in plain
    came_from = "http://testserver/search/?q=hotline&amp;cycle=3"
    response = client.get(
        reverse("reports:read", args=[submitted.pk]),
        {"q": "hotline"},
        HTTP_REFERER="http://testserver/search/?q=hotline&cycle=3",
    )
    assert f'href="{came_from}"' in response.content.decode()
    elsewhere = client.get(
        reverse("reports:read", args=[submitted.pk]),
        {"q": "hotline"},
        HTTP_REFERER="https://evil.example/search/",
    )
    assert "evil.example" not in elsewhere.content.decode()


def test_every_item_activity_and_indicator_value_has_its_anchor(client, submitted, reviewer):
    client.force_login(reviewer)
    html = _read(client, submitted).content.decode()
    for item in build_layout(submitted).items():
        assert f'id="{item.anchor}"' in html
    for activity in submitted.activities.all():
        assert f'id="activity-{activity.pk}"' in html
    for value in submitted.indicator_values.all():
        assert f'id="indicator-{value.indicator_id}"' in html


@pytest.mark.parametrize("q", ["", 'hotline 111 -nothing "tong dai"'])
def test_marking_costs_no_query(client, submitted, reviewer, q, django_assert_num_queries):
    client.force_login(reviewer)
    # The reading view's count for this report (test_review_pages explains each query),
    # the same with q or without: reading and marking the terms asks the database nothing.
    # The questionnaire's structure is kept after the first page (reports.structure).
    _read(client, submitted)
    # Issue 25: was 22 (the rules' rows read again, their explanations with no warning).
    with django_assert_num_queries(18):
        response = _read(client, submitted, **({"q": q} if q else {}))
    assert response.status_code == 200


def test_a_returned_reports_section_page_shows_its_threads_without_search_terms(
    client, submitted, reviewer, focal
):
    # The entry page includes the same thread template as the reading view, without the
    # search terms: the comment reads as typed, no mark, no error.
    from reports.services.comments import thread_start

    item = build_layout(submitted).sections[0].items[0]
    thread_start(report=submitted, user=reviewer, body="Which hotline <b>111</b>?", item=item)
    workflow.report_transition(
        report=submitted, user=reviewer, action="return", reason="Please say which hotline."
    )
    client.force_login(focal)
    response = client.get(reverse("reports:section", args=[submitted.pk, 1]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Which hotline &lt;b&gt;111&lt;/b&gt;?" in html
    assert "<mark>" not in html
