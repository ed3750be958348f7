"""The indicator page's autosave (indicators.js): the same form and service as the page's
Save, a JSON answer; two people editing never overwrite each other silently, and a save
sent twice is written once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import IndicatorValue, Report
from tests.factories import IndicatorFactory, IndicatorValueFactory

from .test_indicator_values import changes, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(report):
    indicator = IndicatorFactory(country=report.country, name="Calls to hotline 111", order=1)
    IndicatorValueFactory(report=report, indicator=indicator, value=2434, parts={"girls": 541})
    return indicator


def autosave_url(report: Report) -> str:
    return reverse("reports:indicators_autosave", args=[report.pk])


def test_an_autosave_saves_and_answers_with_the_new_revision(client, report, alice, calls):
    client.force_login(alice)
    data = post_data(report, **changes(calls, value="2500", parts=[("girls", "600")]))
    reply = client.post(autosave_url(report), data).json()
    stored = report.indicator_values.get(indicator=calls)
    assert (stored.value, stored.revision) == (Decimal(2500), 2)
    assert reply["ok"] is True and reply["saved_at"]
    assert reply["rows"][str(calls.pk)]["revision"] == 2
    assert reply["rows"][str(calls.pk)]["loaded"]


def test_a_row_left_alone_keeps_what_it_was_loaded_with(client, report, alice, calls):
    """Only the rows written are given a new revision: one a colleague changes
    meanwhile is still caught by the next save."""
    other = IndicatorFactory(country=report.country, order=2)
    client.force_login(alice)
    reply = client.post(autosave_url(report), post_data(report, **changes(other, value="9")))
    assert set(reply.json()["rows"]) == {str(other.pk)}


def test_two_people_editing_the_second_gets_a_conflict_not_an_overwrite(
    client, report, alice, bob, calls
):
    loaded = post_data(report)  # both open the page
    client.force_login(alice)
    mine = {**loaded, f"ind-{calls.pk}-value": "2600"}
    assert client.post(autosave_url(report), mine).json()["ok"] is True

    client.force_login(bob)
    theirs = {**loaded, f"ind-{calls.pk}-value": "2700"}
    reply = client.post(autosave_url(report), theirs).json()
    assert reply["ok"] is False
    assert "someone else changed a value" in reply["reason"]
    box = reply["conflicts"][str(calls.pk)]["html"]
    assert "Stored now:" in box and "2,600" in box
    assert reply["rows"][str(calls.pk)]["revision"] == 2
    assert report.indicator_values.get(indicator=calls).value == Decimal(2600)  # Alice's kept

    # Having compared, Bob saves again with the revision the answer gave him.
    theirs[f"ind-{calls.pk}-revision"] = "2"
    assert client.post(autosave_url(report), theirs).json()["ok"] is True
    assert report.indicator_values.get(indicator=calls).value == Decimal(2700)


def test_a_save_sent_twice_is_written_once(client, report, alice, calls):
    client.force_login(alice)
    data = post_data(
        report, **changes(calls, value="2500", parts=[("girls", "600"), ("boys", "5")])
    )
    first = client.post(autosave_url(report), data).json()
    report.refresh_from_db()
    revision = report.revision
    # The first answer was lost: the browser sends the same form, with the old revision.
    again = client.post(autosave_url(report), data).json()
    assert again["ok"] is True
    assert again["rows"] == first["rows"]
    stored = IndicatorValue.objects.get(report=report, indicator=calls)
    assert stored.revision == 2
    assert stored.breakdown_amounts() == ([600, 5], False)
    assert Report.objects.get(pk=report.pk).revision == revision


def test_errors_come_back_with_the_id_of_their_field(client, report, alice, calls):
    client.force_login(alice)
    data = post_data(report, **changes(calls, value="1,54", parts=[("", "3")]))
    reply = client.post(autosave_url(report), data).json()
    assert reply["ok"] is False
    ids = {error["id"] for error in reply["errors"]}
    assert ids == {f"id_ind-{calls.pk}-value", f"id_ind-{calls.pk}-parts-0-label"}
    assert report.indicator_values.get(indicator=calls).value == Decimal(2434)


def test_a_colleague_may_autosave(client, report, bob, calls):
    client.force_login(bob)
    data = post_data(report, **changes(calls, value="7"))
    assert client.post(autosave_url(report), data).json()["ok"] is True


def test_a_reviewer_may_not_autosave(client, report, reviewer, calls):
    report.state = "submitted"
    report.save()
    client.force_login(reviewer)
    response = client.post(autosave_url(report), post_data(report, **changes(calls, value="7")))
    assert response.status_code == 403
    assert report.indicator_values.get(indicator=calls).value == Decimal(2434)


def test_an_outsider_does_not_find_the_report(client, report, charlie, calls):
    client.force_login(charlie)
    response = client.post(autosave_url(report), post_data(report, **changes(calls, value="7")))
    assert response.status_code == 404


def test_the_autosave_takes_only_posts(client, report, alice):
    client.force_login(alice)
    assert client.get(autosave_url(report)).status_code == 405
