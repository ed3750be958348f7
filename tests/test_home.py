import datetime as dt

import pytest
from django.urls import reverse

from reports.models import Report, ReportState
from roadmap.models import Role
from tests.factories import (
    CountryFactory,
    CycleFactory,
    FrameworkFactory,
    MembershipFactory,
    ReportFactory,
    UserFactory,
    member,
    report_with_form,
)

pytestmark = pytest.mark.django_db


def test_reporter_sees_own_country_reports(client, report, alice, charlie):
    other = report_with_form(priorities=1, country=charlie.memberships.get().country)
    client.force_login(alice)
    response = client.get(reverse("home"))
    assert list(response.context["own_reports"]) == [report]
    assert other not in response.context["reviewed_reports"]
    assert "Administration" not in response.content.decode()


def test_reviewer_sees_handed_in_reports_of_covered_countries(client, report, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("home")).context["reviewed_reports"] == []
    Report.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    assert [r.pk for r in client.get(reverse("home")).context["reviewed_reports"]] == [report.pk]


def test_admin_gets_a_link_to_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()


def test_user_without_role_is_told_what_to_do(client):
    client.force_login(UserFactory())
    assert "has no role yet" in client.get(reverse("home")).content.decode()


def test_header_names_the_user_and_their_country(client, report):
    user = member(report, Role.REPORTER, first_name="Nguyễn Thị", last_name="Hoa")
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    assert "Nguyễn Thị Hoa" in page and report.country.name in page


@pytest.mark.parametrize("reports", [1, 6])
def test_home_query_count_does_not_grow_with_reviewed_reports(
    client, django_assert_num_queries, reports
):
    user = UserFactory()
    for _ in range(reports):
        country = CountryFactory()
        member_of = report_with_form(priorities=1, country=country)
        MembershipFactory(user=user, country=member_of.country, role=Role.REVIEWER)
        Report.objects.filter(pk=member_of.pk).update(state=ReportState.SUBMITTED)
    client.force_login(user)
    # session, user, memberships (roles), reports with country/cycle/roadmap
    with django_assert_num_queries(4):
        response = client.get(reverse("home"))
    assert len(response.context["reviewed_reports"]) == reports


@pytest.mark.parametrize("cycles", [1, 5])
def test_home_query_count_does_not_grow_with_the_countrys_reports(
    client, django_assert_num_queries, cycles
):
    first = report_with_form(priorities=3)
    for year in range(2023, 2022 + cycles):
        ReportFactory(
            country=first.country,
            roadmap=first.roadmap,
            cycle=CycleFactory(framework=first.cycle.framework, starts_on=dt.date(year, 5, 1)),
        )
    client.force_login(member(first, Role.FOCAL_POINT))
    # session, user, memberships (roles), reports with country/cycle/roadmap, the cycles
    # a focal point could open a report of (none open: no more), the parts assigned to
    # them (issue 24)
    with django_assert_num_queries(6):
        response = client.get(reverse("home"))
    assert len(response.context["own_reports"]) == cycles


def test_language_switcher_turns_the_page_vietnamese(client, alice):
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    response = client.get(reverse("home"))
    assert response.context["LANGUAGE_CODE"] == "vi"
    assert '<html lang="vi">' in response.content.decode()


def test_home_tells_the_annual_report_from_the_programmes_quarterly_one(client, alice):
    own = Report.objects.get(country=alice.memberships.get().country)
    programme = FrameworkFactory(slug="csr", name="CSR programme: quarterly report to donors")
    ReportFactory(country=own.country, roadmap=own.roadmap, cycle=CycleFactory(framework=programme))
    client.force_login(alice)
    html = client.get(reverse("home")).content.decode()
    assert f'data-testid="report-framework">{own.cycle.framework.name}<' in html
    assert 'data-testid="report-framework">CSR programme: quarterly report to donors<' in html
