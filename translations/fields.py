"""Form fields for numbers as the reader writes them (``translations.numbers``).

A text input, not ``type="number"``: a number input takes only the browser's own
notation, so a Vietnamese reader could not type "1.541" there, and it drops what it cannot
read without telling the server. ``inputmode`` still brings up the digits keyboard.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from .numbers import format_number, parse_number


class LocalNumberInput(forms.TextInput):
    def __init__(self, *, places: int, attrs: dict | None = None) -> None:
        self.places = places
        mode = "numeric" if places == 0 else "decimal"
        super().__init__(attrs={"inputmode": mode, "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        # Bound data comes back as typed (a string); an initial value is shown formatted.
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return format_number(value, places=self.places)
        return super().format_value(value)


class LocalDecimalField(forms.DecimalField):
    """A decimal typed the reader's way; ``max_digits``/``decimal_places`` as the column's."""

    def __init__(self, *, max_digits: int = 16, decimal_places: int = 2, **kwargs: Any) -> None:
        kwargs.setdefault("widget", LocalNumberInput(places=decimal_places))
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def widget_attrs(self, widget):
        # No min/max/step: those belong to number inputs (a browser would check "1.541"
        # against them its own way).
        return {}

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        return parse_number(
            str(value),
            places=self.decimal_places,
            max_whole_digits=self.max_digits - self.decimal_places,
        )


class LocalIntegerField(forms.IntegerField):
    """A whole number typed the reader's way ("2.000.000" in Vietnamese)."""

    MAX_WHOLE_DIGITS = 12

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", LocalNumberInput(places=0))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {}

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        number = parse_number(str(value), places=0, max_whole_digits=self.MAX_WHOLE_DIGITS)
        return None if number is None else int(number)
