"""The feed serves each person exactly the reports the portal's pages let them read, and
the rows in them: owner, colleague, outsider, the reviewer before and after the country
hands in, the secretariat. Never a draft's text to a reviewer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports import workflow
from reports.models import Report
from roadmap.models import Role
from tests.factories import (
    ActivityFactory,
    FrameworkFactory,
    IndicatorValueFactory,
    NextStepFactory,
    member,
    report_with_form,
    secretariat_of,
)
from tests.reports.review_support import fill_required

pytestmark = pytest.mark.django_db

ROW_SETS = ("Answers", "NextSteps", "Activities", "Participants", "IndicatorValues")


def _with_rows(report: Report) -> Report:
    fill_required(report, text="Draft words only the country may read.")
    ActivityFactory(report=report)
    NextStepFactory(report=report)
    IndicatorValueFactory(report=report)
    return report


@pytest.fixture
def other(report):
    """Another country's report on the same cycle, handed in."""
    other = _with_rows(report_with_form(priorities=4, cycle=report.cycle))
    workflow.report_transition(report=other, user=member(other, Role.FOCAL_POINT), action="submit")
    return other


def _feed(client, user, name: str) -> list[dict]:
    client.force_login(user)
    response = client.get(f"/odata/v4/alliance87/{name}")
    assert response.status_code == 200
    return response.json()["value"]


def _readable_in_portal(client, user) -> set[int]:
    client.force_login(user)
    return {
        pk
        for pk in Report.objects.values_list("pk", flat=True)
        if client.get(reverse("reports:detail", args=[pk])).status_code == 200
    }


def _served(client, user) -> dict[str, set[int]]:
    served = {"Reports": {row["Id"] for row in _feed(client, user, "Reports")}}
    for name in ROW_SETS:
        served[name] = {row["ReportId"] for row in _feed(client, user, name)}
    return served


def _assert_feed_matches_portal(client, user, expected: set[int]) -> None:
    assert _readable_in_portal(client, user) == expected
    served = _served(client, user)
    assert served["Reports"] == expected
    for name in ROW_SETS:
        assert served[name] == expected, name
    countries = {row["Code"] for row in _feed(client, user, "Countries")}
    assert countries == set(
        Report.objects.filter(pk__in=expected).values_list("country__code", flat=True)
    )


def test_owner_and_colleague_read_their_country_only(client, report, other, alice, bob):
    _with_rows(report)
    _assert_feed_matches_portal(client, alice, {report.pk})
    _assert_feed_matches_portal(client, bob, {report.pk})


def test_outsider_reads_only_their_own_country(client, report, other, charlie):
    _with_rows(report)
    _assert_feed_matches_portal(client, charlie, set())


def test_reviewer_reads_a_report_only_once_handed_in(client, report, other, reviewer, focal):
    _with_rows(report)
    _assert_feed_matches_portal(client, reviewer, set())  # draft: nothing, not even counts
    workflow.report_transition(report=report, user=focal, action="submit")
    _assert_feed_matches_portal(client, reviewer, {report.pk})
    texts = {row["Text"] for row in _feed(client, reviewer, "Answers")}
    assert "Draft words only the country may read." in texts


def test_secretariat_reads_every_handed_in_report_of_its_framework(client, report, other):
    _with_rows(report)
    secretariat = secretariat_of(report.cycle.framework)
    _assert_feed_matches_portal(client, secretariat, {other.pk})


def test_secretariat_of_another_framework_reads_nothing(client, report, other):
    elsewhere = secretariat_of(FrameworkFactory(slug="programme", name="Programme"))
    _assert_feed_matches_portal(client, elsewhere, set())
