"""Marks of a search in the reading view: ``{% search_terms q as terms %}`` reads the
query once (no database), ``{{ text|search_marked:terms|linebreaks }}`` wraps the words
found in ``<mark>``. Without terms a text passes unchanged, so ``linebreaks`` escapes it as
before; with terms ``folding.mark`` escapes it and returns safe HTML, which ``linebreaks``
keeps. Loaded by the template only: ``reports`` imports nothing of ``search``."""

from __future__ import annotations

from django import template

from ..folding import mark
from ..query import parse

register = template.Library()


@register.simple_tag
def search_terms(query: str | None) -> tuple[str, ...]:
    return parse(query).terms if query else ()


@register.filter
def search_marked(text, terms: tuple[str, ...]):
    if not terms or not text:
        return text
    return mark(str(text), terms)
