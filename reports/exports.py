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

from django.utils import timezone
from django.utils.translation import gettext as _

from roadmap.models import WorkArea

from .layout import Item, build_layout
from .models import Activity, QuestionKind, Report
from .selectors.activities import report_activities

SCHEMA_VERSION = 1
FORMATS = ("xlsx", "csv", "json")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel's limit on the characters of one cell.
XLSX_CELL_LIMIT = 32_767
ITEM_COLUMNS = [
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
    "priority",
    "next_step",
    "answered",
    "choices",
    "answer",
]


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


# ---------------------------------------------------------------------- the data


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _next_step(step) -> dict[str, Any]:
    return {
        "title": step.title,
        "targets": step.targets,
        "evidence": step.evidence,
        "work_areas": list(step.work_areas or []),
    }


def _item(item: Item) -> dict[str, Any]:
    question = item.question
    answer = item.answer
    value = answer.value if answer is not None and item.values else None
    priority = None
    if item.priority is not None:
        priority = {
            "theme": item.priority.theme.name,
            "number": item.priority.number,
            "text": item.priority.text,
        }
    return {
        "number": item.display_number,
        "question_code": question.code,
        "kind": question.kind,
        "question": item.text,
        "required": question.required,
        "priority": priority,
        "next_step": {"title": item.next_step.title} if item.next_step is not None else None,
        "answered": item.is_answered,
        "value": value,
        "choices": item.labels,
        "text": item.answer_text,
        "next_steps": (
            [_next_step(s) for s in item.rows or []]
            if question.kind == QuestionKind.NEXT_STEPS
            else None
        ),
    }


def report_data(report: Report) -> dict[str, Any]:
    """One report as plain data (the ``reports[]`` entry of the JSON schema)."""
    layout = build_layout(report)
    activities = report_activities(report=report)
    values = report.indicator_values.select_related("indicator").order_by(
        "indicator__order", "indicator__name"
    )
    cycle = report.cycle
    return {
        "country": {"code": report.country.code, "name": report.country.name},
        "cycle": {
            "code": cycle.code,
            "label": cycle.label,
            "starts_on": cycle.starts_on.isoformat(),
            "ends_on": cycle.ends_on.isoformat(),
        },
        "state": report.state,
        "revision": report.revision,
        "submitted_at": _iso(report.submitted_at),
        "accepted_at": _iso(report.accepted_at),
        "sections": [
            {
                "number": section.number,
                "title": section.heading,
                "items": [_item(item) for item in section.items],
            }
            for section in layout.sections
        ],
        "activities": [
            {
                "title": a.title,
                "kind": a.kind,
                "starts_on": a.starts_on.isoformat(),
                "ends_on": _iso(a.ends_on),
                "provinces": list(a.provinces or []),
                "organisers": a.organisers,
                "partners": a.partners,
                "participants": {
                    "women": a.participants_women,
                    "men": a.participants_men,
                    "total": a.participants_total,
                },
                "priorities": [p.label for p in a.priorities.all()],
                "description": a.description,
            }
            for a in activities
        ],
        "indicator_values": [
            {
                "indicator": v.indicator.name,
                "unit": v.indicator.unit,
                "work_area": v.indicator.work_area,
                # A string: a decimal must not turn into a float on the way.
                "value": str(v.value),
                "disaggregation": v.disaggregation,
                "source": v.source,
                "note": v.note,
            }
            for v in values
        ],
    }


def export_data(reports: Iterable[Report]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.now().isoformat(),
        "reports": [report_data(r) for r in reports],
    }


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


def item_rows(data: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """One flat row per item of every report: the CSV rows and XLSX section rows."""
    for report in data["reports"]:
        for section in report["sections"]:
            for item in section["items"]:
                priority = item["priority"]
                yield {
                    "country_code": report["country"]["code"],
                    "country": report["country"]["name"],
                    "cycle": report["cycle"]["code"],
                    "state": report["state"],
                    "revision": report["revision"],
                    "section": f"{section['number']}. {section['title']}",
                    "number": item["number"],
                    "question_code": item["question_code"],
                    "kind": item["kind"],
                    "question": item["question"],
                    "required": "yes" if item["required"] else "no",
                    "priority": (
                        f"{priority['theme']} {priority['number']}. {priority['text']}"
                        if priority
                        else ""
                    ),
                    "next_step": item["next_step"]["title"] if item["next_step"] else "",
                    "answered": "yes" if item["answered"] else "no",
                    "choices": "; ".join(item["choices"]),
                    "answer": _answer_text(item),
                }


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


def _sheet_title(title: str, used: set[str]) -> str:
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


def _write_sheet(sheet, header: list[str], rows: Iterable[list[Any]]) -> None:
    """Write ``rows`` under ``header``; a text longer than a cell continues in the cells
    to its right, under "(continued)" columns added as needed."""
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.utils import get_column_letter

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
    from openpyxl.styles import Font

    return Font(bold=True)


# The Activities sheet: the fields that describe an activity ("women", not
# "participants_women"), with the priorities it serves before its description.
ACTIVITY_COLUMNS = [
    *(f.removeprefix("participants_") for f in Activity.DESCRIBING_FIELDS if f != "description"),
    "priorities",
    "description",
]


def _activity_cells(activity: dict[str, Any]) -> list[Any]:
    """One activity of ``report_data`` as the cells of ``ACTIVITY_COLUMNS``."""
    flat = {
        **activity,
        **activity["participants"],
        "ends_on": activity["ends_on"] or "",
        "provinces": ", ".join(activity["provinces"]),
        "priorities": "; ".join(activity["priorities"]),
    }
    return [flat[column] for column in ACTIVITY_COLUMNS]


def to_xlsx(data: dict[str, Any]) -> bytes:
    """One sheet per section (items of every report), then Activities and Indicators."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    rows = list(item_rows(data))
    columns = [c for c in ITEM_COLUMNS if c != "section"]
    sections: dict[str, list[dict[str, Any]]] = {}
    for report in data["reports"]:
        for section in report["sections"]:
            sections.setdefault(f"{section['number']}. {section['title']}", [])
    for row in rows:
        sections[row["section"]].append(row)
    for title, section_rows in sections.items():
        sheet = workbook.create_sheet(_sheet_title(title, used))
        _write_sheet(sheet, columns, ([row[c] for c in columns] for row in section_rows))

    activities = workbook.create_sheet(_sheet_title(_("Activities"), used))
    _write_sheet(
        activities,
        ["country_code", "cycle", *ACTIVITY_COLUMNS],
        (
            [report["country"]["code"], report["cycle"]["code"], *_activity_cells(a)]
            for report in data["reports"]
            for a in report["activities"]
        ),
    )
    indicators = workbook.create_sheet(_sheet_title(_("Indicators"), used))
    _write_sheet(
        indicators,
        ["country_code", "cycle", "indicator", "unit", "work_area", "value", "breakdown", "source"],
        (
            [
                report["country"]["code"],
                report["cycle"]["code"],
                v["indicator"],
                v["unit"],
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
