"""Spreadsheets of the monitoring pages, written with the report exports' helpers (text
that a spreadsheet would run as a formula is neutralised, long text spills into the next
cells, never truncated)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from roadmap.models import Country
from roadmap.progress import Status
from translations.translatable import SOURCE_LANGUAGE, other_languages

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


def _in_languages(heading: str) -> list[str]:
    return [heading, *(f"{heading} ({code})" for code in other_languages())]


def progress_header() -> list[str]:
    """An indicator against its baseline and target, as the synthesis sheet gives it: names
    and the status in every language (as the country), figures as numbers."""
    return [
        *_in_languages(_("Indicator")),
        *_in_languages(_("Unit")),
        _("Baseline"),
        _("Baseline year"),
        *_in_languages(_("Baseline source")),
        _("Target"),
        _("Target year"),
        _("Value"),
        _("Share of the way (%)"),
        *_in_languages(_("Status")),
    ]


def status_in_languages(status: str) -> list[str]:
    labels = []
    for code in [SOURCE_LANGUAGE, *other_languages()]:
        with translation.override(code):
            labels.append(str(Status(status).label))
    return labels


def progress_cells(line) -> list[Any]:
    """``line``: a ``selectors.synthesis.IndicatorLine``."""
    languages = [SOURCE_LANGUAGE, *other_languages()]
    baseline, target = line.figures.baseline, line.progress.target
    return [
        *(line.indicator.tr("name", code) for code in languages),
        *(line.indicator.tr("unit", code) for code in languages),
        baseline.value if baseline else None,
        baseline.year if baseline else None,
        *((baseline.tr("source", code) if baseline else "") for code in languages),
        target.value if target else None,
        target.year if target else None,
        line.latest.value if line.latest else None,
        line.progress.percent,
        *status_in_languages(line.progress.status),
    ]
