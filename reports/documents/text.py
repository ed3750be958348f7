"""Typed text and labels as they are printed: HTML that keeps a text's shape, quoted CSS
strings, numbers in the reader's format, labels cut at a word."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BULLET = re.compile(r"^\s*[-•‣◦*]\s+")
BLANK_LINE = re.compile(r"\n[ \t]*\n")


def text_to_html(text: str) -> SafeString:
    """Typed text as HTML that keeps its shape: blank-line-separated blocks become
    paragraphs, lines starting with "-" or "•" become list items, other line breaks
    stay line breaks. Everything typed is escaped first, so markup shows literally."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    parts: list[str] = []
    for block in BLANK_LINE.split(text) if text else []:
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        # Runs of consecutive lines of one kind: (is_bullet, [escaped lines]).
        runs: list[tuple[bool, list[str]]] = []
        for line in lines:
            is_bullet = bool(BULLET.match(line))
            shown = escape(BULLET.sub("", line, count=1) if is_bullet else line.strip())
            if runs and runs[-1][0] == is_bullet:
                runs[-1][1].append(shown)
            else:
                runs.append((is_bullet, [shown]))
        for is_bullet, shown_lines in runs:
            if is_bullet:
                parts.append("<ul>" + "".join(f"<li>{x}</li>" for x in shown_lines) + "</ul>")
            else:
                parts.append("<p>" + "<br>".join(shown_lines) + "</p>")
    # Safe: every piece of typed text went through escape() above.
    return mark_safe("".join(parts))


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string, safe inside a <style> element."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\A ")
        .replace("<", "\\3C ")
        .replace(">", "\\3E ")
    )
    return f'"{escaped}"'


def css_page_counter(template: str) -> str:
    """A translated "Page %(page)s of %(pages)s" as CSS ``content``: the translation
    decides the word order, CSS counters fill in the numbers."""
    pieces = []
    for piece in re.split(r"(%\(pages?\)s)", template):
        if piece == "%(page)s":
            pieces.append("counter(page)")
        elif piece == "%(pages)s":
            pieces.append("counter(pages)")
        elif piece:
            pieces.append(css_string(piece))
    return " ".join(pieces)


def format_number(value: Decimal | int | None) -> str:
    if value is None:
        return "–"
    places = 0 if Decimal(value) == Decimal(value).to_integral_value() else 2
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.–-") + "…"
