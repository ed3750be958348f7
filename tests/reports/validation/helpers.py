"""Shared by the validation tests: a rule of a report's framework set as a test needs."""

from __future__ import annotations

from decimal import Decimal

from reports.validation_models import RuleKind, Severity, ValidationRule


def set_rule(report, kind: str, *, severity: str | None = None, active: bool = True, factor=None):
    rule = ValidationRule.objects.get(framework_id=report.cycle.framework_id, kind=kind)
    if severity is not None:
        rule.severity = severity
    if factor is not None:
        rule.factor = Decimal(factor)
    rule.is_active = active
    rule.save()
    return rule


def only_rule(report, kind: str, severity: str = Severity.WARNING):
    """Every rule of the report's framework off but ``kind`` (at ``severity``)."""
    ValidationRule.objects.filter(framework_id=report.cycle.framework_id).exclude(kind=kind).update(
        is_active=False
    )
    return set_rule(report, kind, severity=severity)


__all__ = ["RuleKind", "Severity", "only_rule", "set_rule"]
