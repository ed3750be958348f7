"""A page of hits costs the same number of queries at N and 3N reports (and hits):
the roles, the grid (which also gives the total) and the names of its countries and
cycles, the page with its titles joined."""

import pytest

from reports.models import ReportState
from search.index import sync_reports
from search.selectors import SearchFilters, search, search_rows
from tests.factories import CountryFactory, CycleFactory, report_with_form, secretariat_of
from tests.reports.review_support import put_in_state

from .support import activity, answer, indicator_value

pytestmark = pytest.mark.django_db


def _reports(n: int):
    cycle = CycleFactory()
    framework = cycle.framework
    from roadmap.models import Role
    from tests.factories import member

    for i in range(n):
        report = report_with_form(priorities=4, country=CountryFactory(), cycle=cycle)
        staff = member(report, Role.REPORTER)
        answer(report, staff, f"Hotline 111 took calls in province {i}.")
        activity(report, title=f"Hotline 111 training {i}")
        indicator_value(report, note="Calls to hotline 111 doubled.")
        put_in_state(report, ReportState.SUBMITTED)
    sync_reports([])
    return secretariat_of(framework, username=f"sec{n}")


@pytest.mark.parametrize("n", [4, 12])
def test_a_page_of_hits_costs_the_same_at_two_sizes(n, django_assert_num_queries):
    secretariat = _reports(n)
    with django_assert_num_queries(5):
        results = search(user=secretariat, query="hotline 111", filters=SearchFilters(), per_page=5)
    assert results.total == 3 * n
    assert len(results.hits) == 5
    assert sum(cell.count for cell in results.grid) == 3 * n
    assert [h.title for h in results.hits]


@pytest.mark.parametrize("n", [4, 12])
def test_the_export_rows_cost_the_same_at_two_sizes(n, django_assert_num_queries):
    secretariat = _reports(n)
    with django_assert_num_queries(2):
        rows = list(search_rows(user=secretariat, query="hotline", filters=SearchFilters()))
    assert len(rows) == 3 * n
