"""Every list costs the same number of queries whatever the number of rows: pinned here at
two sizes (one country's reports, then four countries' with twice the rows each)."""

from __future__ import annotations

import pytest

from api.pagination import PAGE_SIZE
from reports.models import Answer, NextStep, Question, QuestionKind
from tests.api.support import fill, later_report, world
from tests.factories import CountryFactory, CycleFactory, FrameworkFactory, report_with_form
from tests.reports.review_support import handed_in

pytestmark = pytest.mark.django_db

# The session, its user, the person's roles, the page of rows; then one query per
# prefetched relation (an answer's question's choices, an activity's priorities and its
# areas, an indicator value's break-down parts).
QUERIES = {
    "frameworks": 4,
    "countries": 4,
    "cycles": 4,
    "roadmaps": 4,
    "themes": 4,
    "priorities": 4,
    "indicators": 4,
    "reports": 4,
    "answers": 5,
    "next-steps": 4,
    "activities": 6,
    "indicator-values": 5,
    # The framework, its cycles, its countries, their reports with the counts a row shows,
    # and the required answers counted per report.
    "board": 9,
}


def grow(w) -> None:
    """Three more countries' handed-in reports, a later cycle, another framework."""
    for _n in range(3):
        report = report_with_form(priorities=4, country=CountryFactory(), cycle=w.draft.cycle)
        handed_in(fill(report))
    later_report(w.draft)
    CycleFactory(framework=FrameworkFactory(slug="programme", name="Programme"))


@pytest.mark.parametrize("resource", list(QUERIES))
def test_a_list_costs_the_same_queries_at_two_sizes(client, resource, django_assert_num_queries):
    w = world()
    client.force_login(w.admin)
    url = f"/api/v1/{resource}/" + (
        "?framework=alliance87&cycle=2022-2023" if resource == "board" else ""
    )
    with django_assert_num_queries(QUERIES[resource]):
        small = client.get(url)
    grow(w)
    with django_assert_num_queries(QUERIES[resource]):
        large = client.get(url)
    results = lambda r: r.json()["results"] if isinstance(r.json(), dict) else r.json()  # noqa: E731
    assert len(results(large)) > len(results(small))


def test_ten_thousand_answers_are_read_a_page_at_a_time(client, django_assert_num_queries):
    w = world()
    question = Question.objects.get(
        section__questionnaire__cycle=w.draft.cycle, kind=QuestionKind.TEXT_PER_NEXT_STEP
    )
    steps = NextStep.objects.bulk_create(
        NextStep(report=w.draft, order=n, title=f"Step {n}") for n in range(10_000)
    )
    Answer.objects.bulk_create(
        Answer(report=w.draft, question=question, next_step=s, text=f"Done {s.order}.")
        for s in steps
    )
    client.force_login(w.owner)
    with django_assert_num_queries(QUERIES["answers"]) as queries:
        page = client.get("/api/v1/answers/").json()
    assert len(page["results"]) == PAGE_SIZE and page["next"]
    assert any(f"LIMIT {PAGE_SIZE + 1}" in q["sql"] for q in queries.captured_queries)
