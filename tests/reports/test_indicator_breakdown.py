"""An indicator value's break-down as rows (label + number): typed as the reader writes
numbers, rows added without script, errors at the row's field, frozen once handed in."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from reports.models import IndicatorValuePart, Report, ReportState
from tests.factories import IndicatorFactory, IndicatorValueFactory

from .test_indicator_values import changes, post_data, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(report):
    indicator = IndicatorFactory(country=report.country, name="Calls to hotline 111")
    IndicatorValueFactory(report=report, indicator=indicator, value=2434, parts={"girls": 541})
    return indicator


def in_language(client, language: str) -> None:
    client.post("/i18n/setlang/", {"language": language, "next": "/"})


@pytest.mark.parametrize(
    ("language", "value", "girls", "boys"),
    [("vi", "1.541", "1.000,5", "540,5"), ("en", "1,541", "1,000.5", "540.5")],
)
def test_values_and_parts_are_read_as_the_reader_writes_them(
    client, report, alice, calls, language, value, girls, boys
):
    client.force_login(alice)
    in_language(client, language)
    parts = [("girls", girls), ("boys", boys)]
    response = client.post(
        url(report), post_data(report, **changes(calls, value=value, parts=parts))
    )
    assert response.status_code == 302
    stored = report.indicator_values.get(indicator=calls)
    assert stored.value == Decimal(1541)
    assert stored.breakdown_amounts() == ([Decimal("1000.5"), Decimal("540.5")], False)
    page = client.get(url(report)).content.decode()
    assert f'name="ind-{calls.pk}-value" value="{value}"' in page  # shown back the same way
    assert f'name="ind-{calls.pk}-parts-0-amount" value="{girls}"' in page


def test_an_ambiguous_number_is_refused_at_its_field_with_the_languages_way(
    client, report, alice, calls
):
    client.force_login(alice)
    in_language(client, "vi")
    data = post_data(report, **changes(calls, value="1.54", parts=[("girls", "0.5")]))
    response = client.post(url(report), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không đọc chắc chắn được “1.54”: hãy viết 1.541, hoặc 1.541,5" in html
    assert "Không đọc chắc chắn được “0.5”" in html
    assert f'id="error_1_id_ind-{calls.pk}-parts-0-amount"' in html
    assert f'name="ind-{calls.pk}-value" value="1.54"' in html  # kept as typed
    assert report.indicator_values.get(indicator=calls).value == Decimal(2434)


def test_parts_that_do_not_add_up_are_saved_with_the_partial_flag(client, report, alice, calls):
    client.force_login(alice)
    data = post_data(
        report,
        **changes(calls, value="2500", parts=[("girls", "600"), ("boys", "700")]),
    )
    data[f"ind-{calls.pk}-breakdown_partial"] = "on"
    assert client.post(url(report), data).status_code == 302
    stored = report.indicator_values.get(indicator=calls)
    assert stored.breakdown_amounts() == ([600, 700], True)


@pytest.mark.parametrize(
    ("part", "field", "message"),
    [
        (("girls", ""), "amount", "Enter the number for “girls”, or clear the row."),
        (("", "12"), "label", "Name this part, e.g. “counselling”, or clear the row."),
        (("Girls", "3"), "label", "“Girls” is listed twice: give each part its own label."),
        (("boys", "-3"), "amount", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_a_wrong_row_is_refused_at_its_field_and_nothing_typed_is_lost(
    client, report, alice, calls, part, field, message
):
    client.force_login(alice)
    data = post_data(report, **changes(calls, value="2500", parts=[("girls", "541"), part]))
    response = client.post(url(report), data)
    assert response.status_code == 200
    form = next(f for f in response.context["formset"] if f.indicator == calls)
    assert form.parts.forms[1].errors[field] == [message]
    html = response.content.decode()
    assert f'href="#id_ind-{calls.pk}-parts-1-{field}"' in html  # the error summary
    assert f'name="ind-{calls.pk}-value" value="2500"' in html
    assert report.indicator_values.get(indicator=calls).value == Decimal(2434)


def test_add_a_part_posts_back_one_more_row_saving_nothing(client, report, alice, calls):
    client.force_login(alice)
    data = post_data(report, **changes(calls, value="2500", parts=[("girls", "600")]))
    data["add_part"] = str(calls.pk)
    response = client.post(url(report), data)
    assert response.status_code == 200
    form = next(f for f in response.context["formset"] if f.indicator == calls)
    assert len(form.parts.forms) == 3  # the typed row, the spare one, the added one
    assert not form.errors and not any(form.parts.errors)  # not checked: not saved
    html = response.content.decode()
    assert f'name="ind-{calls.pk}-parts-2-label"' in html
    assert f'name="ind-{calls.pk}-value" value="2500"' in html
    assert report.indicator_values.get(indicator=calls).value == Decimal(2434)


def test_clearing_a_row_removes_its_part(client, report, alice, calls):
    client.force_login(alice)
    data = post_data(report, **changes(calls, parts=[("", ""), ("boys", "7")]))
    assert client.post(url(report), data).status_code == 302
    stored = report.indicator_values.get(indicator=calls)
    assert [(p.label, p.amount) for p in stored.parts.all()] == [("boys", 7)]


# --- Frozen with the report -------------------------------------------------------------


def handed_in(report: Report) -> Report:
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.SUBMITTED, submitted_at=timezone.now()
    )
    return report


def test_the_parts_of_a_handed_in_report_refuse_changes_at_the_model_layer(report, calls):
    value = calls.values.get()
    handed_in(report)
    part = value.parts.get()
    part.amount = 999
    with pytest.raises(ValidationError):
        part.save()
    with pytest.raises(ValidationError):
        IndicatorValuePart.objects.create(value=value, label="boys", amount=3)
    # A deletion runs in a transaction of its own: the refusal rolls it back whole.
    with pytest.raises(ValidationError), transaction.atomic():
        part.delete()
    with pytest.raises(ValidationError), transaction.atomic():
        value.parts.all().delete()
    assert [(p.label, p.amount) for p in value.parts.all()] == [("girls", 541)]


def test_a_returned_report_has_its_parts_edited_again(report, calls):
    value = calls.values.get()
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.RETURNED, submitted_at=timezone.now()
    )
    IndicatorValuePart.objects.create(value=value, label="boys", amount=3, order=1)
    assert value.breakdown_amounts() == ([541, 3], False)


def test_removing_a_handed_in_report_takes_its_parts_with_it(report, calls):
    handed_in(report)
    Report.objects.filter(pk=report.pk).delete()
    assert not IndicatorValuePart.objects.exists()


def test_the_database_refuses_a_negative_part_and_a_label_twice(report, calls):
    value = calls.values.get()
    with pytest.raises(ValidationError, match="cannot be negative"):
        IndicatorValuePart(value=value, label="boys", amount=-1).full_clean()
    with pytest.raises(ValidationError, match="its own label"):
        IndicatorValuePart(value=value, label="girls", amount=1).full_clean()
