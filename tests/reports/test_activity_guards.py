"""An activity's dates stay within 1990..2100 (the form says so at the field in the
reader's format, the save service refuses it from any other path, the database refuses
it from any path; the report's own period is a validation rule), and bytes that are
not UTF-8 in its fields are refused at the field, as the entry pages refuse them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from reports.models import Activity
from reports.services.activities import ActivityData, activity_create, activity_update
from tests.factories import ActivityFactory

from .test_activities import bound, valid_post
from .test_entry_encoding import DAMAGED, multipart, urlencoded

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "day"),
    [("starts_on", "0001-01-01"), ("starts_on", "1989-12-31"), ("ends_on", "9999-12-31")],
)
def test_a_date_outside_1990_to_2100_is_refused_at_its_field_saying_the_range(report, field, day):
    form = bound(report, **{field: day}, **({"ends_on": ""} if field == "starts_on" else {}))

    assert not form.is_valid()
    error = form.errors.as_data()[field][0]
    assert error.code == "date_out_of_range"
    assert "1 January 1990 to 31 December 2100" in form.errors[field][0]


def test_the_range_is_said_in_the_readers_date_format(report):
    with translation.override("vi"):
        form = bound(report, starts_on="1900-01-01", ends_on="")
        assert not form.is_valid()
        message = form.errors["starts_on"][0]
    assert message.startswith(
        "Nhập ngày trong khoảng từ ngày 1 tháng 1 năm 1990 đến ngày 31 tháng 12 năm 2100"
    )


def test_the_range_edges_are_accepted_and_offered_to_the_date_picker(report):
    # Outside the report's period is the framework's rule: a warning by default.
    assert bound(report, starts_on="1990-01-01", ends_on="2100-12-31").is_valid()
    html = str(bound(report)["starts_on"])
    assert 'min="1990-01-01"' in html and 'max="2100-12-31"' in html


def test_the_page_keeps_what_was_typed_and_adds_nothing(client, report, alice):
    client.force_login(alice)
    post = valid_post(report, starts_on="9999-12-31", ends_on="")

    response = client.post(reverse("reports:activity_add", args=[report.pk]), post)

    assert response.status_code == 200
    assert "starts_on" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "Training for enterprise staff"
    assert not report.activities.exists()


def _data(**dates) -> ActivityData:
    return ActivityData(title="Training", kind=Activity.Kind.TRAINING, **dates)


def test_the_save_service_refuses_a_date_outside_the_range(report):
    with pytest.raises(ValidationError) as refused:
        activity_create(report=report, data=_data(starts_on=dt.date(1, 1, 1)))
    assert set(refused.value.error_dict) == {"starts_on"}
    activity = ActivityFactory(report=report)
    with pytest.raises(ValidationError) as refused:
        activity_update(
            activity=activity,
            revision=activity.revision,
            data=_data(starts_on=dt.date(2022, 10, 1), ends_on=dt.date(9999, 12, 31)),
        )
    assert set(refused.value.error_dict) == {"ends_on"}
    assert not report.activities.exclude(pk=activity.pk).exists()
    activity.refresh_from_db()
    assert (activity.starts_on, activity.ends_on) == (dt.date(2022, 10, 1), None)


@pytest.mark.parametrize(
    "dates",
    [
        {"starts_on": dt.date(1, 1, 1)},
        {"starts_on": dt.date(2022, 10, 1), "ends_on": dt.date(9999, 12, 31)},
    ],
)
def test_the_database_refuses_dates_outside_1990_to_2100_from_any_path(report, dates):
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.create(report=report, title="Raw", kind=Activity.Kind.OTHER, **dates)


def test_bytes_that_are_not_utf8_are_refused_at_the_field_and_nothing_is_added(
    client, report, alice
):
    client.force_login(alice)
    raw = {"title": b"Training in " + DAMAGED, "organisers": b"DOLISA " + DAMAGED}

    response = client.post(
        reverse("reports:activity_add", args=[report.pk]),
        urlencoded(valid_post(report), raw),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "not sent as UTF-8" in errors["title"][0]
    assert "not sent as UTF-8" in errors["organisers"][0]
    assert not report.activities.exists()
    # What arrived stays in the field, the unreadable bytes shown as �.
    assert response.context["form"]["title"].value() == "Training in H\ufffd Nam"


def test_bytes_that_are_not_utf8_in_an_edit_keep_the_stored_activity(client, report, alice):
    client.force_login(alice)
    activity = ActivityFactory(report=report, description="As held.")
    post = valid_post(report, revision=str(activity.revision))

    response = client.post(
        reverse("reports:activity_edit", args=[report.pk, activity.pk]),
        multipart(post, {"description": b"Held in " + DAMAGED}),
        content_type="multipart/form-data; boundary=pf-boundary",
    )

    assert response.status_code == 200
    assert "not sent as UTF-8" in response.context["form"].errors["description"][0]
    activity.refresh_from_db()
    assert (activity.description, activity.revision) == ("As held.", 1)
