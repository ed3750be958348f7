"""reports.selectors.publications: what is public, for the public pages and the open
data, at a cost that does not grow with the number of publications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from reports.models import Publication, ReportState
from reports.selectors.publications import (
    EventKind,
    country_publications,
    live_publications,
    public_version,
    publication_events,
    publication_for,
)
from roadmap.models import Roadmap
from tests.factories import (
    CountryFactory,
    CycleFactory,
    FrameworkFactory,
    ReportFactory,
    RoadmapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def framework():
    return FrameworkFactory(slug="alliance87")


@pytest.fixture
def publisher():
    return UserFactory(username="sam")


def publish(report, user, *, at, revision=1) -> Publication:
    """A publication row as the workflow leaves it (the workflow is tested elsewhere)."""
    return Publication.objects.create(
        report=report,
        revision=revision,
        snapshot={"country": {"code": report.country.code}},
        published_at=at,
        published_by=user,
    )


def withdraw(publication, user, *, at) -> None:
    Publication.objects.filter(pk=publication.pk).update(
        withdrawn_at=at, withdrawn_by=user, withdrawn_reason="A reason for the country."
    )


def report_in(country, cycle):
    """An accepted report of ``country`` for ``cycle``, on the country's one roadmap."""
    roadmap = Roadmap.objects.filter(country=country, framework=cycle.framework).first()
    roadmap = roadmap or RoadmapFactory(country=country, framework=cycle.framework)
    return ReportFactory(country=country, cycle=cycle, roadmap=roadmap, state=ReportState.ACCEPTED)


def reports_of(framework, n: int, cycles: int = 1) -> list:
    made = []
    for year in range(2022, 2022 + cycles):
        cycle = CycleFactory(framework=framework, starts_on=dt.date(year, 5, 1))
        for i in range(n):
            # Two letters, as ISO codes: "QA", "QB", ...; the same country every cycle.
            country = CountryFactory(code=f"Q{chr(65 + i)}")
            made.append(report_in(country, cycle))
    return made


def test_live_publications_are_the_public_ones_of_the_framework(framework, publisher):
    vn, np_ = reports_of(framework, 2)
    other = ReportFactory(cycle=CycleFactory(framework=FrameworkFactory(slug="programme")))
    kept = publish(vn, publisher, at=T0)
    gone = publish(np_, publisher, at=T0)
    withdraw(gone, publisher, at=T0 + dt.timedelta(days=1))
    publish(other, publisher, at=T0)

    assert live_publications(framework=framework) == [kept]


def test_country_publications_oldest_cycle_first(framework, publisher):
    country = CountryFactory(code="VN")
    older = report_in(country, CycleFactory(framework=framework, starts_on=dt.date(2021, 5, 1)))
    newer = report_in(country, CycleFactory(framework=framework, starts_on=dt.date(2022, 5, 1)))
    second = publish(newer, publisher, at=T0)
    first = publish(older, publisher, at=T0 + dt.timedelta(hours=1))

    assert country_publications(framework=framework, country=country) == [first, second]


def test_publication_for_finds_by_codes_and_never_a_withdrawn_one(framework, publisher):
    (report,) = reports_of(framework, 1)
    code = report.country.code
    assert publication_for(framework=framework, country_code=code, cycle_code="2022-2023") is None
    publication = publish(report, publisher, at=T0)

    found = publication_for(framework=framework, country_code=code.lower(), cycle_code="2022-2023")
    assert found == publication
    assert publication_for(framework=framework, country_code=code, cycle_code="2021-2022") is None
    assert publication_for(framework=framework, country_code=code, cycle_code="nonsense") is None
    assert publication_for(framework=framework, country_code="ZZ", cycle_code="2022-2023") is None
    withdraw(publication, publisher, at=T0 + dt.timedelta(days=1))
    assert publication_for(framework=framework, country_code=code, cycle_code="2022-2023") is None


def test_events_say_published_republished_and_withdrawn_newest_first(framework, publisher):
    first_report, second_report = reports_of(framework, 2)
    first = publish(first_report, publisher, at=T0)
    # Republished: the older goes at the very instant the newer comes.
    replaced_at = T0 + dt.timedelta(days=2)
    withdraw(first, publisher, at=replaced_at)
    publish(first_report, publisher, at=replaced_at, revision=5)
    other = publish(second_report, publisher, at=T0 + dt.timedelta(days=1))
    withdraw(other, publisher, at=T0 + dt.timedelta(days=3))

    events = publication_events(framework=framework)

    assert [(e.country.code, e.what, e.revision) for e in events] == [
        (second_report.country.code, EventKind.WITHDRAWN, 1),
        (first_report.country.code, EventKind.REPUBLISHED, 5),
        (second_report.country.code, EventKind.PUBLISHED, 1),
        (first_report.country.code, EventKind.PUBLISHED, 1),
    ]
    assert not hasattr(events[0], "reason") and not hasattr(events[0], "by")
    assert len(publication_events(framework=framework, limit=2)) == 2


def test_public_version_changes_with_every_publishing_step(framework, publisher):
    (report,) = reports_of(framework, 1)
    versions = [public_version(framework=framework)]
    publication = publish(report, publisher, at=T0)
    versions.append(public_version(framework=framework))
    Publication.objects.filter(pk=publication.pk).update(pdf_en="public/1/a.pdf")
    versions.append(public_version(framework=framework))
    withdraw(publication, publisher, at=timezone.now())
    versions.append(public_version(framework=framework))
    publish(report, publisher, at=timezone.now(), revision=2)
    versions.append(public_version(framework=framework))

    assert len(set(versions)) == len(versions)
    assert public_version(framework=framework) == versions[-1]  # stable while nothing happens
    other = FrameworkFactory(slug="programme")
    assert public_version(framework=other) != versions[-1]


@pytest.mark.parametrize("n", [2, 6])
def test_selectors_cost_the_same_queries_however_many_publications(
    framework, publisher, n, django_assert_num_queries
):
    reports = reports_of(framework, n, cycles=2)
    for index, report in enumerate(reports):
        publication = publish(report, publisher, at=T0 + dt.timedelta(hours=index))
        if index % 3 == 0:
            withdraw(publication, publisher, at=T0 + dt.timedelta(days=10, hours=index))
    country = reports[0].country

    with django_assert_num_queries(1):
        rows = live_publications(framework=framework)
        assert [(p.report.country.code, p.report.cycle.code) for p in rows]
    with django_assert_num_queries(1):
        for p in country_publications(framework=framework, country=country):
            assert p.report.cycle.code
    with django_assert_num_queries(2):
        publication_for(framework=framework, country_code=country.code, cycle_code="2023-2024")
    with django_assert_num_queries(2):
        assert all(e.country.code and e.cycle.code for e in publication_events(framework=framework))
    with django_assert_num_queries(1):
        public_version(framework=framework)
