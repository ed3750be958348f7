"""The search's hits as a table for the portal's spreadsheet writer
(``reports.spreadsheets``: formulas neutralised, long text continued): country, cycle,
where the words were found, the snippet as plain text and the absolute link. Column
headers in the reader's language."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .selectors import Hit, HitKind


def sheet_name() -> str:
    return _("Search results")


def plain(snippet: str) -> str:
    """A snippet's HTML (escaped text and ``<mark>``) as the text it shows."""
    return html.unescape(strip_tags(str(snippet)))


def hit_table(
    hits: Iterable[Hit], *, absolute: Callable[[str], str]
) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Country"),
        _("Cycle"),
        _("Found in"),
        _("Question or activity"),
        _("Snippet"),
        _("Link"),
    ]
    body = [
        [
            hit.country_name,
            hit.cycle_label,
            kind_label(hit.kind),
            hit.title,
            plain(hit.snippet),
            absolute(hit.url),
        ]
        for hit in hits
    ]
    return header, body


def kind_label(kind: str) -> str:
    """Where the words were found, in the reader's language."""
    return str(HitKind(kind).label) if kind in HitKind.values else kind
