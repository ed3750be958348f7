"""The dates an activity may carry, whatever its report.

A date far outside any period is a typing slip (0001-01-01, 9999-12-31, 20222 for 2022)
that would throw off every total by year and every sort: the database refuses dates
outside ``EARLIEST``..``LATEST`` from any path. Whether a date lies in the report's own
period is the framework's validation rule (``reports.validation``): a warning by default,
since an activity may have started before the period and carried on into it, and the
country explains it before submitting.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# What the database accepts from any path (the check constraints on Activity).
EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)


def date_errors(*, starts_on: dt.date | None, ends_on: dt.date | None) -> dict:
    """``{field: ValidationError}`` for each date the database would refuse (empty: fine):
    the form says it at the field, the save service for every other caller, so no path
    reaches the constraint with it."""
    errors = {}
    for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
        if day is not None and not EARLIEST <= day <= LATEST:
            errors[name] = ValidationError(
                _("Enter a date from %(earliest)s to %(latest)s."),
                code="date_out_of_range",
                params={
                    "earliest": date_format(EARLIEST, "DATE_FORMAT"),
                    "latest": date_format(LATEST, "DATE_FORMAT"),
                },
            )
    return errors
