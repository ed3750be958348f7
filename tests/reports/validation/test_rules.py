"""Validation rules held as data: every framework gets the defaults, the database keeps a
rule coherent, the admin keeps them, and one framework's rules never judge another's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports.services.activities import ActivityData, activity_create
from reports.services.validation_rules import DEFAULTS, default_rules_ensure
from reports.validation_models import RuleKind, Severity, ValidationRule
from roadmap.models import Framework
from tests.factories import CycleFactory, FrameworkFactory, report_with_form

from .helpers import set_rule

pytestmark = pytest.mark.django_db


def test_a_new_framework_gets_every_default_rule_in_both_languages():
    framework = FrameworkFactory()

    rules = {r.kind: r for r in ValidationRule.objects.filter(framework=framework)}

    assert set(rules) == set(RuleKind.values)
    assert rules[RuleKind.ACTIVITY_IN_CYCLE].severity == Severity.WARNING
    assert rules[RuleKind.PARTICIPANTS_ADD_UP].severity == Severity.ERROR
    assert rules[RuleKind.VALUE_JUMP].factor == 10
    assert rules[RuleKind.VALUE_SOURCE].tr("message", "vi").startswith("Hãy ghi nguồn")


def test_ensuring_the_defaults_again_keeps_what_an_admin_tuned():
    framework = FrameworkFactory()
    ValidationRule.objects.filter(framework=framework, kind=RuleKind.VALUE_SOURCE).update(
        severity=Severity.ERROR, message="Source!"
    )
    ValidationRule.objects.filter(framework=framework, kind=RuleKind.VALUE_JUMP).delete()

    added = default_rules_ensure(framework_id=framework.pk)

    assert added == 1
    assert ValidationRule.objects.get(framework=framework, kind=RuleKind.VALUE_SOURCE).message == (
        "Source!"
    )
    assert ValidationRule.objects.filter(framework=framework).count() == len(DEFAULTS)


def test_the_data_migration_path_works_with_the_historical_model():
    framework = FrameworkFactory()
    ValidationRule.objects.filter(framework=framework).delete()
    # What 0022 calls: the same service, with the model as the migration sees it.
    historical = apps.get_model("reports", "ValidationRule")

    assert default_rules_ensure(framework_id=framework.pk, rule_model=historical) == len(DEFAULTS)


def test_a_jump_rule_needs_a_factor_above_one():
    rule = ValidationRule.objects.filter(kind=RuleKind.VALUE_JUMP).first() or (
        ValidationRule.objects.get(framework=FrameworkFactory(), kind=RuleKind.VALUE_JUMP)
    )
    rule.factor = 1
    with pytest.raises(ValidationError, match="factor greater than 1"):
        rule.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        rule.save()


def test_a_rule_the_database_enforces_is_always_an_error():
    rule = ValidationRule.objects.get(
        framework=FrameworkFactory(), kind=RuleKind.ACTIVITY_END_AFTER_START
    )
    rule.severity = Severity.WARNING
    with pytest.raises(ValidationError, match="can only be an error"):
        rule.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        rule.save()


def test_a_message_with_a_broken_parameter_is_refused_at_the_field():
    rule = ValidationRule.objects.get(framework=FrameworkFactory(), kind=RuleKind.VALUE_SOURCE)
    rule.message = "Give the source of %(indicator"
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert "message" in refused.value.error_dict


def test_the_rules_of_one_framework_do_not_judge_another():
    strict = report_with_form()
    programme = FrameworkFactory(slug="programme", kind=Framework.Kind.PROGRAMME)
    lenient = report_with_form(cycle=CycleFactory(framework=programme))
    assert strict.cycle.framework_id != lenient.cycle.framework_id
    set_rule(strict, RuleKind.ACTIVITY_IN_CYCLE, severity=Severity.ERROR)
    early = ActivityData(title="Early", kind="training", starts_on=dt.date(2019, 1, 5))

    with pytest.raises(ValidationError):
        activity_create(report=strict, data=early)
    activity_create(report=lenient, data=early)

    assert not strict.activities.exists()
    assert lenient.activities.count() == 1


# --- The admin ----------------------------------------------------------------------------


def _admin_post(rule: ValidationRule, **changes) -> dict:
    data = {
        "framework": rule.framework_id,
        "kind": rule.kind,
        "severity": rule.severity,
        "factor": rule.factor or "",
        "is_active": "on",
        "message": rule.message,
        "message_vi": rule.tr("message", "vi"),
    }
    data.update(changes)
    return data


def test_the_admin_keeps_a_rule_and_its_vietnamese_message(client, admin_user):
    rule = ValidationRule.objects.get(framework=FrameworkFactory(), kind=RuleKind.VALUE_JUMP)
    client.force_login(admin_user)
    url = reverse("admin:reports_validationrule_change", args=[rule.pk])

    page = client.get(url).content.decode()
    response = client.post(url, _admin_post(rule, factor="5", message_vi="Thay đổi %(value)s"))

    assert "refused by the database whatever the rule says" in page
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.factor == 5
    assert rule.tr("message", "vi") == "Thay đổi %(value)s"


@pytest.mark.parametrize(
    ("kind", "changes", "said"),
    [
        (RuleKind.VALUE_JUMP, {"factor": "1"}, "A jump rule needs a factor greater than 1."),
        (
            RuleKind.PARTICIPANTS_ADD_UP,
            {"severity": Severity.WARNING},
            "The database refuses this always: its rule can only be an error.",
        ),
    ],
)
def test_the_admin_refuses_an_incoherent_rule_with_the_reason(
    client, admin_user, kind, changes, said
):
    rule = ValidationRule.objects.get(framework=FrameworkFactory(), kind=kind)
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:reports_validationrule_change", args=[rule.pk]), _admin_post(rule, **changes)
    )

    assert response.status_code == 200
    assert said in response.content.decode()
    fresh = ValidationRule.objects.get(pk=rule.pk)
    assert (fresh.factor, fresh.severity) == (rule.factor, rule.severity)
