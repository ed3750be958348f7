"""Numbers read as the reader writes them (translations.numbers): the same text means the
number each language's reader means, and a text that could mean two numbers is refused
with a message that shows how that language writes it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from translations.fields import LocalDecimalField, LocalIntegerField
from translations.numbers import format_number, parse_number

NBSP, NARROW_NBSP = "\u00a0", "\u202f"

READ = [
    # (language, typed, number)
    ("en", "1541", Decimal(1541)),
    ("en", "1,541", Decimal(1541)),
    ("en", "1,541.5", Decimal("1541.5")),
    ("en", "1,234,567.25", Decimal("1234567.25")),
    ("en", "1 541", Decimal(1541)),
    ("en", f"1{NBSP}541.5", Decimal("1541.5")),
    ("en", f"12{NARROW_NBSP}345", Decimal(12345)),
    ("en", "0.5", Decimal("0.5")),
    ("en", ".5", Decimal("0.5")),
    ("en", "  2434  ", Decimal(2434)),
    ("en", "１２", Decimal(12)),
    ("en", "-3", Decimal(-3)),
    ("vi", "1541", Decimal(1541)),
    ("vi", "1.541", Decimal(1541)),
    ("vi", "1.541,5", Decimal("1541.5")),
    ("vi", "1.234.567,25", Decimal("1234567.25")),
    ("vi", "1 541", Decimal(1541)),
    ("vi", f"1{NBSP}541,5", Decimal("1541.5")),
    ("vi", "0,5", Decimal("0.5")),
    ("vi", "1,54", Decimal("1.54")),
]


@pytest.mark.parametrize(("language", "typed", "number"), READ)
def test_a_number_is_read_as_the_language_writes_it(language, typed, number):
    assert parse_number(typed, language=language) == number


def test_nothing_typed_is_no_number():
    assert parse_number("", language="vi") is None
    assert parse_number(f" {NBSP} ", language="en") is None


HOW = {
    "en": "write it as 1,541, or 1,541.5 with a decimal part",
    "vi": "hãy viết 1.541, hoặc 1.541,5 nếu có phần thập phân",
}

REFUSED = [
    # (language, typed, code): a text one language's reader could mean two ways
    ("en", "1,54", "number_ambiguous"),
    ("en", "15,41", "number_ambiguous"),
    ("en", "1,5410", "number_ambiguous"),
    ("en", "1,541,5", "number_ambiguous"),
    ("en", "1.541,5", "number_ambiguous"),
    ("en", "1,541 000", "number_ambiguous"),
    ("en", "1.541", "number_places"),
    ("en", "2.125", "number_places"),
    ("vi", "1.54", "number_ambiguous"),
    ("vi", "15.41", "number_ambiguous"),
    ("vi", "1,541.5", "number_ambiguous"),
    ("vi", "0.5", "number_ambiguous"),
    ("vi", "1.541.5", "number_ambiguous"),
    ("vi", "1,541", "number_places"),
    ("en", "1E5", "number_invalid"),
    ("vi", "NaN", "number_invalid"),
    ("en", "twelve", "number_invalid"),
    ("en", "9" * 4400, "number_too_large"),
    ("vi", "100.000.000.000.000", "number_too_large"),
]


@pytest.mark.parametrize(("language", "typed", "code"), REFUSED)
def test_a_number_that_cannot_be_read_for_sure_is_refused(language, typed, code):
    with translation.override(language), pytest.raises(ValidationError) as caught:
        parse_number(typed)
    assert caught.value.code == code
    if code != "number_too_large":
        assert HOW[language] in caught.value.messages[0]
    assert len(caught.value.messages[0]) < 200  # 4,400 nines are quoted short


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        (
            "en",
            "1,54",
            "“1,54” cannot be read for sure: write it as 1,541, or 1,541.5 with a decimal part.",
        ),
        (
            "en",
            "1.541",
            "“1.541” has more than 2 decimal places: write it as 1,541, or 1,541.5 with a "
            "decimal part.",
        ),
        (
            "vi",
            "1.54",
            "Không đọc chắc chắn được “1.54”: hãy viết 1.541, hoặc 1.541,5 nếu có phần thập phân.",
        ),
        (
            "vi",
            "1,541",
            "“1,541” có quá 2 chữ số thập phân: hãy viết 1.541, hoặc 1.541,5 nếu có phần "
            "thập phân.",
        ),
    ],
)
def test_the_message_shows_how_the_readers_language_writes_it(language, typed, message):
    with translation.override(language), pytest.raises(ValidationError) as caught:
        parse_number(typed)
    assert caught.value.messages == [message]


def test_a_whole_number_field_says_so():
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        LocalIntegerField().clean("12,5")
    assert caught.value.code == "number_places"
    assert "1.541" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("language", "typed", "number"),
    [("vi", "2.000.000", 2_000_000), ("en", "2,000,000", 2_000_000), ("vi", "", None)],
)
def test_a_whole_number_field_reads_grouped_digits(language, typed, number):
    with translation.override(language):
        assert LocalIntegerField(required=False).clean(typed) == number


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("en", Decimal("2434.00"), "2,434"),
        ("en", Decimal("1541.50"), "1,541.5"),
        ("vi", Decimal("2434.00"), "2.434"),
        ("vi", Decimal("1541.50"), "1.541,5"),
        ("vi", Decimal("0.25"), "0,25"),
        ("en", None, ""),
    ],
)
def test_a_number_is_shown_back_the_readers_way(language, value, shown):
    with translation.override(language):
        assert format_number(value) == shown
        rendered = LocalDecimalField(required=False).widget.render("n", value)
    assert f'value="{shown}"' in rendered or (not shown and "value=" not in rendered)
    assert 'type="text"' in rendered and 'inputmode="decimal"' in rendered


@pytest.mark.parametrize("language", ["en", "vi"])
def test_what_is_shown_reads_back_as_the_same_number(language):
    for value in [Decimal("0.05"), Decimal("1541.5"), Decimal("99999999999999.99"), Decimal(7)]:
        with translation.override(language):
            assert parse_number(format_number(value)) == value
