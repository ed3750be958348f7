"""Each answer, activity and figure records which agency wrote it last (issue 24): a
contributor's, set by the write services from their membership; the country's own staff
write as the country team (no agency). The reading view says "Contributed by"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import Answer, ReportState
from reports.services.activities import (
    ActivityData,
    IndicatorValueData,
    activity_update,
    indicator_values_save,
)
from reports.services.assignments import assign
from roadmap.models import Agency
from tests.factories import ActivityFactory, IndicatorFactory

from .assignment_helpers import assign_question, contributor
from .entry_helpers import item, section_data, section_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol(report):
    return contributor(report, "carol", agency="General Statistics Office")


def test_a_contributors_answer_records_their_agency(client, report, focal, carol, alice):
    assign_question(report, focal, [carol])
    client.force_login(carol)
    key = item(report, "highlights").key
    client.post(section_url(report, 3), section_data(report, 3, **{key: "From the GSO"}))
    answer = Answer.objects.get(report=report)
    assert answer.agency == Agency.objects.get(name="General Statistics Office")

    # The reporter rewrites it: the country team wrote it last.
    client.force_login(alice)
    client.post(section_url(report, 3), section_data(report, 3, **{key: "Rewritten"}))
    answer.refresh_from_db()
    assert answer.text == "Rewritten" and answer.agency is None


def test_a_contributors_figure_records_their_agency(report, focal, carol):
    indicator = IndicatorFactory(country=report.country)
    assign(report=report, user=focal, kind="indicator", target_id=indicator.pk, assignees=[carol])
    row = IndicatorValueData(indicator=indicator, revision=0, value=Decimal(12), source="GSO")
    indicator_values_save(report=report, rows=[row], user=carol)
    value = report.indicator_values.get()
    assert value.agency.name == "General Statistics Office"


def test_a_contributors_activity_records_their_agency(report, focal, carol):
    activity = ActivityFactory(report=report)
    assign(report=report, user=focal, kind="activity", target_id=activity.pk, assignees=[carol])
    data = ActivityData(
        title="Training of inspectors", kind="training", starts_on=dt.date(2022, 10, 1)
    )
    updated = activity_update(activity=activity, revision=activity.revision, data=data, user=carol)
    assert updated.agency.name == "General Statistics Office"
    # Written by the country's staff (no user given, as the reporter's pages): no agency.
    again = activity_update(activity=updated, revision=updated.revision, data=data)
    assert again.agency is None


def test_the_reading_view_says_which_agency_contributed(client, report, focal, carol, reviewer):
    assign_question(report, focal, [carol])
    client.force_login(carol)
    key = item(report, "highlights").key
    client.post(section_url(report, 3), section_data(report, 3, **{key: "From the GSO"}))
    indicator = IndicatorFactory(country=report.country)
    value = report.indicator_values.create(indicator=indicator, value=5, source="GSO")
    value.agency = Agency.objects.get(name="General Statistics Office")
    value.save()
    report.state, report.submitted_at = ReportState.SUBMITTED, report.updated_at
    report.save()

    client.force_login(reviewer)
    page = client.get(reverse("reports:read", args=[report.pk])).content.decode()
    assert page.count('data-testid="contributed-by"') == 2
    assert "Contributed by General Statistics Office" in page
