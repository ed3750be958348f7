"""The filters of the search form: framework, country, region, cycle, theme, priority,
question, state; and the grid of hits per country and cycle."""

import pytest

from reports.models import ReportState
from roadmap.models import Priority, Region, Role
from tests.factories import CountryFactory, CycleFactory, member, report_with_form, secretariat_of
from tests.reports.review_support import put_in_state

from .support import activity, answer, first_item, found

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_countries():
    cycle = CycleFactory()
    asia = report_with_form(
        priorities=4, cycle=cycle, country=CountryFactory(region=Region.ASIA_PACIFIC)
    )
    africa = report_with_form(
        priorities=4, cycle=cycle, country=CountryFactory(region=Region.AFRICA)
    )
    for report in (asia, africa):
        staff = member(report, Role.REPORTER)
        answer(report, staff, "Hotline 111 answered calls.")
        priority = Priority.objects.filter(roadmap=report.roadmap).order_by("pk").first()
        activity(report, title="Hotline training", priorities=[priority])
        put_in_state(report, ReportState.SUBMITTED)
    put_in_state(africa, ReportState.ACCEPTED)
    return asia, africa, secretariat_of(cycle.framework)


def test_filters_by_country_region_cycle_framework_and_state(two_countries):
    asia, africa, sec = two_countries

    assert {h.report_id for h in found(sec, "hotline")} == {asia.pk, africa.pk}
    assert {h.report_id for h in found(sec, "hotline", country=asia.country_id)} == {asia.pk}
    assert {h.report_id for h in found(sec, "hotline", region=Region.AFRICA)} == {africa.pk}
    assert {h.report_id for h in found(sec, "hotline", state=ReportState.ACCEPTED)} == {africa.pk}
    assert len(found(sec, "hotline", cycle=asia.cycle_id)) == 4
    assert len(found(sec, "hotline", framework=asia.cycle.framework_id)) == 4
    assert not found(sec, "hotline", cycle=asia.cycle_id + 1000)


def test_filters_by_question_priority_and_theme(two_countries):
    asia, _africa, sec = two_countries
    question = first_item(asia)[0].question
    priority = Priority.objects.filter(roadmap=asia.roadmap).order_by("pk").first()

    assert {h.kind for h in found(sec, "hotline", question=question.pk)} == {"answer"}
    # The activity serves the priority (and so its theme).
    by_priority = found(sec, "hotline", priority=priority.pk)
    assert [(h.kind, h.report_id) for h in by_priority] == [("activity", asia.pk)]
    by_theme = found(sec, "hotline", theme=priority.theme_id)
    assert [(h.kind, h.report_id) for h in by_theme] == [("activity", asia.pk)]


def test_the_grid_counts_every_hit_per_country_and_cycle(two_countries):
    from search.selectors import SearchFilters, search

    asia, africa, sec = two_countries
    results = search(user=sec, query="hotline", filters=SearchFilters(), per_page=1)

    assert results.total == 4 and results.pages == 4 and len(results.hits) == 1
    assert {(c.country_id, c.cycle_id, c.count) for c in results.grid} == {
        (asia.country_id, asia.cycle_id, 2),
        (africa.country_id, africa.cycle_id, 2),
    }
    assert all(c.cycle_label and c.country_name for c in results.grid)


def test_a_page_beyond_the_last_shows_the_last(two_countries):
    from search.selectors import SearchFilters, search

    _asia, _africa, sec = two_countries
    results = search(user=sec, query="hotline", filters=SearchFilters(), page=99, per_page=3)
    assert (results.page, results.pages, len(results.hits)) == (2, 2, 1)
