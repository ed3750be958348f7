"""A focal point opens the country's report of an open cycle from the home page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import Report, ReportingCycle
from reports.selectors.cycles import reports_to_open
from roadmap.models import Role
from tests.factories import (
    CountryFactory,
    CycleFactory,
    RoadmapFactory,
    member,
    questionnaire_for,
)

pytestmark = pytest.mark.django_db


def open_cycle(framework, *, opens_in: int = -10, deadline_in: int = 60) -> ReportingCycle:
    """A cycle of ``framework`` whose reporting opened ``-opens_in`` days ago, with its form."""
    today = timezone.localdate()
    cycle = CycleFactory(
        framework=framework,
        starts_on=today - dt.timedelta(days=200),
        ends_on=today + dt.timedelta(days=165),
        opens_on=today + dt.timedelta(days=opens_in),
        deadline=today + dt.timedelta(days=deadline_in),
    )
    questionnaire_for(cycle)
    return cycle


def post_open(client, country, cycle):
    return client.post(reverse("reports:open"), {"country": country.code, "cycle": cycle.pk})


def test_focal_point_sees_the_button_and_opens_the_report(client, report, focal):
    cycle = open_cycle(report.cycle.framework)
    client.force_login(focal)
    home = client.get(reverse("home"))
    assert [(i.country.pk, i.cycle.pk) for i in home.context["to_open"]] == [
        (report.country_id, cycle.pk)
    ]
    assert 'data-testid="open-report"' in home.content.decode()
    response = post_open(client, report.country, cycle)
    opened = Report.objects.get(country=report.country, cycle=cycle)
    assert response.status_code == 302 and response.url == reverse(
        "reports:detail", args=[opened.pk]
    )
    assert opened.roadmap == report.roadmap and opened.state == "draft"
    assert client.get(reverse("home")).context["to_open"] == []


def test_opening_twice_gives_one_report(client, report, focal):
    cycle = open_cycle(report.cycle.framework)
    client.force_login(focal)
    first = post_open(client, report.country, cycle)
    second = post_open(client, report.country, cycle)  # a retry or a double click
    assert Report.objects.filter(country=report.country, cycle=cycle).count() == 1
    assert first.url == second.url


def test_a_concurrent_open_ends_in_the_report_already_there(report, monkeypatch):
    cycle = open_cycle(report.cycle.framework)
    winner = []

    def another_request_got_there_first(*, country, cycle):
        # The read found nothing; then the other request's row made this insert fail.
        winner.append(Report.objects.create(country=country, cycle=cycle, roadmap=report.roadmap))
        raise IntegrityError("unique report per country and cycle")

    monkeypatch.setattr(services.questionnaires, "report_create", another_request_got_there_first)
    opened, created = services.report_open(
        country=report.country, cycle=cycle, today=timezone.localdate()
    )
    assert (opened, created) == (winner[0], False)


@pytest.mark.parametrize("role", [Role.REPORTER, Role.REVIEWER])
def test_reporter_and_reviewer_cannot_open_a_report(client, report, role):
    cycle = open_cycle(report.cycle.framework)
    client.force_login(member(report, role))
    assert client.get(reverse("home")).context["to_open"] == []
    assert post_open(client, report.country, cycle).status_code == 403
    assert not Report.objects.filter(cycle=cycle).exists()


def test_outsider_cannot_open_another_countrys_report(client, report, charlie):
    cycle = open_cycle(report.cycle.framework)
    RoadmapFactory(country=charlie.memberships.get().country, framework=cycle.framework)
    client.force_login(charlie)
    assert post_open(client, report.country, cycle).status_code == 403
    assert not Report.objects.filter(country=report.country, cycle=cycle).exists()
    # charlie's own country may be opened, and is the only one offered
    offered = client.get(reverse("home")).context["to_open"]
    assert [i.country.code for i in offered] == [charlie.memberships.get().country.code]


def test_admin_opens_reports_in_the_admin_not_here(client, report, admin_user):
    cycle = open_cycle(report.cycle.framework)
    client.force_login(admin_user)
    assert post_open(client, report.country, cycle).status_code == 403


def test_cycle_not_open_yet_is_refused_with_a_message(client, report, focal):
    cycle = open_cycle(report.cycle.framework, opens_in=5)
    client.force_login(focal)
    assert client.get(reverse("home")).context["to_open"] == []
    response = post_open(client, report.country, cycle)
    assert response.status_code == 302 and response.url == reverse("home")
    assert "Reporting for this cycle is not open." in client.get(reverse("home")).content.decode()
    assert not Report.objects.filter(cycle=cycle).exists()


def test_a_cycle_long_past_its_deadline_takes_no_new_report(report):
    cycle = open_cycle(report.cycle.framework, opens_in=-400, deadline_in=-200)
    with pytest.raises(ValidationError) as error:
        services.report_open(country=report.country, cycle=cycle, today=timezone.localdate())
    assert error.value.code == "cycle_not_open"


def test_a_cycle_without_questionnaire_is_refused(report):
    today = timezone.localdate()
    cycle = CycleFactory(
        framework=report.cycle.framework,
        starts_on=dt.date(today.year + 3, 5, 1),
        opens_on=today,
        deadline=today + dt.timedelta(days=5),
    )
    with pytest.raises(ValidationError) as error:
        services.report_open(country=report.country, cycle=cycle, today=today)
    assert error.value.code == "cycle_without_questionnaire"


@pytest.mark.parametrize("bad", [{"country": "ZZ", "cycle": "1"}, {"country": "", "cycle": "x"}])
def test_bad_input_is_not_found_not_an_error(client, report, focal, bad):
    client.force_login(focal)
    assert client.post(reverse("reports:open"), bad).status_code == 404


def test_reports_to_open_reads_in_four_queries_whatever_the_countries(
    django_assert_num_queries, report
):
    cycle = open_cycle(report.cycle.framework)
    user = member(report, Role.FOCAL_POINT)
    for size in (1, 4):
        while user.memberships.count() < size:
            country = CountryFactory()
            RoadmapFactory(country=country, framework=cycle.framework)
            user.memberships.create(country=country, role=Role.FOCAL_POINT)
        user = type(user).objects.get(pk=user.pk)  # roles not cached yet
        # the roles, the cycles, the roadmaps, the reports already there
        with django_assert_num_queries(4):
            found = reports_to_open(user=user, today=timezone.localdate())
        assert len(found) == size


def test_no_query_beyond_the_roles_for_who_is_no_focal_point(
    django_assert_num_queries, report, alice
):
    open_cycle(report.cycle.framework)
    with django_assert_num_queries(1):
        assert reports_to_open(user=alice, today=timezone.localdate()) == []
