"""A page costs the same queries whatever the data's size: pinned for a small and a larger
data set, for every entity set (with $count, $filter and $orderby)."""

from __future__ import annotations

import pytest

from roadmap.models import Role
from tests.factories import (
    ActivityFactory,
    AnswerFactory,
    CycleFactory,
    IndicatorValueFactory,
    NextStepFactory,
    ReportFactory,
    member,
    questionnaire_for,
    report_with_form,
)

pytestmark = pytest.mark.django_db

SETS = (
    "Countries",
    "Reports",
    "Answers",
    "NextSteps",
    "Activities",
    "Participants",
    "IndicatorValues",
)
QUERY = (
    "$count=true&$orderby=LastChange desc&$filter=State ne 'accepted' and CycleCode ge '2022-2023'"
)
COUNTRY_QUERY = "$count=true&$orderby=Name&$filter=Code ne 'ZZ'"
# Session, user, the person's roles, the framework, its cycles, the count, the page.
QUERIES = 7


def _fill(report, rows: int) -> None:
    questions = list(report.cycle.questionnaire.sections.first().questions.all()[:rows])
    for question in questions:
        AnswerFactory(report=report, question=question)
    for _ in range(rows):
        ActivityFactory(report=report)
        NextStepFactory(report=report)
        IndicatorValueFactory(report=report)


def _data(size: int):
    first = report_with_form(priorities=4)
    _fill(first, size)
    for year in range(2023, 2023 + size - 1):
        cycle = CycleFactory(starts_on=first.cycle.starts_on.replace(year=year))
        questionnaire_for(cycle)
        later = ReportFactory(country=first.country, roadmap=first.roadmap, cycle=cycle)
        _fill(later, size)
    return member(first, Role.REPORTER)


@pytest.mark.parametrize("size", [1, 4])
@pytest.mark.parametrize("name", SETS)
def test_a_page_costs_the_same_queries_at_any_size(client, django_assert_num_queries, size, name):
    client.force_login(_data(size))
    with django_assert_num_queries(QUERIES):
        query = COUNTRY_QUERY if name == "Countries" else QUERY
        response = client.get(f"/odata/v4/alliance87/{name}?{query}")
    assert response.status_code == 200
    assert response.json()["@odata.count"] >= (1 if name == "Countries" else size)
