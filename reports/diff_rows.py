"""What changed in a report's rows between two submissions: activities (added, removed,
each changed field), indicator values and their break-downs, next steps.

Works on the plain rows ``reports.snapshot`` keeps; turns codes, dates and keys into
words in the reader's language only here, when shown (``RowNames`` carries the names
that need the database: priorities and indicators).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roadmap.models import WorkArea

from .models import Activity, AreaCoverage
from .textdiff import word_diff


class ChangeKind(models.TextChoices):
    """What a change is about, in the order the changes page counts them."""

    ANSWER = "answer", gettext_lazy("Answers")
    EVIDENCE = "evidence", gettext_lazy("Evidence")
    NEXT_STEP_STATUS = "next_step_status", gettext_lazy("Statuses of next steps")
    ACTIVITY = "activity", gettext_lazy("Activities")
    INDICATOR = "indicator", gettext_lazy("Indicator values")
    NEXT_STEP = "next_step", gettext_lazy("Next steps")


# The kinds kept as rows of a snapshot, by the snapshot's key for them.
ROW_KINDS = {
    "activities": ChangeKind.ACTIVITY,
    "indicators": ChangeKind.INDICATOR,
    "next_steps": ChangeKind.NEXT_STEP,
}


@dataclass
class RowNames:
    """Names looked up in the database, in the reader's language: priorities and
    indicators by primary key (as text, the snapshot's keys)."""

    priorities: dict[str, str] = field(default_factory=dict)
    indicators: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)  # by code


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    is_text: bool = False

    @property
    def html(self) -> SafeString:
        return word_diff(self.old, self.new)


@dataclass
class RowChange:
    kind: str
    key: str
    title: str
    status: str  # "added", "removed" or "changed"
    fields: list[FieldChange]
    anchor: str


def _date(value: str) -> str:
    try:
        return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    except (TypeError, ValueError):
        return value or ""


def _kind(value: str) -> str:
    return str(Activity.Kind(value).label) if value in Activity.Kind.values else value


def _areas(values: list[str]) -> str:
    return ", ".join(str(WorkArea(v).label) if v in WorkArea.values else v for v in values)


TEXT_FIELDS = {"title", "organisers", "partners", "description", "targets", "evidence", "note"}


def _activity_fields(names: RowNames) -> list[tuple[str, str, Callable[[Any], str]]]:
    shown: dict[str, Callable[[Any], str]] = {
        "kind": _kind,
        "starts_on": _date,
        "ends_on": _date,
        "coverage": lambda v: str(AreaCoverage(v).label) if v in AreaCoverage.values else "",
        "unlisted_areas": lambda v: ", ".join(v or []),
    }
    fields = [
        (name, capfirst(Activity._meta.get_field(name).verbose_name), shown.get(name, str))
        for name in Activity.DESCRIBING_FIELDS
    ]
    fields.append(
        (
            "priorities",
            capfirst(Activity._meta.get_field("priorities").verbose_name),
            lambda v: "; ".join(sorted(names.priorities.get(pk, pk) for pk in v or [])),
        )
    )
    fields.append(
        (
            "areas",
            capfirst(Activity._meta.get_field("areas").verbose_name),
            lambda v: ", ".join(sorted(names.areas.get(code, code) for code in v or [])),
        )
    )
    return fields


def _next_step_fields() -> list[tuple[str, str, Callable[[Any], str]]]:
    return [
        ("title", _("Title"), str),
        ("targets", _("Targets"), str),
        ("evidence", _("Evidence of achievement"), str),
        ("work_areas", _("Work areas"), lambda v: _areas(v or [])),
    ]


def _indicator_fields(old: dict, new: dict) -> list[tuple[str, str, Callable[[Any], str]]]:
    fields: list[tuple[str, str, Callable[[Any], str]]] = [("value", _("Value"), str)]
    parts = list(new.get("disaggregation", {})) + [
        p for p in old.get("disaggregation", {}) if p not in new.get("disaggregation", {})
    ]
    for part in parts:
        fields.append(
            (
                f"disaggregation.{part}",
                _("Break-down: %(part)s") % {"part": part},
                str,
            )
        )
    fields += [
        ("breakdown_partial", _("The parts do not cover the whole value"), _yes_no),
        ("breakdown_text", _("Break-down as first typed"), str),
        ("source", _("Source"), str),
        ("note", _("Note"), str),
    ]
    return fields


def _yes_no(value: Any) -> str:
    # Snapshots older than the flag have no key: not partial.
    return _("yes") if value is True else _("no")


def _value(row: dict, name: str) -> Any:
    if name.startswith("disaggregation."):
        return row.get("disaggregation", {}).get(name.split(".", 1)[1], "")
    return row.get(name, "")


def _field_changes(old: dict, new: dict, fields) -> list[FieldChange]:
    changes = []
    for name, label, show in fields:
        before, after = show(_value(old, name)), show(_value(new, name))
        if before.strip() != after.strip():
            changes.append(FieldChange(label, before, after, is_text=name in TEXT_FIELDS))
    return changes


def _title(kind: str, key: str, row: dict, names: RowNames) -> str:
    if kind == ChangeKind.INDICATOR:
        return names.indicators.get(key, row.get("name", ""))
    return row.get("title", "")


def _anchor(kind: str, key: str, present: bool) -> str:
    """The fragment of the reading view that shows the row (its table when removed)."""
    section = {
        ChangeKind.ACTIVITY: "activities",
        ChangeKind.INDICATOR: "indicators",
        ChangeKind.NEXT_STEP: "next-steps",
    }[kind]
    prefix = {
        ChangeKind.ACTIVITY: "activity",
        ChangeKind.INDICATOR: "indicator",
        ChangeKind.NEXT_STEP: "next-step",
    }[kind]
    return f"{prefix}-{key}" if present else section


def compare_rows(kind: str, old: dict, new: dict, names: RowNames) -> list[RowChange]:
    """Changed, added and removed rows of one kind, in the order of ``new`` then the
    removed ones; unchanged rows are left out."""
    changes: list[RowChange] = []
    for key, row in new.items():
        before = old.get(key)
        if kind == ChangeKind.ACTIVITY:
            fields = _activity_fields(names)
        elif kind == ChangeKind.INDICATOR:
            fields = _indicator_fields(before or {}, row)
        else:
            fields = _next_step_fields()
        found = _field_changes(before or {}, row, fields)
        if before is not None and not found:
            continue
        status = "added" if before is None else "changed"
        changes.append(
            RowChange(
                kind, key, _title(kind, key, row, names), status, found, _anchor(kind, key, True)
            )
        )
    for key, row in old.items():
        if key not in new:
            changes.append(
                RowChange(
                    kind,
                    key,
                    _title(kind, key, row, names),
                    "removed",
                    [],
                    _anchor(kind, key, False),
                )
            )
    return changes
