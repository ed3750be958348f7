"""A report's review threads as the pages read them: by item, and open ones per section
(counted onto the layout from those, no query)."""

from __future__ import annotations

import pytest

from reports.layout import attach_open_threads, build_layout
from reports.models import ReportState
from reports.selectors.threads import threads_by_item
from reports.services import comments
from tests.reports.review_support import put_in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(report):
    return put_in_state(report, ReportState.SUBMITTED)


def test_threads_by_item_costs_two_queries(submitted, reviewer, alice, django_assert_num_queries):
    items = list(build_layout(submitted).items())
    for item in items[:5]:
        thread = comments.thread_start(report=submitted, user=reviewer, item=item, body="Why?")
        comments.comment_add(thread=thread, user=alice, body="Because.")

    # 1. threads with creator and resolver, 2. their comments with authors
    with django_assert_num_queries(2):
        by_item = threads_by_item(report=submitted)
        bodies = [
            c.author.username for ts in by_item.values() for t in ts for c in t.comments.all()
        ]

    assert set(by_item) == {i.key for i in items[:5]}
    assert bodies.count("alice") == 5


def test_open_threads_counted_by_section(submitted, reviewer, django_assert_num_queries):
    layout = build_layout(submitted)
    first_section, third_section = layout.sections[0], layout.sections[2]
    comments.thread_start(report=submitted, user=reviewer, item=first_section.items[0], body="a")
    comments.thread_start(report=submitted, user=reviewer, item=first_section.items[1], body="b")
    done = comments.thread_start(
        report=submitted, user=reviewer, item=third_section.items[0], body="c"
    )
    comments.thread_resolve(thread=done, user=reviewer)

    threads = threads_by_item(report=submitted)
    with django_assert_num_queries(0):
        attach_open_threads(layout, threads)
    counts = {s.section.order: s.unresolved for s in layout.sections}

    assert counts[first_section.section.order] == 2
    assert counts[third_section.section.order] == 0
    assert set(counts) == {s.section.order for s in layout.sections}
