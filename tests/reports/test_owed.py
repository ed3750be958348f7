"""Who owes what: the focal point's list of a report's assignments (and nobody else's),
its filters and counts, "Remind now" sent once however often it is posted, and a fixed
number of queries whatever the number of assignments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from reports.assignment_models import AssignmentAction, AssignmentEvent, AssignmentState
from reports.models import ReportState
from reports.selectors.owed import owed_page
from roadmap.models import Role
from tests.factories import CountryFactory, ReportFactory, member
from tests.reports.assignment_support import agency, assign, contributor

pytestmark = pytest.mark.django_db

# The page counts days from the real today.
TODAY = timezone.localdate()
PAST = TODAY - dt.timedelta(days=9)


@pytest.fixture
def parts(report, focal):
    """Three assignments: Minh (Ministry of Public Security) overdue, Lan (General
    Statistics Office) ready, Alice (a reporter: the country team) due later."""
    minh = contributor(report, "Ministry of Public Security", username="minh")
    lan = contributor(report, "General Statistics Office", username="lan")
    alice = member(report, Role.REPORTER, username="alice")
    return {
        "minh": assign(report, minh, due_on=PAST, by=focal),
        "lan": assign(report, lan, due_on=PAST, state=AssignmentState.READY),
        "alice": assign(report, alice, due_on=TODAY + dt.timedelta(days=21)),
    }


def owed_url(report, **query):
    url = reverse("reports:owed", args=[report.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_focal_point_sees_every_assignment_with_agency_and_state(client, report, focal, parts):
    client.force_login(focal)
    response = client.get(owed_url(report))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count('data-testid="owed-row"') == 3
    assert "Ministry of Public Security" in text and "General Statistics Office" in text
    assert "Country team" in text  # a reporter writes for the country's own ministry
    assert "Ready for the focal point" in text
    assert response.context["page"].overdue == 1


@pytest.mark.parametrize("who", ["alice", "minh", "charlie", "reviewer"])
def test_reporters_contributors_outsiders_and_reviewers_cannot_see_it(
    client, report, parts, charlie, reviewer, who
):
    person = {
        "alice": parts["alice"].assignee,
        "minh": parts["minh"].assignee,
        "charlie": charlie,
        "reviewer": reviewer,
    }[who]
    client.force_login(person)
    assert client.get(owed_url(report)).status_code in (403, 404)
    response = client.post(reverse("reports:owed_remind", args=[report.pk]))
    assert response.status_code in (403, 404)
    assert mail.outbox == []


def test_filters_by_state_agency_person_and_overdue(report, parts):
    ministry = agency(report.country, "Ministry of Public Security")
    assert {r.assignment for r in owed_page(report=report, today=TODAY, state="ready").rows} == {
        parts["lan"]
    }
    by_agency = owed_page(report=report, today=TODAY, agency_id=ministry.pk)
    assert [r.assignment for r in by_agency.rows] == [parts["minh"]]
    by_person = owed_page(report=report, today=TODAY, assignee_id=parts["alice"].assignee_id)
    assert [r.assignment for r in by_person.rows] == [parts["alice"]]
    overdue = owed_page(report=report, today=TODAY, overdue=True)
    assert [r.assignment for r in overdue.rows] == [parts["minh"]]
    # The counts describe the whole report, whatever the filters.
    assert overdue.total == 3 and overdue.by_state["ready"] == 1


def test_the_filter_form_on_the_page(client, report, focal, parts):
    client.force_login(focal)
    response = client.get(owed_url(report, state="assigned", overdue="on"))
    assert [r.assignment for r in response.context["page"].rows] == [parts["minh"]]
    # A value no longer offered: a message beside the field, every row still listed.
    response = client.get(owed_url(report, agency="999999"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert len(response.context["page"].rows) == 3


def test_the_last_change_comes_from_the_audit_trail(report, parts, focal):
    AssignmentEvent.objects.create(
        assignment=parts["minh"], report=report, action=AssignmentAction.SENT_BACK, by=focal
    )
    row = next(
        r for r in owed_page(report=report, today=TODAY).rows if r.assignment == parts["minh"]
    )
    assert row.last_action == AssignmentAction.SENT_BACK and row.last_action_label == "Sent back"


def test_remind_now_twice_sends_one_mail(
    client, report, focal, parts, django_capture_on_commit_callbacks
):
    client.force_login(focal)
    url = reverse("reports:owed_remind", args=[report.pk])
    for _n in range(2):  # a double click, or a retried POST
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"assignment": parts["minh"].pk, "back": "state=assigned"})
        assert response.status_code == 302
        assert response["Location"].endswith("/assignments/owed/?state=assigned")
    assert [m.to for m in mail.outbox] == [[parts["minh"].assignee.email]]
    assert AssignmentEvent.objects.filter(action=AssignmentAction.REMINDED).count() == 1


def test_remind_all_overdue_reminds_only_the_overdue(
    client, report, focal, parts, django_capture_on_commit_callbacks
):
    client.force_login(focal)
    for _n in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("reports:owed_remind", args=[report.pk]))
    assert [m.to for m in mail.outbox] == [[parts["minh"].assignee.email]]


def test_a_part_ready_or_a_report_handed_in_is_not_reminded(
    client, report, focal, parts, django_capture_on_commit_callbacks
):
    client.force_login(focal)
    url = reverse("reports:owed_remind", args=[report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"assignment": parts["lan"].pk})
    assert mail.outbox == []
    report.state = ReportState.SUBMITTED
    report.submitted_at = report.updated_at
    report.save()
    response = client.post(url, {"assignment": parts["minh"].pk}, follow=True)
    assert "with the reviewers" in response.content.decode()
    assert mail.outbox == []


def test_a_part_of_another_report_is_not_reminded(
    client, report, focal, parts, django_capture_on_commit_callbacks
):
    other = assign(ReportFactory(country=CountryFactory()), parts["minh"].assignee, due_on=PAST)
    client.force_login(focal)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:owed_remind", args=[report.pk]), {"assignment": other.pk})
    assert mail.outbox == []


@pytest.mark.parametrize("count", [3, 9])
def test_the_page_takes_the_same_queries_for_more_assignments(
    client, report, focal, count, django_assert_num_queries
):
    for n in range(count):
        person = contributor(report, f"Agency {n % 3}")
        assign(report, person, due_on=PAST + dt.timedelta(days=n))
    client.force_login(focal)
    client.get(owed_url(report))  # the session, warmed
    # Session, user, roles, report, the assignments, their agencies.
    with django_assert_num_queries(6):
        response = client.get(owed_url(report))
    assert len(response.context["page"].rows) == count


@pytest.mark.parametrize("count", [3, 9])
def test_the_selector_takes_two_queries(report, count, django_assert_num_queries):
    for n in range(count):
        assign(report, contributor(report, f"Agency {n % 3}"))
    with django_assert_num_queries(2):
        page = owed_page(report=report, today=TODAY)
        [row.part for row in page.rows]
    assert page.total == count
