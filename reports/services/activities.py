"""Activities and indicator values of a report. Keyword-only, typed, atomic.

Both follow the optimistic-concurrency rule of the whole report: the form carries the
``revision`` of the row as it was loaded, and a save made on a stale revision raises
``StaleRevision`` carrying what is stored now, so the page can show it beside what the
person typed and keep their text. Nothing is overwritten silently.

Every write bumps the report's revision (``report_touch``): it keys the kept PDF.
Access is decided by ``reports.permissions`` in the view; here we only re-check, under a
row lock, that the report is still editable, so a save racing a submission loses. Given
the ``user``, a save also refuses a contributor's write to an activity or indicator not
assigned to them or accepted by the focal point (issue 24), whatever page posted it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roadmap.models import Area, Indicator, Priority

from .. import activity_dates, permissions
from ..models import Activity, AreaCoverage, IndicatorValue, IndicatorValuePart, Report
from ..revisions import report_touch
from ..selectors.contributions import writer_agency_id
from ..selectors.validation import (
    active_rules,
    activity_figures,
    period,
    previous_values,
    value_figures,
)
from ..validation.engine import activity_breaches, refuse_errors, value_breaches


class StaleRevision(ValidationError):
    """A save on data someone else changed meanwhile. ``current`` maps what was refused
    to what is stored now (``None``: it has been deleted)."""

    def __init__(self, message: str, *, current: dict, code: str = "stale_revision") -> None:
        super().__init__(message, code=code)
        self.current = current


@dataclass(frozen=True)
class ActivityData:
    title: str
    kind: str
    starts_on: date
    ends_on: date | None = None
    # Where: areas picked from the country's list, names typed that are not in it, or
    # national / not given. ``coverage`` None: "areas" when any is named, else not given.
    coverage: str | None = None
    areas: Sequence[Area] = ()
    unlisted_areas: list[str] = field(default_factory=list)
    organisers: str = ""
    partners: str = ""
    participants_women: int | None = None
    participants_men: int | None = None
    participants_total: int | None = None
    priorities: Sequence[Priority] = ()
    description: str = ""

    SCALARS = Activity.DESCRIBING_FIELDS

    @property
    def shown_coverage(self) -> str:
        if self.coverage:
            return self.coverage
        named = self.areas or self.unlisted_areas
        return AreaCoverage.AREAS if named else AreaCoverage.NOT_GIVEN


NOT_YOUR_PART = _(
    "You can change only the parts of this report assigned to you that the focal point "
    "has not accepted. Nothing was saved."
)


def check_part(user, report: Report, **part: int) -> None:
    """Refuse ``user`` (when given: the person saving) a part they may not write."""
    if user is not None and not permissions.can_edit_part(user, report, **part):
        raise PermissionDenied(NOT_YOUR_PART)


def lock_editable(report: Report) -> None:
    locked = Report.objects.select_for_update().only("state").get(pk=report.pk)
    if not locked.is_editable_state:
        raise ValidationError(
            _("This report has been handed in and can no longer be changed."),
            code="report_locked",
        )


def _check_priorities(report: Report, priorities: Sequence[Priority]) -> None:
    # The form offers only the report's roadmap version; this guards every other caller.
    if any(p.roadmap_id != report.roadmap_id for p in priorities):
        raise ValidationError(
            _("A priority served must belong to the report's roadmap."), code="foreign_priority"
        )


def _check_areas(report: Report, data: ActivityData) -> None:
    # The form offers only the country's list and says it at the field; this guards
    # every other caller (the demo, a script) and the combinations the database cannot.
    if any(area.country_id != report.country_id for area in data.areas):
        raise ValidationError(
            {
                "areas": ValidationError(
                    _("A province must be one of the report's country."), code="foreign_area"
                )
            }
        )
    if data.shown_coverage != AreaCoverage.AREAS and (data.areas or data.unlisted_areas):
        raise ValidationError(
            {
                "areas": ValidationError(
                    _("Choose “National” or “Not given” alone, or name the provinces; not both."),
                    code="coverage_with_areas",
                )
            }
        )
    if data.shown_coverage == AreaCoverage.AREAS and not (data.areas or data.unlisted_areas):
        raise ValidationError(
            {
                "areas": ValidationError(
                    _("Name at least one province, or choose “National” or “Not given”."),
                    code="coverage_without_areas",
                )
            }
        )


def _check_rules(report: Report, data: ActivityData) -> None:
    # The framework's rules that are errors refuse the save, at the field, whatever called
    # this (the form, the Word import, a script); warnings are kept and shown later.
    out_of_bounds = activity_dates.date_errors(starts_on=data.starts_on, ends_on=data.ends_on)
    if out_of_bounds:
        raise ValidationError(out_of_bounds)
    rules = active_rules(report=report)
    refuse_errors(activity_breaches(rules, activity_figures(data), period=period(report)))


class RuleErrors(ValidationError):
    """Indicator rows refused by a rule that is an error: ``by_indicator`` maps each
    indicator id to ``{field: [message, ...]}``, so the page says it at the field."""

    def __init__(self, by_indicator: dict[int, dict[str, list[str]]]) -> None:
        messages = [m for fields in by_indicator.values() for ms in fields.values() for m in ms]
        super().__init__(messages, code="rule_error")
        self.by_indicator = by_indicator


def _check_value_rules(report: Report, rows: Sequence[IndicatorValueData]) -> None:
    rules = active_rules(report=report)
    previous = previous_values(report=report)
    refused: dict[int, dict[str, list[str]]] = {}
    for row in rows:
        for breach in value_breaches(rules, value_figures(row, previous=previous)):
            if breach.is_error:
                fields = refused.setdefault(row.indicator.pk, {})
                fields.setdefault(breach.field, []).append(breach.message)
    if refused:
        raise RuleErrors(refused)


def _apply(activity: Activity, data: ActivityData) -> None:
    for name in ActivityData.SCALARS:
        setattr(activity, name, getattr(data, name))
    activity.coverage = data.shown_coverage


def activity_create(
    *, report: Report, data: ActivityData, key: uuid.UUID | None = None
) -> Activity:
    """Add an activity to ``report``. ``key`` is the add form's client key (models,
    "Client keys"): when an activity with it exists, the form was sent again and that
    activity is the answer (updated if the person changed the form meanwhile), so a
    resent form never adds a second one."""
    try:
        return _activity_create(report=report, data=data, key=key)
    except IntegrityError:
        if key is None:
            raise
        # The first attempt committed between our look-up and our insert: run again, the
        # look-up now finds it.
        return _activity_create(report=report, data=data, key=key)


def keyed_activity(*, report: Report, key: uuid.UUID) -> Activity | None:
    return report.activities.prefetch_related("priorities", "areas").filter(client_key=key).first()


def _same(activity: Activity, data: ActivityData) -> bool:
    scalars = [n for n in ActivityData.SCALARS if n != "coverage"]
    return (
        all(getattr(activity, n) == getattr(data, n) for n in scalars)
        and activity.coverage == data.shown_coverage
        and {p.pk for p in activity.priorities.all()} == {p.pk for p in data.priorities}
        and {a.pk for a in activity.areas.all()} == {a.pk for a in data.areas}
    )


@transaction.atomic
def _activity_create(*, report: Report, data: ActivityData, key: uuid.UUID | None) -> Activity:
    lock_editable(report)
    _check_priorities(report, data.priorities)
    _check_areas(report, data)
    _check_rules(report, data)
    existing = keyed_activity(report=report, key=key) if key else None
    if existing is not None:
        if _same(existing, data):
            return existing  # no write, no revision, no audit entry
        # As the first attempt left it (revision 1), or refused as stale if changed since.
        return activity_update(activity=existing, revision=1, data=data)
    activity = Activity(report=report, client_key=key)
    _apply(activity, data)
    activity.save()
    activity.priorities.set(data.priorities)
    activity.areas.set(data.areas)
    report_touch(report=report)
    return activity


def _lock_current(activity: Activity, revision: int) -> Activity:
    current = Activity.objects.select_for_update().filter(pk=activity.pk).first()
    if current is None:
        raise StaleRevision(
            _("Someone else deleted this activity while you were working on it."),
            current={activity.pk: None},
            code="activity_deleted",
        )
    if current.revision != revision:
        raise StaleRevision(
            _("Someone else changed this activity while you were editing it."),
            current={activity.pk: current},
        )
    return current


@transaction.atomic
def activity_update(
    *, activity: Activity, revision: int, data: ActivityData, user=None
) -> Activity:
    """Save ``data`` over ``activity`` if it is still at ``revision`` (as the person
    loaded it); otherwise raise ``StaleRevision`` and change nothing."""
    report = activity.report
    check_part(user, report, activity_id=activity.pk)
    lock_editable(report)
    _check_priorities(report, data.priorities)
    _check_areas(report, data)
    _check_rules(report, data)
    current = _lock_current(activity, revision)
    _apply(current, data)
    # The last writer's agency (a contributor's; None: the country team).
    current.agency_id = writer_agency_id(user=user, country_id=report.country_id)
    current.revision += 1
    current.save()
    current.priorities.set(data.priorities)
    current.areas.set(data.areas)
    report_touch(report=report)
    return current


@transaction.atomic
def activity_delete(*, activity: Activity, revision: int) -> None:
    """Delete ``activity`` if nobody changed it since the person confirmed what they saw."""
    report = activity.report
    lock_editable(report)
    _lock_current(activity, revision).delete()
    report_touch(report=report)


@dataclass(frozen=True)
class IndicatorValueData:
    """One indicator's figures for the cycle as typed. ``value`` None means "no value
    this cycle": any stored row is removed. ``revision`` 0: there was no row when the
    person loaded the page."""

    indicator: Indicator
    revision: int
    value: Decimal | None
    source: str = ""
    note: str = ""
    # The break-down: (label, amount) in order; partial when it leaves some of the value out.
    parts: tuple[tuple[str, Decimal], ...] = ()
    breakdown_partial: bool = False
    breakdown_text: str = ""


@transaction.atomic
def indicator_values_save(*, report: Report, rows: Sequence[IndicatorValueData], user=None) -> int:
    """Save the changed indicator rows of ``report`` together: all of them, or, when any
    is stale, none (``StaleRevision.current`` maps each stale indicator id to what is
    stored now). Returns how many rows were written."""
    for row in rows:
        check_part(user, report, indicator_id=row.indicator.pk)
    lock_editable(report)
    if any(row.indicator.country_id != report.country_id for row in rows):
        raise ValidationError(
            _("An indicator of another country cannot be reported here."),
            code="foreign_indicator",
        )
    _check_value_rules(report, rows)
    stored = {
        v.indicator_id: v
        for v in IndicatorValue.objects.select_for_update()
        .filter(report=report, indicator__in=[row.indicator for row in rows])
        .prefetch_related("parts")
    }
    # A stale row that already holds what was posted is the same form sent again (its
    # first answer was lost): nothing to refuse, nothing to write.
    already = {row.indicator.pk for row in rows if _holds(stored.get(row.indicator.pk), row)}
    stale = {
        row.indicator.pk: stored.get(row.indicator.pk)
        for row in rows
        if row.indicator.pk not in already
        and (stored[row.indicator.pk].revision if row.indicator.pk in stored else 0) != row.revision
    }
    if stale:
        raise StaleRevision(
            _("Someone else changed these values while you were editing them."), current=stale
        )
    written = [row for row in rows if row.indicator.pk not in already]
    # The writer's agency (a contributor's; None: the country team).
    agency_id = writer_agency_id(user=user, country_id=report.country_id) if written else None
    for row in written:
        existing = stored.get(row.indicator.pk)
        if row.value is None:
            if existing is not None:
                existing.delete()
            continue
        target = existing or IndicatorValue(report=report, indicator=row.indicator, revision=0)
        target.value = row.value
        target.source = row.source
        target.note = row.note
        target.breakdown_partial = row.breakdown_partial
        target.breakdown_text = row.breakdown_text
        target.agency_id = agency_id
        target.revision += 1
        target.save()
        _write_parts(target, row.parts, fresh=existing is None)
    if written:
        report_touch(report=report)
    return len(rows)


def _write_parts(
    value: IndicatorValue, parts: tuple[tuple[str, Decimal], ...], *, fresh: bool
) -> None:
    """Replace ``value``'s parts by ``parts``. One save per part, not ``bulk_create``: the
    model layer's freeze (``reports.freeze``) sees each one."""
    if not fresh:
        value.parts.all().delete()
    for order, (label, amount) in enumerate(parts):
        IndicatorValuePart(value=value, label=label, amount=amount, order=order).save()


def stored_parts(stored: IndicatorValue) -> tuple[tuple[str, Decimal], ...]:
    return tuple((part.label, part.amount) for part in stored.parts.all())


def _holds(stored: IndicatorValue | None, row: IndicatorValueData) -> bool:
    if stored is None:
        return row.value is None
    return (
        stored.value,
        stored.source,
        stored.note,
        stored_parts(stored),
        stored.breakdown_partial,
        stored.breakdown_text,
    ) == (
        row.value,
        row.source,
        row.note,
        row.parts,
        row.breakdown_partial,
        row.breakdown_text,
    )
