"""Filters of the public templates: a snapshot's text in the page's language, its
numbers and dates written the reader's way."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

from monitoring.charts import fmt

from ..selectors import number, text_in

register = template.Library()


@register.filter
def tr(data: Any, key: str) -> Any:
    """``{{ item|tr:"question" }}``: ``question_vi`` on a Vietnamese page, if given."""
    return text_in(data, key, language=get_language() or "en")


@register.filter
def figure(value: Any) -> str:
    """A snapshot number ("1234.50") as the reader writes it ("1.234,5" in Vietnamese)."""
    if isinstance(value, int):
        return fmt(value)
    return fmt(number(value))


@register.filter
def iso_date(value: str | None) -> str:
    """An ISO date of a snapshot ("2022-05-01") in the page's language's date format."""
    if not value:
        return "—"
    return date_format(dt.date.fromisoformat(value[:10]), "DATE_FORMAT")
