"""What the validation rules say of a report: its rules, and its open warnings with their
explanations, loaded in a fixed number of queries whatever the report's size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from ..models import Activity, IndicatorValue, Report
from ..validation.engine import (
    ActivityFigures,
    Breach,
    ValueFigures,
    activity_breaches,
    breakdown_amounts,
    value_breaches,
)
from ..validation_models import Severity, ValidationRule, WarningExplanation

# The model's field a rule names, as the indicator values form calls it: the parts are rows
# of their own, so their sum is said at the "partial" box that would excuse it.
VALUE_FORM_FIELDS = {"parts": "breakdown_partial"}


def active_rules(*, report: Report) -> list[ValidationRule]:
    """The active rules of the report's framework (one query; ordered by kind, as by
    default, without joining the framework for its name: there is one)."""
    return list(
        ValidationRule.objects.filter(
            framework_id=report.cycle.framework_id, is_active=True
        ).order_by("kind", "pk")
    )


def previous_values(*, report: Report) -> dict[int, Decimal]:
    """Per indicator, the country's value in its latest earlier cycle of the same
    framework (one query)."""
    rows = (
        IndicatorValue.objects.filter(
            report__country_id=report.country_id,
            report__cycle__framework_id=report.cycle.framework_id,
            report__cycle__starts_on__lt=report.cycle.starts_on,
        )
        .order_by("indicator_id", "-report__cycle__starts_on")
        .values_list("indicator_id", "value")
    )
    found: dict[int, Decimal] = {}
    for indicator_id, value in rows:
        found.setdefault(indicator_id, value)
    return found


def activity_figures(activity) -> ActivityFigures:
    """The figures the rules read, from an Activity or the service's ActivityData."""
    return ActivityFigures(
        starts_on=activity.starts_on,
        ends_on=activity.ends_on,
        women=activity.participants_women,
        men=activity.participants_men,
        total=activity.participants_total,
    )


def value_figures(value, *, previous: dict[int, Decimal]) -> ValueFigures:
    """The figures the rules read, from an IndicatorValue or the service's row data."""
    amounts, partial = breakdown_amounts(value)
    return ValueFigures(
        indicator_name=value.indicator.shown_name,
        value=value.value,
        source=value.source,
        amounts=tuple(amounts),
        partial=partial,
        previous=previous.get(value.indicator.pk),
    )


def activity_warnings(*, report: Report, activity: Activity) -> list[Breach]:
    """The warnings the rules raise on one stored activity (one query: the rules)."""
    rules = active_rules(report=report)
    breaches = activity_breaches(rules, activity_figures(activity), period=period(report))
    return [b for b in breaches if not b.is_error]


def value_warnings(*, report: Report, stored: dict[int, IndicatorValue]) -> dict[int, list[Breach]]:
    """Per indicator id, the warnings on the stored values (two queries)."""
    rules = active_rules(report=report)
    previous = previous_values(report=report)
    found = {}
    for indicator_pk, value in stored.items():
        breaches = value_breaches(rules, value_figures(value, previous=previous))
        found[indicator_pk] = [b for b in breaches if not b.is_error]
    return found


def period(report: Report):
    return report.cycle.starts_on, report.cycle.ends_on


@dataclass(frozen=True)
class OpenWarning:
    """A warning on one activity or indicator value, with its explanation if written."""

    breach: Breach
    label: str
    activity: Activity | None = None
    indicator_value: IndicatorValue | None = None
    explanation: WarningExplanation | None = None

    @property
    def target_key(self) -> str:
        if self.activity is not None:
            return f"activity-{self.activity.pk}"
        return f"value-{self.indicator_value.pk}"

    @property
    def key(self) -> str:
        """Names the warning in a form (one per rule kind and row)."""
        return f"{self.breach.kind}.{self.target_key}"

    def url(self, report: Report) -> str:
        """Where the figure is corrected."""
        if self.activity is not None:
            edit = reverse("reports:activity_edit", args=[report.pk, self.activity.pk])
            return f"{edit}#id_{self.breach.field}"
        field = VALUE_FORM_FIELDS.get(self.breach.field, self.breach.field)
        return reverse("reports:indicators", args=[report.pk]) + (
            f"#id_ind-{self.indicator_value.indicator_id}-{field}"
        )


def _explanations(report: Report) -> dict[tuple[str, str], WarningExplanation]:
    # Unordered: the default order would join the report, its cycle and its country.
    return {(e.kind, e.target_key): e for e in report.explanations.order_by()}


def _once_per_kind(breaches: Iterable[Breach]) -> list[Breach]:
    # Both dates outside the period are one warning to explain, not two.
    seen: dict[str, Breach] = {}
    for breach in breaches:
        if breach.severity == Severity.WARNING:
            seen.setdefault(breach.kind, breach)
    return list(seen.values())


def report_warnings(
    *,
    report: Report,
    activities: Iterable[Activity] | None = None,
    values: Iterable[IndicatorValue] | None = None,
) -> list[OpenWarning]:
    """Every warning the active rules raise on the report's activities and indicator
    values, each with its explanation. Five queries at most, whatever the report's size:
    the rules, the earlier values, the explanations (only when there is a warning), the
    activities and the values with their parts, unless the caller gives those it has
    loaded already (the values with their indicator and parts)."""
    rules = active_rules(report=report)
    previous = previous_values(report=report)
    if activities is None:
        activities = report.activities.all()
    if values is None:
        values = report.indicator_values.select_related("indicator").prefetch_related("parts")
    found: list[tuple[Breach, str, Activity | None, IndicatorValue | None]] = []
    for activity in activities:
        breaches = activity_breaches(rules, activity_figures(activity), period=period(report))
        found += [(b, activity.title, activity, None) for b in _once_per_kind(breaches)]
    for value in values:
        breaches = value_breaches(rules, value_figures(value, previous=previous))
        label = value.indicator.shown_name
        found += [(b, label, None, value) for b in _once_per_kind(breaches)]
    # Nothing to explain, nothing to read (most reports, most of the time).
    explained = _explanations(report) if found else {}
    warnings = []
    for breach, label, activity, value in found:
        target = f"activity-{activity.pk}" if activity is not None else f"value-{value.pk}"
        explanation = explained.get((breach.kind, target))
        warnings.append(OpenWarning(breach, label, activity, value, explanation))
    return warnings


def warnings_by_target(warnings: Iterable[OpenWarning]) -> dict[str, list[OpenWarning]]:
    """``{"activity-12": [...], "value-3": [...]}``: for the tables of the reading view."""
    grouped: dict[str, list[OpenWarning]] = {}
    for warning in warnings:
        grouped.setdefault(warning.target_key, []).append(warning)
    return grouped


def attach_rule_warnings(*, report: Report, activities: Iterable, values: Iterable) -> None:
    """Set ``rule_warnings`` on each loaded activity and indicator value (the reading
    view shows each warning and its explanation beside the figure): three queries at
    most, the rows given are not read again (``values`` with their indicator and parts)."""
    activities, values = list(activities), list(values)
    grouped = warnings_by_target(
        report_warnings(report=report, activities=activities, values=values)
    )
    for activity in activities:
        activity.rule_warnings = grouped.get(f"activity-{activity.pk}", [])
    for value in values:
        value.rule_warnings = grouped.get(f"value-{value.pk}", [])
