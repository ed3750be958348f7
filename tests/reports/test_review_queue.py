"""The reviewer queue page: whose reports, filters, fixed cost (its rows are tested in
tests/reports/selectors/test_queue.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from reports.layout import build_layout
from reports.models import Answer, ReportState
from reports.services import comments
from roadmap.models import Role
from tests.factories import (
    CountryFactory,
    CycleFactory,
    MembershipFactory,
    ReportFactory,
    UserFactory,
    member,
    questionnaire_for,
    report_with_form,
    secretariat_of,
)

from .review_support import handed_in

pytestmark = pytest.mark.django_db


def later_report(report, year: int = 2023):
    """The same country's report for a later cycle, on the same roadmap."""
    cycle = CycleFactory(starts_on=dt.date(year, 5, 1))
    questionnaire_for(cycle)
    return ReportFactory(country=report.country, roadmap=report.roadmap, cycle=cycle)


def test_reviewer_sees_handed_in_reports_of_covered_countries_only(client, report, reviewer):
    handed_in(report)
    other_country = report_with_form(priorities=1, cycle=report.cycle)
    handed_in(other_country)
    never_submitted = later_report(report)
    client.force_login(reviewer)

    response = client.get(reverse("reports:queue"), {"state": ""})

    shown = [row.report for row in response.context["rows"]]
    assert shown == [report]
    assert never_submitted not in shown


def test_secretariat_sees_handed_in_reports_of_every_country_of_its_framework(client, report):
    handed_in(report)
    other_country = report_with_form(priorities=1, cycle=report.cycle)
    handed_in(other_country, days_ago=3)
    draft = report_with_form(priorities=1, cycle=report.cycle)
    client.force_login(secretariat_of(report.cycle.framework))

    response = client.get(reverse("reports:queue"), {"state": ""})

    assert [row.report for row in response.context["rows"]] == [other_country, report]
    assert draft not in {row.report for row in response.context["rows"]}
    countries = list(response.context["form"].fields["country"].queryset)
    assert set(countries) == {report.country, other_country.country}


def test_admin_sees_every_handed_in_report(client, report, admin_user):
    handed_in(report)
    other = handed_in(report_with_form(priorities=1, cycle=report.cycle))
    client.force_login(admin_user)
    response = client.get(reverse("reports:queue"))
    assert {row.report for row in response.context["rows"]} == {report, other}


def test_the_queue_is_for_reviewers(client, report, alice):
    client.force_login(alice)
    assert client.get(reverse("reports:queue")).status_code == 403


def test_queue_defaults_to_reports_awaiting_review_oldest_first(client, report, reviewer):
    handed_in(report, days_ago=3)
    accepted = handed_in(
        report_with_form(priorities=1, cycle=report.cycle), ReportState.ACCEPTED, days_ago=9
    )
    older = handed_in(report_with_form(priorities=1, cycle=report.cycle), days_ago=7)
    for r in (accepted, older):
        MembershipFactory(user=reviewer, country=r.country, role=Role.REVIEWER)
    client.force_login(reviewer)

    default = client.get(reverse("reports:queue")).context["rows"]
    everything = client.get(reverse("reports:queue"), {"state": "", "sort": "newest"})

    assert [r.report for r in default] == [older, report]
    assert [r.days_since_submission for r in default] == [7, 3]
    assert [r.report for r in everything.context["rows"]] == [report, older, accepted]


def test_queue_filters_by_cycle_country_and_state(client, report, reviewer):
    handed_in(report)
    later = handed_in(later_report(report), ReportState.RETURNED)
    later_cycle = later.cycle
    client.force_login(reviewer)
    url = reverse("reports:queue")

    by_cycle = client.get(url, {"cycle": later_cycle.pk, "state": ""}).context["rows"]
    by_state = client.get(url, {"state": "returned"}).context["rows"]
    by_country = client.get(url, {"country": report.country.pk, "state": ""}).context["rows"]

    assert [r.report for r in by_cycle] == [later]
    assert [r.report for r in by_state] == [later]
    assert {r.report for r in by_country} == {report, later}


def test_queue_form_is_labelled(client, report, reviewer):
    handed_in(report)
    client.force_login(reviewer)
    html = client.get(reverse("reports:queue")).content.decode()
    for name in ("cycle", "country", "state", "sort"):
        assert f'<label for="id_{name}"' in html


def _countries_with_reports(n: int, reviewer, cycle):
    for _ in range(n):
        country = CountryFactory()
        report = report_with_form(priorities=2, country=country, cycle=cycle)
        handed_in(report)
        MembershipFactory(user=reviewer, country=country, role=Role.REVIEWER)
        item = next(build_layout(report).items())
        Answer.objects.create(
            report=report, question=item.question, priority=item.priority, text="Done."
        )
        author = member(country, Role.REPORTER)
        comments.thread_start(report=report, user=author, item=item, body="Why?")


@pytest.mark.parametrize("countries", [5, 50])
def test_queue_queries_do_not_grow_with_countries(client, countries, django_assert_num_queries):
    reviewer = UserFactory(username="queue-reviewer")
    cycle = CycleFactory()
    _countries_with_reports(countries, reviewer, cycle)
    client.force_login(reviewer)

    # 1. session, 2. user, 3. the reviewer's memberships (roles), 4. count for the
    # paginator, 5. the page of reports with their counts (one query with subqueries),
    # 6. required questions per cycle and kind, 7. cycles (previous cycle of each),
    # 8. cycles for the filter, 9. countries for the filter.
    with django_assert_num_queries(9):
        response = client.get(reverse("reports:queue"))

    assert len(response.context["rows"]) == countries
    assert all(row.unresolved == 1 for row in response.context["rows"])


def test_queue_link_is_in_the_navigation_for_reviewers(client, report, reviewer, alice):
    client.force_login(reviewer)
    assert reverse("reports:queue") in client.get(reverse("home")).content.decode()
    client.force_login(alice)
    assert reverse("reports:queue") not in client.get(reverse("home")).content.decode()


def test_reviewer_of_nothing_gets_no_queue(client, db):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("reports:queue")).status_code == 403
    assert member(CountryFactory(), Role.REVIEWER) is not None
