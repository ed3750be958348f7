"""Reports as data for analysts: JSON (schema in docs/export-schema.md), CSV and XLSX.

Everything goes through ``export_data``, one plain structure built from
``build_layout``, so the three formats number and word items exactly as the PDF does.

CSV and XLSX are written by ``reports.spreadsheets`` (formulas neutralised, long text
continued, never cut); JSON carries the text unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from roadmap.models import WorkArea
from translations.translatable import SOURCE_LANGUAGE, active_language, other_languages

from .export_data import export_data
from .models import Activity, Report
from .spreadsheets import Table, csv_bytes, xlsx_bytes

FORMATS = ("xlsx", "csv", "json")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
# Text that comes from the portal's data (country, section, question, priority, choices,
# indicator and unit) is given in every language: the plain column in English, the
# source, and beside it one ``<column>_<language>`` column per other language
# ("priority_vi"). Text the country typed is given once, as typed. Codes stay stable.
# "contributed_by": the agency that wrote the answer (issue 24), blank for the country team.
TRANSLATED_COLUMNS = ("country", "section", "question", "priority", "choices", "contributed_by")


def in_languages(column: str) -> list[str]:
    """``column`` and its other-language siblings: ["priority", "priority_vi"]."""
    return [column, *(f"{column}_{code}" for code in other_languages())]


def _columns(names: list[str]) -> list[str]:
    return [
        c for name in names for c in (in_languages(name) if name in TRANSLATED_COLUMNS else [name])
    ]


ITEM_COLUMNS = _columns(
    [
        "country_code",
        "country",
        "cycle",
        "state",
        "revision",
        "section",
        "number",
        "question_code",
        "kind",
        "question",
        "required",
        "priority_key",
        "priority",
        "next_step",
        "answered",
        "choices",
        "evidence",
        # Before the answer: a long answer continues in the cells to its right.
        "contributed_by",
        "answer",
    ]
)


# ------------------------------------------------------------------- the formats


def _answer_text(item: dict[str, Any]) -> str:
    """An item's typed answer as one text; next steps as labelled blocks."""
    if item["next_steps"] is None:
        return item["text"]
    areas = dict(WorkArea.choices)
    blocks = []
    for n, step in enumerate(item["next_steps"], start=1):
        blocks.append(
            "\n".join(
                [
                    _("Next step %(n)s: %(title)s") % {"n": n, "title": step["title"]},
                    _("Targets: %(text)s") % {"text": step["targets"]},
                    _("Evidence: %(text)s") % {"text": step["evidence"]},
                    _("Work areas: %(areas)s")
                    % {"areas": ", ".join(str(areas.get(a, a)) for a in step["work_areas"])},
                ]
            )
        )
    return "\n\n".join(blocks)


def _priority_text(priority: dict[str, Any], suffix: str) -> str:
    return f"{priority['theme' + suffix]} {priority['number']}. {priority['text' + suffix]}"


