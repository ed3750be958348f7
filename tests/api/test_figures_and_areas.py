"""The indicators' baselines and targets and the areas' code list in the API: each person
reads those of the countries they read about, no more; a list costs the same queries at
two sizes."""

from __future__ import annotations

import pytest

from tests.api.support import figures, rows, world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("resource", ["baselines", "targets", "areas"])
def test_each_person_reads_the_figures_and_areas_of_their_countries(client, resource):
    w = world()  # with figures of the draft's country
    figures(w.other, name="Labour inspections")
    mine, theirs = w.draft.country.code, w.other.country.code

    def countries(user) -> set[str]:
        return {row["country"] for row in rows(client, user, f"/api/v1/{resource}/")}

    assert countries(w.owner) == countries(w.colleague) == countries(w.reviewer) == {mine}
    assert countries(w.outsider) == set()
    assert countries(w.secretariat) == countries(w.admin) == {mine, theirs}


def test_a_baseline_gives_its_year_value_and_source_in_both_languages(client):
    w = world()
    (baseline,) = rows(client, w.owner, "/api/v1/baselines/")
    assert (baseline["year"], baseline["value"]) == (2021, "3808.00")
    assert (baseline["source"], baseline["source_vi"]) == ("Hotline 111", "Tổng đài 111")
    assert baseline["roadmap"] == w.draft.roadmap_id
    (target,) = rows(client, w.owner, "/api/v1/targets/", indicator=baseline["indicator"])
    assert (target["year"], target["value"]) == (2025, "2000.00")


# The session, its user, the person's roles, the roadmaps or countries in scope (inside
# the page's query), the page of rows.
QUERIES = {"baselines": 4, "targets": 4, "areas": 4}


@pytest.mark.parametrize("resource", list(QUERIES))
def test_a_list_of_figures_or_areas_costs_the_same_queries_at_two_sizes(
    client, resource, django_assert_num_queries
):
    w = world()
    client.force_login(w.admin)
    url = f"/api/v1/{resource}/"
    with django_assert_num_queries(QUERIES[resource]):
        small = client.get(url).json()["results"]
    for n in range(4):
        figures(w.other, name=f"Indicator {n}")
    with django_assert_num_queries(QUERIES[resource]):
        large = client.get(url).json()["results"]
    assert len(large) > len(small)
