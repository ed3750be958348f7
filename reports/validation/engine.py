"""The rules applied: pure functions, no query. Each returns ``Breach``es naming the
field to show the message at, so an error can refuse a save there and a warning can be
shown there and on the submit page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import date_format, number_format

from ..validation_models import ACTIVITY_KINDS, RuleKind, Severity, ValidationRule


@dataclass(frozen=True)
class Breach:
    kind: str
    severity: str
    field: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR


@dataclass(frozen=True)
class ActivityFigures:
    starts_on: dt.date | None
    ends_on: dt.date | None
    women: int | None
    men: int | None
    total: int | None


@dataclass(frozen=True)
class ValueFigures:
    indicator_name: str
    value: Decimal | None
    source: str
    amounts: tuple[Decimal, ...]
    partial: bool
    previous: Decimal | None  # the country's value of the previous cycle, if any


def breakdown_amounts(value) -> tuple[list[Decimal], bool]:
    """The amounts of a value's break-down and whether it is partial, from a stored
    ``IndicatorValue`` (its prefetched parts) or the save service's row data (the parts as
    typed): the one place that reads the break-down's shape."""
    if isinstance(value.parts, tuple):
        return [amount for _label, amount in value.parts], value.breakdown_partial
    return value.breakdown_amounts()


def _say(rule: ValidationRule, params: dict) -> str:
    # The admin checks a message's parameters (ValidationRule.clean); one written by
    # another path with a typo still reads, unformatted, rather than failing the save.
    try:
        return rule.shown_message % params
    except (KeyError, ValueError, TypeError):
        return rule.shown_message


def _number(value) -> str:
    """A figure as the reader writes it, without decimals it does not have (120, 2.5)."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return number_format(number.normalize() if number % 1 else number, force_grouping=True)


def activity_breaches(
    rules: Iterable[ValidationRule], figures: ActivityFigures, *, period: tuple[dt.date, dt.date]
) -> list[Breach]:
    """What the active activity rules say of ``figures`` in a report of ``period``."""
    start, end = period
    breaches = []
    for rule in rules:
        if not rule.is_active or rule.kind not in ACTIVITY_KINDS:
            continue
        fields = _activity_fields(rule.kind, figures, period)
        if not fields:
            continue  # the message is formatted only for a breach (the reading view's rows)
        params = {
            "start": date_format(start, "DATE_FORMAT"),
            "end": date_format(end, "DATE_FORMAT"),
            "women": _number(figures.women),
            "men": _number(figures.men),
            "total": _number(figures.total),
        }
        for field in fields:
            breaches.append(Breach(rule.kind, rule.severity, field, _say(rule, params)))
    return breaches


def _activity_fields(kind: str, f: ActivityFigures, period: tuple[dt.date, dt.date]) -> list[str]:
    start, end = period
    if kind == RuleKind.ACTIVITY_IN_CYCLE:
        return [
            name
            for name, day in (("starts_on", f.starts_on), ("ends_on", f.ends_on))
            if day is not None and not start <= day <= end
        ]
    if kind == RuleKind.ACTIVITY_END_AFTER_START:
        late = f.starts_on and f.ends_on and f.ends_on < f.starts_on
        return ["ends_on"] if late else []
    if kind == RuleKind.PARTICIPANTS_ADD_UP:
        over = None not in (f.women, f.men, f.total) and f.women + f.men > f.total
        return ["participants_total"] if over else []
    return []


def value_breaches(rules: Iterable[ValidationRule], figures: ValueFigures) -> list[Breach]:
    """What the active indicator-value rules say of ``figures`` (no value: nothing)."""
    if figures.value is None:
        return []
    breaches = []
    for rule in rules:
        if not rule.is_active:
            continue
        field = _value_field(rule, figures)
        if field:
            params = {
                "indicator": figures.indicator_name,
                "value": _number(figures.value),
                "parts": _number(sum(figures.amounts, Decimal(0))),
                "previous": _number(figures.previous),
                "factor": _number(rule.factor),
            }
            breaches.append(Breach(rule.kind, rule.severity, field, _say(rule, params)))
    return breaches


def _value_field(rule: ValidationRule, f: ValueFigures) -> str:
    if rule.kind == RuleKind.BREAKDOWN_ADDS_UP:
        adds_up = not f.amounts or f.partial or sum(f.amounts, Decimal(0)) == f.value
        return "" if adds_up else "parts"
    if rule.kind == RuleKind.VALUE_SOURCE:
        return "" if f.source.strip() else "source"
    # Only between two positive figures: a fold from or to nothing has no size.
    jumps = rule.kind == RuleKind.VALUE_JUMP and rule.factor and f.previous and f.value
    if jumps and f.previous > 0 and f.value > 0:
        ratio = max(f.value / f.previous, f.previous / f.value)
        return "value" if ratio > rule.factor else ""
    return ""


def refuse_errors(breaches: Sequence[Breach]) -> None:
    """Raise a ValidationError keyed by field for the breaches that are errors."""
    errors: dict[str, list[ValidationError]] = {}
    for breach in breaches:
        if breach.is_error:
            errors.setdefault(breach.field, []).append(
                ValidationError(breach.message, code=f"rule_{breach.kind}")
            )
    if errors:
        raise ValidationError(errors)
