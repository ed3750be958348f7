"""The dates an activity may carry.

A report tells what was done in its cycle's period; a data manager still expects an
activity that started the year before (and carried on into the period) or one reported
as held shortly after it, so the range is the period give or take a year. A date
outside it is a typing slip (0001-01-01, 9999-12-31, 20222 for 2022) that would throw off
every total by year and every sort. The form says so at the field, in the reader's date
format; the save service checks again whatever called it, and the database refuses dates
outside ``EARLIEST``..``LATEST`` from any path (it cannot see the cycle).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# What the database accepts from any path (the check constraints on Activity).
EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def allowed_range(cycle) -> tuple[dt.date, dt.date]:
    """The first and last date an activity of a report of ``cycle`` may carry."""
    return max(EARLIEST, _shift(cycle.starts_on, -1)), min(LATEST, _shift(cycle.ends_on, 1))


def date_errors(cycle, *, starts_on: dt.date | None, ends_on: dt.date | None) -> dict:
    """``{field: ValidationError}`` for each date outside the allowed range (empty: fine)."""
    earliest, latest = allowed_range(cycle)
    errors = {}
    for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
        if day is not None and not earliest <= day <= latest:
            errors[name] = ValidationError(
                _(
                    "Enter a date from %(earliest)s to %(latest)s (the report's period, "
                    "give or take a year)."
                ),
                code="date_out_of_range",
                params={
                    "earliest": date_format(earliest, "DATE_FORMAT"),
                    "latest": date_format(latest, "DATE_FORMAT"),
                },
            )
    return errors
