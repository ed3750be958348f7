"""Numbers read as the reader writes them: "1.541,5" in Vietnamese, "1,541.5" in English.

The portal shows 1541.5 the reader's way (``django.utils.formats``, the separators in
``translations.formats``); a number typed back must be read the same way, or a Vietnamese
reader who types "1.541" as the page itself writes it is told it has three decimals. One
parser for every number field (``fields.LocalDecimalField``, ``LocalIntegerField``).

Reading rules, for the language active when the form is cleaned:

- the language's decimal separator ends the whole part; its group separator, or a space
  (any kind, the non-breaking ones word processors put in), separates groups of three
  digits, one kind of separator per number;
- a number whose separators do not fit those rules ("1,54" in English, "1.54" in
  Vietnamese, "15,41") is refused, not guessed: the message shows how the language writes
  it. So is a number with more decimals than the field keeps;
- digits of other scripts ("１２") are the same digits; exponents, NaN and infinity are
  not numbers a person types in a report.

The length checks come before any arithmetic: 4,400 nines cost nothing.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# What a message quotes of a number typed: enough to recognise it.
QUOTE_LENGTH = 24
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_DIGITS_AND_MARKS = re.compile(r"[+-]?[\d.,' ]*\d[\d.,' ]*")


def separators(language: str | None = None) -> tuple[str, str]:
    """(decimal, group) separators of ``language`` (the active one by default)."""
    language = language or get_language()
    return (
        get_format("DECIMAL_SEPARATOR", language),
        get_format("THOUSAND_SEPARATOR", language),
    )


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_LENGTH else text[:QUOTE_LENGTH] + "…"


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def how_to_write(places: int) -> str:
    """ "1,541 or 1,541.5" in English, "1.541 hoặc 1.541,5" in Vietnamese."""
    whole = number_format(Decimal(1541), force_grouping=True)
    if places == 0:
        return _("write it as %(whole)s") % {"whole": whole}
    with_decimals = number_format(Decimal("1541.5"), decimal_pos=1, force_grouping=True)
    return _("write it as %(whole)s, or %(decimal)s with a decimal part") % {
        "whole": whole,
        "decimal": with_decimals,
    }


def _pattern(decimal: str, group: str) -> re.Pattern:
    g, d = re.escape(group), re.escape(decimal)
    # Groups of three after a first group of one to three digits, all with one separator.
    whole = rf"(?:\d{{1,3}}(?:{g}\d{{3}})+|\d{{1,3}}(?: \d{{3}})+|\d+)"
    return re.compile(rf"(?P<sign>[+-]?)(?P<whole>{whole})?(?:{d}(?P<fraction>\d+))?")


def parse_number(
    text: str, *, places: int = 2, max_whole_digits: int = 14, language: str | None = None
) -> Decimal | None:
    """The number ``text`` denotes in ``language`` (None: nothing typed), or a
    ValidationError whose message says how to write it."""
    typed = unicodedata.normalize("NFC", str(text)).strip()
    if not typed:
        return None
    plain = _SPACES.sub(" ", _ascii_digits(typed))
    decimal, group = separators(language)
    params = {"number": _quote(typed), "how": how_to_write(places)}
    match = _pattern(decimal, group).fullmatch(plain)
    if match is None or not (match["whole"] or match["fraction"]):
        if _DIGITS_AND_MARKS.fullmatch(plain):
            raise ValidationError(
                _("“%(number)s” cannot be read for sure: %(how)s."),
                code="number_ambiguous",
                params=params,
            )
        raise ValidationError(
            _("“%(number)s” is not a number: %(how)s."), code="number_invalid", params=params
        )
    whole = re.sub(r"\D", "", match["whole"] or "").lstrip("0")
    fraction = (match["fraction"] or "").rstrip("0")
    if len(whole) > max_whole_digits:
        largest = Decimal("9" * max_whole_digits + ("." + "9" * places if places else ""))
        raise ValidationError(
            _("“%(number)s” is too large; the largest figure is %(largest)s."),
            code="number_too_large",
            params={**params, "largest": number_format(largest, force_grouping=True)},
        )
    if len(fraction) > places:
        message = (
            _("“%(number)s” must be a whole number: %(how)s.")
            if places == 0
            else _("“%(number)s” has more than %(places)d decimal places: %(how)s.")
        )
        raise ValidationError(message, code="number_places", params={**params, "places": places})
    number = Decimal(f"{whole or 0}.{fraction or 0}")
    return -number if match["sign"] == "-" and number else number


def format_number(value: Decimal | int | None, *, places: int = 2) -> str:
    """``value`` the reader's way, grouped, without trailing zero cents: 2434.00 -> "2,434"
    in English, 1541.50 -> "1.541,5" in Vietnamese; None -> ""."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return number_format(value.quantize(Decimal(1)), force_grouping=True)
    return number_format(value.normalize(), force_grouping=True)
