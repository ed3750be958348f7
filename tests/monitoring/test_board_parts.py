"""The board counts a draft's parts ready for the focal point (issue 24): a number for the
secretariat, never the text, in the board's query budget."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from reports.assignment_models import AssignmentState
from tests.factories import CycleFactory, questionnaire_for, report_with_form, secretariat_of
from tests.reports.assignment_support import assign, contributor

pytestmark = pytest.mark.django_db


def board(client, cycle):
    url = reverse("monitoring:board", args=[cycle.framework.slug])
    return client.get(url, {"cycle": cycle.code})


def with_parts(report, ready: int, owed: int) -> None:
    for n in range(ready + owed):
        state = AssignmentState.READY if n < ready else AssignmentState.ASSIGNED
        if n == 0 and ready:
            state = AssignmentState.ACCEPTED  # accepted counts as handed in too
        assign(report, contributor(report, f"Agency {n}"), state=state)


def test_the_secretariat_sees_how_many_parts_of_a_draft_are_ready(client):
    cycle = CycleFactory()
    questionnaire_for(cycle)
    report = report_with_form(priorities=2, cycle=cycle)
    with_parts(report, ready=3, owed=4)
    question = report.cycle.questionnaire.sections.first().questions.first()
    report.answers.create(question=question, text="A secret sentence of the draft.")
    client.force_login(secretariat_of(cycle.framework))

    response = board(client, cycle)

    [row] = [r for r in response.context["rows"] if r.report]
    assert (row.parts_ready, row.parts_total) == (3, 7)
    page = response.content.decode()
    assert "Parts ready: 3 of 7" in page
    assert "A secret sentence" not in page


@pytest.mark.parametrize("n", [2, 6])
def test_the_count_costs_no_query_more(client, django_assert_num_queries, n):
    CycleFactory(starts_on=dt.date(2021, 5, 1))
    cycle = CycleFactory()
    questionnaire_for(cycle)
    for _n in range(n):
        with_parts(report_with_form(priorities=2, cycle=cycle), ready=1, owed=n)
    client.force_login(secretariat_of(cycle.framework))
    # As the board without assignments (tests/monitoring/test_board.py): the counts are
    # subqueries of the reports' query.
    with django_assert_num_queries(10):
        response = board(client, cycle)
    assert response.content.decode().count('data-testid="parts-ready"') == n
