"""Spreadsheets of the monitoring pages, written with the report exports' helpers (text
that a spreadsheet would run as a formula is neutralised, long text spills into the next
cells, never truncated)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from roadmap.models import Country
from translations.translatable import other_languages

from .selectors.board import BoardRow


def country_header() -> list[str]:
    """A country as the sheets give it: its ISO code (stable), its English name, then its
    name in each other language under "Country (vi)" (see docs/export-schema.md)."""
    country = _("Country")
    return [
        capfirst(_("ISO code")),
        country,
        *(f"{country} ({code})" for code in other_languages()),
    ]


def country_cells(country: Country) -> list[str]:
    return [
        country.code,
        country.name,
        *(country.tr("name", code) for code in other_languages()),
    ]


def _local_seconds(moment: dt.datetime | None) -> dt.datetime | None:
    """A moment in local time to the second: the CSV writes a datetime as str() does, which
    adds microseconds only when there are some, so one row read "10:00:00" and the next
    "10:00:00.123456"; spreadsheets take a naive datetime."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def board_table(rows: list[BoardRow]) -> tuple[list[str], list[list[Any]]]:
    """The board as the page shows it, one row per country."""
    header = [
        *country_header(),
        _("Region"),
        _("State"),
        _("Completeness (%)"),
        _("Required answered"),
        _("Required questions"),
        _("Deadline"),
        _("Days left"),
        _("Days late"),
        _("First submitted"),
        _("Open comments"),
        _("Last change"),
    ]
    body = [
        [
            *country_cells(row.country),
            str(row.country.get_region_display()),
            row.status_label,
            row.percent_complete if row.report else None,
            row.required_answered if row.report else None,
            row.required_total if row.report else None,
            row.deadline,
            row.days_left,
            row.days_late,
            row.first_submitted_on,
            row.open_threads,
            _local_seconds(row.last_change),
        ]
        for row in rows
    ]
    return header, body
