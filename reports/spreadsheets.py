"""Spreadsheets as every export of the portal writes them (a report's or a cycle's data,
the board, the synthesis): CSV with a byte-order mark, XLSX with one sheet per table.

Safety: a cell whose text starts with =, +, -, @, a tab or a carriage return would be run
as a formula by Excel or LibreOffice ("CSV injection"): such text gets a leading
apostrophe, and XLSX cells are written as strings in any case. A text longer than an XLSX
cell continues in the cells to its right, never cut.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel's limit on the characters of one cell.
XLSX_CELL_LIMIT = 32_767

# A sheet: its title, its header, its rows.
Table = tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


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


def write_sheet(sheet, header: list[str], rows: Iterable[Sequence[Any]]) -> None:
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


def _bold() -> Font:
    return Font(bold=True)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One table as CSV; None is an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise("" if value is None else value) for value in row])
    # A byte-order mark, so Excel opens the UTF-8 (Vietnamese) text as UTF-8.
    return ("\ufeff" + out.getvalue()).encode()


def xlsx_bytes(tables: Iterable[Table]) -> bytes:
    """A workbook of one sheet per table, titles made valid and unique."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, header, rows in tables:
        write_sheet(workbook.create_sheet(sheet_title(title, used)), list(header), rows)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