def item_rows(data: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """One flat row per item of every report: the CSV rows and XLSX section rows."""
    suffixes = ["", *(f"_{code}" for code in other_languages())]
    for report in data["reports"]:
        for section in report["sections"]:
            for item in section["items"]:
                priority = item["priority"]
                row: dict[str, Any] = {
                    "country_code": report["country"]["code"],
                    "cycle": report["cycle"]["code"],
                    "state": report["state"],
                    "revision": report["revision"],
                    "number": item["number"],
                    "question_code": item["question_code"],
                    "kind": item["kind"],
                    "required": "yes" if item["required"] else "no",
                    "priority_key": priority["key"] if priority else "",
                    "next_step": item["next_step"]["title"] if item["next_step"] else "",
                    "answered": "yes" if item["answered"] else "no",
                    "evidence": "; ".join(item["evidence"]),
                    "answer": _answer_text(item),
                }
                for suffix in suffixes:
                    row |= {
                        f"country{suffix}": report["country"][f"name{suffix}"],
                        f"section{suffix}": f"{section['number']}. {section['title' + suffix]}",
                        f"question{suffix}": item[f"question{suffix}"],
                        f"priority{suffix}": _priority_text(priority, suffix) if priority else "",
                        f"choices{suffix}": "; ".join(item[f"choices{suffix}"]),
                        f"contributed_by{suffix}": item[f"contributed_by{suffix}"] or "",
                    }
                yield {column: row[column] for column in ITEM_COLUMNS}


def to_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def to_csv(data: dict[str, Any]) -> bytes:
    return csv_bytes(ITEM_COLUMNS, ([row[c] for c in ITEM_COLUMNS] for row in item_rows(data)))


# The Activities sheet: the fields that describe an activity ("women", not
# "participants_women"), with the priorities it serves before its description.
# Where it was held: coverage, then the areas' codes and names in every language, then
# the names not in the list (the free text is gone: "provinces" is no column).
PLACE_COLUMNS = ["coverage", "area_codes", *in_languages("areas"), "unlisted_areas"]


def _described(name: str) -> list[str]:
    if name == "coverage":
        return PLACE_COLUMNS
    if name in ("unlisted_areas", "description"):
        return []  # in PLACE_COLUMNS; after the priorities
    return [name.removeprefix("participants_")]


ACTIVITY_COLUMNS = [
    *(column for name in Activity.DESCRIBING_FIELDS for column in _described(name)),
    "priority_keys",
    *in_languages("priorities"),
    "evidence",
    # Before the description: a long one continues in the cells to its right.
    *in_languages("contributed_by"),
    "description",
]


def _activity_cells(activity: dict[str, Any]) -> list[Any]:
    """One activity of ``report_data`` as the cells of ``ACTIVITY_COLUMNS``."""
    flat = {
        **activity,
        **activity["participants"],
        "ends_on": activity["ends_on"] or "",
        "area_codes": "; ".join(activity["area_codes"]),
        **{c: "; ".join(activity[c]) for c in in_languages("areas")},
        "unlisted_areas": "; ".join(activity["unlisted_areas"]),
        "priority_keys": "; ".join(activity["priority_keys"]),
        **{c: "; ".join(activity[c]) for c in in_languages("priorities")},
        "evidence": "; ".join(activity["evidence"]),
        **{c: activity[c] or "" for c in in_languages("contributed_by")},
    }
    return [flat[column] for column in ACTIVITY_COLUMNS]


def _section_tables(data: dict[str, Any]) -> list[Table]:
    """One table per section, the items of every report; titled in the reader's language,
    rows grouped by the English section."""
    columns = [c for c in ITEM_COLUMNS if c not in in_languages("section")]
    shown = "" if active_language() == SOURCE_LANGUAGE else f"_{active_language()}"
    sections: dict[str, tuple[str, list[list[Any]]]] = {}
    for report in data["reports"]:
        for section in report["sections"]:
            title = section.get("title" + shown, section["title"])
            sections.setdefault(
                f"{section['number']}. {section['title']}", (f"{section['number']}. {title}", [])
            )
    for row in item_rows(data):
        sections[row["section"]][1].append([row[c] for c in columns])
    return [(title, columns, rows) for title, rows in sections.values()]


def _activity_table(data: dict[str, Any]) -> Table:
    rows = (
        [report["country"]["code"], report["cycle"]["code"], *_activity_cells(a)]
        for report in data["reports"]
        for a in report["activities"]
    )
    return _("Activities"), ["country_code", "cycle", *ACTIVITY_COLUMNS], rows


def _breakdown_cell(value: dict[str, Any]) -> str:
    """ "counselling: 541; referred: 105 (partial)", then any old text kept as typed."""
    cell = "; ".join(
        f"{p['label']}: {Decimal(p['amount']).normalize():f}" for p in value["breakdown"]
    )
    if cell and value["breakdown_partial"]:
        cell += " " + _("(partial)")
    return "; ".join(c for c in (cell, value["breakdown_text"]) if c)


def _against_targets(value: dict[str, Any]) -> list[Any]:
    """Baseline, target, share and status of an indicator value, as numbers and labels."""
    baseline, target = value["baseline"] or {}, value["target"] or {}
    return [
        Decimal(baseline["value"]) if baseline else None,
        baseline.get("year"),
        Decimal(target["value"]) if target else None,
        target.get("year"),
        value["share_percent"],
        *(value[c] for c in in_languages("status_label")),
    ]


def _indicator_table(data: dict[str, Any]) -> Table:
    header = [
        "country_code",
        "cycle",
        *in_languages("indicator"),
        *in_languages("unit"),
        "work_area",
        "value",
        "breakdown",
        "source",
        "baseline",
        "baseline_year",
        "target",
        "target_year",
        "share_percent",
        *in_languages("status"),
        "evidence",
        *in_languages("contributed_by"),
    ]
    rows = (
        [
            report["country"]["code"],
            report["cycle"]["code"],
            *(v[c] for c in in_languages("indicator")),
            *(v[c] for c in in_languages("unit")),
            v["work_area"],
            Decimal(v["value"]),
            _breakdown_cell(v),
            v["source"],
            *_against_targets(v),
            "; ".join(v["evidence"]),
            *(v[c] or "" for c in in_languages("contributed_by")),
        ]
        for report in data["reports"]
        for v in report["indicator_values"]
    )
    return _("Indicators"), header, rows


def to_xlsx(data: dict[str, Any]) -> bytes:
    """One sheet per section (items of every report), then Activities and Indicators."""
    return xlsx_bytes([*_section_tables(data), _activity_table(data), _indicator_table(data)])


RENDERERS = {"json": to_json, "csv": to_csv, "xlsx": to_xlsx}


def export_reports(*, reports: Iterable[Report], fmt: str) -> bytes:
    """``reports`` in ``fmt`` (one of FORMATS)."""
    return RENDERERS[fmt](export_data(reports))


def export_filename(*, stem: str, fmt: str) -> str:
    return f"{stem}.{fmt}"
