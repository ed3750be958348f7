"""An indicator value's break-down, typed as "label: number" lines and stored as JSON.

Each number is held to the precision of the value column it breaks down
(``IndicatorValue.value``: 14 digits before the point, 2 after), checked on the text before
any arithmetic, so 4,400 nines cost nothing and never reach ``int``/``float`` (a float
overflows to infinity, which JSON cannot hold; a 4,400-digit int cannot even be printed).
Whole numbers are stored as JSON integers, others as JSON numbers (doubles) only when the
double is exactly the number typed.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import IndicatorValue

_COLUMN = IndicatorValue._meta.get_field("value")
MAX_PLACES: int = _COLUMN.decimal_places
MAX_WHOLE_DIGITS: int = _COLUMN.max_digits - _COLUMN.decimal_places
# What a message quotes of a number typed: enough to recognise it, not 4,400 digits.
QUOTE_LENGTH = 24

_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def format_breakdown(parts: dict) -> str:
    return "\n".join(f"{label}: {number}" for label, number in parts.items())


def _quote(number: str) -> str:
    return number if len(number) <= QUOTE_LENGTH else number[:QUOTE_LENGTH] + "…"


def _ascii_digits(number: str) -> str:
    # \d also matches other scripts' digits (١٢٣, １２): they are the same numbers.
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in number)


def _amount(number: str, line_no: int) -> int | float:
    """The JSON-safe value of a number that matched ``_NUMBER``, or a ValidationError."""
    plain = _ascii_digits(number).replace(",", "")
    whole, _point, fraction = plain.partition(".")
    whole, fraction = whole.lstrip("0"), fraction.rstrip("0")
    params = {"line": line_no, "number": _quote(number)}
    if len(whole) > MAX_WHOLE_DIGITS:
        largest = Decimal("9" * MAX_WHOLE_DIGITS + "." + "9" * MAX_PLACES)
        raise ValidationError(
            _('Line %(line)d: "%(number)s" is too large; the largest figure is %(largest)s.'),
            code="breakdown_too_large",
            params={**params, "largest": number_format(largest, force_grouping=True)},
        )
    if len(fraction) > MAX_PLACES:
        raise ValidationError(
            _('Line %(line)d: "%(number)s" has more than %(places)d decimal places.'),
            code="breakdown_places",
            params={**params, "places": MAX_PLACES},
        )
    amount = Decimal(f"{whole or 0}.{fraction or 0}")
    if not fraction:
        return int(amount)
    share = float(amount)
    if Decimal(repr(share)) != amount:
        # From about 70 trillion on, a double cannot hold every cent.
        raise ValidationError(
            _('Line %(line)d: "%(number)s" cannot be kept exactly; round it to a whole number.'),
            code="breakdown_inexact",
            params=params,
        )
    return share


def parse_breakdown(text: str) -> dict[str, int | float]:
    """ "counselling: 541\\nreferred: 1,050" -> {"counselling": 541, "referred": 1050}."""
    parts: dict[str, int | float] = {}
    for line_no, line in enumerate(unicodedata.normalize("NFC", text).splitlines(), start=1):
        if not line.strip():
            continue
        label, colon, number = line.rpartition(":")
        label, number = " ".join(label.split()), number.strip().replace(" ", "")
        if not colon or not label:
            raise ValidationError(
                _('Line %(line)d: write "label: number", e.g. "counselling: 541".'),
                code="breakdown_format",
                params={"line": line_no},
            )
        if not _NUMBER.fullmatch(number):
            raise ValidationError(
                _('Line %(line)d: "%(number)s" is not a number of 0 or more.'),
                code="breakdown_number",
                params={"line": line_no, "number": _quote(number)},
            )
        if label.casefold() in {k.casefold() for k in parts}:
            raise ValidationError(
                _('Line %(line)d: "%(label)s" is listed twice.'),
                code="breakdown_duplicate",
                params={"line": line_no, "label": label},
            )
        parts[label] = _amount(number, line_no)
    return parts
