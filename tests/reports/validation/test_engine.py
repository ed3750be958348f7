"""Every kind of rule, at error and at warning severity, through the save service and the
pages' forms; each test fails without its rule (switched off, nothing is said)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from reports.selectors.validation import report_warnings
from reports.services.activities import (
    ActivityData,
    IndicatorValueData,
    RuleErrors,
    activity_create,
    indicator_values_save,
)
from reports.validation.engine import breakdown_amounts
from tests.factories import (
    CycleFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportFactory,
)

from ..test_activities import bound, valid_post
from .helpers import RuleKind, Severity, only_rule

pytestmark = pytest.mark.django_db

# kind: (activity data that breaks it, the field, what the default message says)
ACTIVITY_CASES = {
    RuleKind.ACTIVITY_IN_CYCLE: (
        {"starts_on": dt.date(2019, 1, 5)},
        "starts_on",
        "outside the report's period (1 May 2022 to 30 April 2023)",
    ),
    RuleKind.ACTIVITY_END_AFTER_START: (
        {"starts_on": dt.date(2022, 10, 2), "ends_on": dt.date(2022, 10, 1)},
        "ends_on",
        "cannot end before it starts",
    ),
    RuleKind.PARTICIPANTS_ADD_UP: (
        {"participants_women": 30, "participants_men": 20, "participants_total": 40},
        "participants_total",
        "Women (30) and men (20) together cannot exceed the total (40).",
    ),
}


def _activity(**figures) -> ActivityData:
    base = {"title": "Training", "kind": "training", "starts_on": dt.date(2022, 10, 1)}
    return ActivityData(**(base | figures))


@pytest.mark.parametrize("kind", list(ACTIVITY_CASES))
def test_an_activity_rule_at_error_refuses_the_save_at_its_field(report, kind):
    only_rule(report, kind, Severity.ERROR)
    figures, field, said = ACTIVITY_CASES[kind]

    with pytest.raises(ValidationError) as refused:
        activity_create(report=report, data=_activity(**figures))

    assert said in refused.value.message_dict[field][0]
    assert not report.activities.exists()


def test_the_dates_rule_at_warning_saves_and_raises_a_warning(report):
    only_rule(report, RuleKind.ACTIVITY_IN_CYCLE, Severity.WARNING)
    figures, field, said = ACTIVITY_CASES[RuleKind.ACTIVITY_IN_CYCLE]

    activity = activity_create(report=report, data=_activity(**figures))

    (warning,) = report_warnings(report=report)
    assert (warning.activity, warning.breach.field) == (activity, field)
    assert said in warning.breach.message


@pytest.mark.parametrize("kind", [RuleKind.ACTIVITY_END_AFTER_START, RuleKind.PARTICIPANTS_ADD_UP])
def test_a_rule_the_database_enforces_refuses_even_when_switched_off(report, kind):
    # Switched off, the rule gives no message: the database still refuses the figures.
    only_rule(report, kind, Severity.ERROR).__class__.objects.filter(kind=kind).update(
        is_active=False
    )
    with pytest.raises(IntegrityError):
        activity_create(report=report, data=_activity(**ACTIVITY_CASES[kind][0]))


def test_the_dates_rule_switched_off_says_nothing(report):
    only_rule(report, RuleKind.ACTIVITY_IN_CYCLE).__class__.objects.update(is_active=False)

    activity_create(report=report, data=_activity(starts_on=dt.date(2019, 1, 5)))

    assert report_warnings(report=report) == []


@pytest.mark.parametrize("kind", list(ACTIVITY_CASES))
def test_the_activity_form_says_an_error_rule_at_its_field(report, kind):
    only_rule(report, kind, Severity.ERROR)
    figures, field, said = ACTIVITY_CASES[kind]
    posted = {k: str(v) for k, v in figures.items()}
    posted.setdefault("ends_on", "")

    form = bound(report, **posted)

    assert not form.is_valid()
    assert said in form.errors[field][0]


def test_the_activity_page_shows_a_warning_at_the_field_after_the_save(client, report, alice):
    only_rule(report, RuleKind.ACTIVITY_IN_CYCLE)
    client.force_login(alice)

    response = client.post(
        reverse("reports:activity_add", args=[report.pk]),
        valid_post(report, starts_on="2019-01-05", ends_on=""),
        follow=True,
    )

    activity = report.activities.get()
    assert response.redirect_chain[-1][0] == reverse(
        "reports:activity_edit", args=[report.pk, activity.pk]
    )
    html = response.content.decode()
    assert "saved with a warning" in html
    assert "Warning: This date lies outside the report&#x27;s period" in html
    assert 'aria-describedby="id_starts_on_helptext"' in html


# --- Indicator values ---------------------------------------------------------------------


@pytest.fixture
def indicator(report):
    return IndicatorFactory(country=report.country, name="Hotline calls")


def _earlier_value(report, indicator, value):
    earlier = CycleFactory(
        framework=report.cycle.framework,
        starts_on=dt.date(2021, 5, 1),
        ends_on=dt.date(2022, 4, 30),
    )
    previous = ReportFactory(country=report.country, cycle=earlier, roadmap=report.roadmap)
    IndicatorValueFactory(report=previous, indicator=indicator, value=value)


# kind: (row figures that break it, the field, what the default message says)
VALUE_CASES = {
    RuleKind.BREAKDOWN_ADDS_UP: (
        {
            "value": Decimal(100),
            "source": "Log",
            "parts": (("girls", Decimal(60)), ("boys", Decimal(30))),
        },
        "parts",
        "The break-down adds up to 90, not to the value 100.",
    ),
    RuleKind.VALUE_JUMP: (
        {"value": Decimal(5000), "source": "Log"},
        "value",
        "5,000 is more than 10 times away from the previous cycle's 120.",
    ),
    RuleKind.VALUE_SOURCE: (
        {"value": Decimal(100), "source": "  "},
        "source",
        "Give the source of the value of “Hotline calls”.",
    ),
}


def _row(indicator, **figures) -> IndicatorValueData:
    return IndicatorValueData(indicator=indicator, revision=0, **figures)


@pytest.mark.parametrize("kind", list(VALUE_CASES))
def test_a_value_rule_at_error_refuses_the_save_at_its_field(report, indicator, kind):
    _earlier_value(report, indicator, 120)
    only_rule(report, kind, Severity.ERROR)
    figures, field, said = VALUE_CASES[kind]

    with pytest.raises(RuleErrors) as refused:
        indicator_values_save(report=report, rows=[_row(indicator, **figures)])

    assert refused.value.by_indicator == {indicator.pk: {field: [said]}}
    assert not report.indicator_values.exists()


@pytest.mark.parametrize("kind", list(VALUE_CASES))
def test_a_value_rule_at_warning_saves_and_raises_a_warning(report, indicator, kind):
    _earlier_value(report, indicator, 120)
    only_rule(report, kind, Severity.WARNING)
    figures, field, said = VALUE_CASES[kind]

    indicator_values_save(report=report, rows=[_row(indicator, **figures)])

    (warning,) = report_warnings(report=report)
    assert warning.indicator_value == report.indicator_values.get()
    assert (warning.breach.field, warning.breach.message) == (field, said)


@pytest.mark.parametrize("kind", list(VALUE_CASES))
def test_a_value_rule_switched_off_says_nothing(report, indicator, kind):
    _earlier_value(report, indicator, 120)
    only_rule(report, kind, Severity.ERROR).__class__.objects.update(is_active=False)

    indicator_values_save(report=report, rows=[_row(indicator, **VALUE_CASES[kind][0])])

    assert report_warnings(report=report) == []


def test_a_jump_within_the_factor_is_fine(report, indicator):
    _earlier_value(report, indicator, 120)
    only_rule(report, RuleKind.VALUE_JUMP)

    indicator_values_save(report=report, rows=[_row(indicator, value=Decimal(1100), source="x")])

    assert report_warnings(report=report) == []


def test_the_break_down_is_read_through_one_adapter(report, indicator):
    typed = _row(
        indicator,
        value=Decimal(100),
        parts=(("girls", Decimal(60)), ("boys", Decimal("30.5"))),
        breakdown_partial=True,
    )
    assert breakdown_amounts(typed) == ([Decimal(60), Decimal("30.5")], True)

    stored = IndicatorValueFactory(report=report, indicator=indicator, parts={"girls": 60})
    assert breakdown_amounts(stored) == ([Decimal(60)], False)


def _indicator_post(indicator, **fields) -> dict:
    prefix = f"ind-{indicator.pk}"
    data = {
        f"{prefix}-value": "100",
        f"{prefix}-source": "",
        f"{prefix}-note": "",
        f"{prefix}-breakdown_text": "",
        f"{prefix}-revision": "0",
        f"{prefix}-loaded": "",
        f"{prefix}-parts-TOTAL_FORMS": "1",
        f"{prefix}-parts-INITIAL_FORMS": "0",
        f"{prefix}-parts-MIN_NUM_FORMS": "0",
        f"{prefix}-parts-MAX_NUM_FORMS": "50",
        f"{prefix}-parts-0-label": "",
        f"{prefix}-parts-0-amount": "",
    }
    data.update({f"{prefix}-{k}": v for k, v in fields.items()})
    return data


def test_the_indicator_page_says_an_error_rule_at_the_field_and_keeps_the_figures(
    client, report, indicator, alice
):
    only_rule(report, RuleKind.VALUE_SOURCE, Severity.ERROR)
    client.force_login(alice)

    response = client.post(
        reverse("reports:indicators", args=[report.pk]), _indicator_post(indicator, value="741")
    )

    assert response.status_code == 200
    form = next(f for f in response.context["formset"] if f.indicator == indicator)
    assert form.errors["source"] == ["Give the source of the value of “Hotline calls”."]
    assert form["value"].value() == "741"
    assert not report.indicator_values.exists()


def test_the_indicator_page_shows_a_warning_at_the_field_after_the_save(
    client, report, indicator, alice
):
    only_rule(report, RuleKind.VALUE_SOURCE, Severity.WARNING)
    client.force_login(alice)

    response = client.post(
        reverse("reports:indicators", args=[report.pk]), _indicator_post(indicator), follow=True
    )

    assert report.indicator_values.get().value == 100
    assert "Warning: Give the source of the value of “Hotline calls”." in (
        response.content.decode()
    )
