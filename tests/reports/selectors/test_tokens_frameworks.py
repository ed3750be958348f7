"""The frameworks whose feeds the Connect page offers a person: decided by the same
permission functions as the portal's pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from reports.models import ReportState
from reports.selectors.tokens_frameworks import tokens_readable_frameworks
from roadmap.models import Role
from tests.factories import (
    CountryFactory,
    CycleFactory,
    FrameworkFactory,
    ReportFactory,
    RoadmapFactory,
    UserFactory,
    member,
    secretariat_of,
)

pytestmark = pytest.mark.django_db


def _slugs(user) -> list[str]:
    return [f.slug for f in tokens_readable_frameworks(user=user)]


def test_country_staff_get_the_frameworks_of_their_reports(report, alice, charlie):
    FrameworkFactory(slug="csr-ta", name="Programme", kind="programme")
    assert _slugs(alice) == ["alliance87"]
    assert _slugs(charlie) == []


def test_reviewer_gets_a_framework_once_a_report_is_handed_in(report):
    reviewer = member(report, Role.REVIEWER)
    assert _slugs(reviewer) == []
    report.state, report.submitted_at = ReportState.SUBMITTED, timezone.now()
    report.save()
    assert _slugs(reviewer) == ["alliance87"]


def test_secretariat_and_admin(db):
    programme = FrameworkFactory(slug="csr-ta", name="Programme", kind="programme")
    FrameworkFactory()
    assert _slugs(secretariat_of(programme)) == ["csr-ta"]
    assert _slugs(UserFactory(is_staff=True)) == ["alliance87", "csr-ta"]


@pytest.mark.parametrize("reports", [1, 12])
def test_query_count_does_not_grow_with_reports(reports, django_assert_num_queries):
    country = CountryFactory()
    user = member(country, Role.REPORTER)
    roadmap = RoadmapFactory(country=country)
    for year in range(reports):
        cycle = CycleFactory(starts_on=dt.date(2000 + year, 5, 1))
        ReportFactory(country=country, cycle=cycle, roadmap=roadmap)
    # The roles (one query), the frameworks (one).
    with django_assert_num_queries(2):
        assert _slugs(user) == ["alliance87"]
