"""Reports as data for analysts: JSON (schema in docs/export-schema.md), CSV and XLSX.

Everything goes through ``export_data``, one plain structure built from
``build_layout``, so the three formats number and word items exactly as the PDF does.

Spreadsheet safety: a cell whose text starts with =, +, -, @, a tab or a carriage
return would be run as a formula by Excel or LibreOffice ("CSV injection"). Such text is
written with a leading apostrophe in CSV and XLSX, and XLSX cells are written as
strings in any case. JSON carries the text unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from roadmap.models import WorkArea
from translations.translatable import SOURCE_LANGUAGE, active_language, other_languages

from .export_data import export_data
from .models import Activity, Report

FORMATS = ("xlsx", "csv", "json")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel's limit on the characters of one cell.
XLSX_CELL_LIMIT = 32_767
# Text that comes from the portal's data (country, section, question, priority, choices,
# indicator and unit) is given in every language: the plain column in English, the
# source, and beside it one ``<column>_<language>`` column per other language
# ("priority_vi"). Text the country typed is given once, as typed. Codes stay stable.
TRANSLATED_COLUMNS = ("country", "section", "question", "priority", "choices")


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
        "answer",
    ]
)


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


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
                    "answer": _answer_text(item),
                }
                for suffix in suffixes:
                    row |= {
                        f"country{suffix}": report["country"][f"name{suffix}"],
                        f"section{suffix}": f"{section['number']}. {section['title' + suffix]}",
                        f"question{suffix}": item[f"question{suffix}"],
                        f"priority{suffix}": _priority_text(priority, suffix) if priority else "",
                        f"choices{suffix}": "; ".join(item[f"choices{suffix}"]),
                    }
                yield {column: row[column] for column in ITEM_COLUMNS}


def to_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def to_csv(data: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ITEM_COLUMNS)
    writer.writeheader()
    for row in item_rows(data):
        writer.writerow({key: neutralise(value) for key, value in row.items()})
    # A byte-order mark, so Excel opens the UTF-8 (Vietnamese) text as UTF-8.
    return ("\ufeff" + out.getvalue()).encode()


def split_cell(text: str) -> list[str]:
    """``text`` in pieces that each fit one spreadsheet cell (never truncated)."""
    if len(text) <= XLSX_CELL_LIMIT:
        return [text]
    return [text[i : i + XLSX_CELL_LIMIT] for i in range(0, len(text), XLSX_CELL_LIMIT)]


def sheet_title(title: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    clean = re.sub(r"[\[\]:*?/\\]", " ", title).strip()
    if len(clean) > 31:
        clean = clean[:31].rsplit(" ", 1)[0] if " " in clean[:31] else clean[:31]
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def write_sheet(sheet, header: list[str], rows: Iterable[list[Any]]) -> None:
    """Write ``rows`` under ``header``; a text longer than a cell continues in the cells
    to its right, under "(continued)" columns added as needed."""

    extra = 0
    width = len(header)
    for r, row in enumerate(rows, start=2):
        cells: list[Any] = []
        spill: list[str] = []
        for value in row:
            value = neutralise(value)
            if isinstance(value, str):
                pieces = split_cell(value)
                cells.append(pieces[0])
                spill.extend(pieces[1:])
            else:
                cells.append(value)
        for c, value in enumerate([*cells, *spill], start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                # Stored as text whatever it starts with: never as a formula.
                cell.data_type = TYPE_STRING
        extra = max(extra, len(spill))
    full = header + [_("(continued)")] * extra
    for c, title in enumerate(full, start=1):
        sheet.cell(row=1, column=c, value=title).font = _bold()
    sheet.freeze_panes = "A2"
    for c in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 18


def _bold():

    return Font(bold=True)


# The Activities sheet: the fields that describe an activity ("women", not
# "participants_women"), with the priorities it serves before its description.
ACTIVITY_COLUMNS = [
    *(f.removeprefix("participants_") for f in Activity.DESCRIBING_FIELDS if f != "description"),
    "priority_keys",
    *in_languages("priorities"),
    "description",
]


def _activity_cells(activity: dict[str, Any]) -> list[Any]:
    """One activity of ``report_data`` as the cells of ``ACTIVITY_COLUMNS``."""
    flat = {
        **activity,
        **activity["participants"],
        "ends_on": activity["ends_on"] or "",
        "provinces": ", ".join(activity["provinces"]),
        "priority_keys": "; ".join(activity["priority_keys"]),
        **{c: "; ".join(activity[c]) for c in in_languages("priorities")},
    }
    return [flat[column] for column in ACTIVITY_COLUMNS]


def to_xlsx(data: dict[str, Any]) -> bytes:
    """One sheet per section (items of every report), then Activities and Indicators."""

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    rows = list(item_rows(data))
    columns = [c for c in ITEM_COLUMNS if c not in in_languages("section")]
    # Sheets named in the reader's language; rows grouped by the English section.
    shown = "" if active_language() == SOURCE_LANGUAGE else f"_{active_language()}"
    sections: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for report in data["reports"]:
        for section in report["sections"]:
            title = section.get("title" + shown, section["title"])
            sections.setdefault(
                f"{section['number']}. {section['title']}", (f"{section['number']}. {title}", [])
            )
    for row in rows:
        sections[row["section"]][1].append(row)
    for title, section_rows in sections.values():
        sheet = workbook.create_sheet(sheet_title(title, used))
        write_sheet(sheet, columns, ([row[c] for c in columns] for row in section_rows))

    activities = workbook.create_sheet(sheet_title(_("Activities"), used))
    write_sheet(
        activities,
        ["country_code", "cycle", *ACTIVITY_COLUMNS],
        (
            [report["country"]["code"], report["cycle"]["code"], *_activity_cells(a)]
            for report in data["reports"]
            for a in report["activities"]
        ),
    )
    indicators = workbook.create_sheet(sheet_title(_("Indicators"), used))
    write_sheet(
        indicators,
        [
            "country_code",
            "cycle",
            *in_languages("indicator"),
            *in_languages("unit"),
            "work_area",
            "value",
            "breakdown",
            "source",
        ],
        (
            [
                report["country"]["code"],
                report["cycle"]["code"],
                *(v[c] for c in in_languages("indicator")),
                *(v[c] for c in in_languages("unit")),
                v["work_area"],
                Decimal(v["value"]),
                "; ".join(f"{k}: {n}" for k, n in v["disaggregation"].items()),
                v["source"],
            ]
            for report in data["reports"]
            for v in report["indicator_values"]
        ),
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


RENDERERS = {"json": to_json, "csv": to_csv, "xlsx": to_xlsx}


def export_reports(*, reports: Iterable[Report], fmt: str) -> bytes:
    """``reports`` in ``fmt`` (one of FORMATS)."""
    return RENDERERS[fmt](export_data(reports))


def export_filename(*, stem: str, fmt: str) -> str:
    return f"{stem}.{fmt}"
