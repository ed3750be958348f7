"""The three open-data tables (indicators, activities, answers), each as rows of cells
worked out from live publications' snapshots only (``entries.Entry``). Pure functions: no
query, the same entries give the same rows, so the files are byte-identical when nothing
was published in between.

Codes stay codes; texts from the portal's data come in English with a ``_vi`` column
beside them; what the country typed comes once, as typed (docs/export-schema.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reports.exports import item_rows
from reports.models import Activity

from .columns import Column, bilingual, column
from .entries import Entry

Row = list[Any]


@dataclass(frozen=True)
class Table:
    name: str  # the file is ``<name>.csv``
    title: Promise
    description: Promise
    columns: list[Column]
    primary_key: list[str]
    rows_of: Callable[[Entry], Iterator[Row]]

    def rows(self, entries: Iterable[Entry]) -> Iterator[Row]:
        for entry in entries:
            yield from self.rows_of(entry)


LEAD = [column("country_code"), *bilingual("country_name"), column("cycle")]
TAIL = [column("revision", "integer"), column("published_at", "datetime")]


def _lead(entry: Entry) -> Row:
    return [entry.country_code, entry.country_name, entry.country_name_vi, entry.cycle_code]


def _tail(entry: Entry) -> Row:
    published = entry.published_at.astimezone(dt.UTC).isoformat()
    return [entry.revision, published]


def _number(text: str | None) -> Decimal | None:
    # A Decimal, never a str: the CSV writer then leaves "-5.00" as is (it neutralises
    # only text that a spreadsheet would read as a formula).
    return None if text in (None, "") else Decimal(text)


def _joined(values: list[str] | None) -> str:
    return "; ".join(values or [])


# ---------------------------------------------------------------------- indicators

INDICATOR_COLUMNS = [
    *LEAD,
    *bilingual("indicator"),
    *bilingual("unit"),
    column("work_area"),
    column("part", "integer"),
    *bilingual("series"),
    column("value", "number"),
    column("baseline", "number"),
    column("baseline_year", "integer"),
    column("target", "number"),
    column("target_year", "integer"),
    column("status"),
    *bilingual("status_label"),
    column("source"),
    column("note"),
    *TAIL,
]


def _indicator_rows(entry: Entry) -> Iterator[Row]:
    for value in entry.snapshot.get("indicator_values", []):
        names = [value["indicator"], value.get("indicator_vi") or value["indicator"]]
        units = [value["unit"], value.get("unit_vi") or value["unit"]]
        baseline, target = value.get("baseline") or {}, value.get("target") or {}
        against = [
            _number(baseline.get("value")),
            baseline.get("year"),
            _number(target.get("value")),
            target.get("year"),
            value.get("status", ""),
            value.get("status_label", ""),
            value.get("status_label_vi") or value.get("status_label", ""),
        ]
        # Part 0 is the whole value, measured against the roadmap; its parts follow.
        yield [
            *_lead(entry),
            *names,
            *units,
            value.get("work_area", ""),
            0,
            "",
            "",
            _number(value["value"]),
            *against,
            value.get("source", ""),
            value.get("note", ""),
            *_tail(entry),
        ]
        for n, part in enumerate(value.get("breakdown", []), start=1):
            label = part["label"]  # typed by the country: the same in both columns
            yield [
                *_lead(entry),
                *names,
                *units,
                value.get("work_area", ""),
                n,
                label,
                label,
                _number(part["amount"]),
                *[None] * 4,
                "",
                "",
                "",
                "",
                "",
                *_tail(entry),
            ]


# ---------------------------------------------------------------------- activities

ACTIVITY_COLUMNS = [
    *LEAD,
    column("activity", "integer"),
    column("title"),
    column("kind"),
    *bilingual("kind_label"),
    column("starts_on", "date"),
    column("ends_on", "date"),
    column("coverage"),
    column("area_codes"),
    *bilingual("areas"),
    column("unlisted_areas"),
    column("organisers"),
    column("partners"),
    column("participants_women", "integer", unit="people"),
    column("participants_men", "integer", unit="people"),
    column("participants_total", "integer", unit="people"),
    column("priority_keys"),
    *bilingual("priorities"),
    column("description"),
    *TAIL,
]


def _kind_labels(kind: str) -> list[str]:
    labels = []
    for code in ("en", "vi"):
        with translation.override(code):
            labels.append(str(Activity.Kind(kind).label) if kind in Activity.Kind else kind)
    return labels


def _activity_rows(entry: Entry) -> Iterator[Row]:
    for n, activity in enumerate(entry.snapshot.get("activities", []), start=1):
        people = activity.get("participants") or {}
        yield [
            *_lead(entry),
            n,
            activity["title"],
            activity["kind"],
            *_kind_labels(activity["kind"]),
            activity["starts_on"],
            activity.get("ends_on"),
            activity.get("coverage", ""),
            _joined(activity.get("area_codes")),
            _joined(activity.get("areas")),
            _joined(activity.get("areas_vi") or activity.get("areas")),
            _joined(activity.get("unlisted_areas")),
            activity.get("organisers", ""),
            activity.get("partners", ""),
            people.get("women"),
            people.get("men"),
            people.get("total"),
            _joined(activity.get("priority_keys")),
            _joined(activity.get("priorities")),
            _joined(activity.get("priorities_vi") or activity.get("priorities")),
            activity.get("description", ""),
            *_tail(entry),
        ]


# ---------------------------------------------------------------------- answers

ANSWER_COLUMNS = [
    *LEAD,
    *bilingual("section"),
    column("number"),
    column("question_code"),
    *bilingual("question"),
    column("priority_key"),
    *bilingual("priority"),
    column("next_step"),
    *bilingual("choices"),
    column("answer"),
    *TAIL,
]


def _answer_rows(entry: Entry) -> Iterator[Row]:
    # The files attached are on the public pages, not in the table (a snapshot gives
    # each public file as an object, where ``item_rows`` expects titles).
    sections = [
        {**section, "items": [{**item, "evidence": []} for item in section["items"]]}
        for section in entry.snapshot.get("sections", [])
    ]
    report = {**entry.snapshot, "sections": sections, "state": "", "revision": entry.revision}
    # The words around a next step's blocks ("Targets: ...") in English whoever asks:
    # the file is the same for every reader.
    with translation.override("en"):
        rows = list(item_rows({"reports": [report]}))
    for row in rows:
        yield [
            *_lead(entry),
            row["section"],
            row.get("section_vi", row["section"]),
            row["number"],
            row["question_code"],
            row["question"],
            row.get("question_vi", row["question"]),
            row["priority_key"],
            row["priority"],
            row.get("priority_vi", row["priority"]),
            row["next_step"],
            row["choices"],
            row.get("choices_vi", row["choices"]),
            row["answer"],
            *_tail(entry),
        ]


TABLES = [
    Table(
        "indicators",
        _("Indicator values"),
        _(
            "Each indicator's value per published cycle (part 0), then the parts of its "
            "break-down, against the roadmap's baseline and target."
        ),
        INDICATOR_COLUMNS,
        ["country_code", "cycle", "indicator", "part"],
        _indicator_rows,
    ),
    Table(
        "activities",
        _("Activities"),
        _("The activities each published report lists."),
        ACTIVITY_COLUMNS,
        ["country_code", "cycle", "activity"],
        _activity_rows,
    ),
    Table(
        "answers",
        _("Answers"),
        _("The answers of each published report, item by item, numbered as printed."),
        ANSWER_COLUMNS,
        ["country_code", "cycle", "number"],
        _answer_rows,
    ),
]
BY_NAME = {table.name: table for table in TABLES}
