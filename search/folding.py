"""Folding text for search: lower case, no diacritics, đ/Đ as d, one character for one.

``fold`` keeps the length of the text character for character, so a position found in
the folded text is the same position in the original: snippets and marks are cut from
what the person typed, diacritics kept (``mark``). The index stores the folded text
(``index_form``) and the query is folded the same way, so "dang ky khai sinh" finds
"Đăng ký khai sinh" and the other way round, on both databases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Letters whose diacritic is not a combining mark in Unicode (NFD leaves them whole).
_EXTRA = {"đ": "d", "Đ": "d", "ð": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ħ": "h"}

# A word of the index and of the query: letters and digits of any script (no "_").
WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _EXTRA:
        return _EXTRA[char]
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    lowered = base.lower()
    # One character in, one out: a letter whose lower case or decomposition is longer
    # ("İ") keeps its first character, so positions still map one to one.
    if len(lowered) == 1:
        return lowered
    if lowered:
        return lowered[0]
    return char  # a lone combining mark stays itself (``normalize`` composes most)


def normalize(text: str) -> str:
    """The form texts are indexed and marked in: composed (NFC), so "ă" typed as "a" and a
    combining breve is one character; lone surrogates and NUL dropped."""
    text = text.encode("utf-8", "ignore").decode("utf-8") if _has_surrogate(text) else text
    return unicodedata.normalize("NFC", text.replace("\x00", ""))


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def fold(text: str) -> str:
    """Lower case without diacritics, ``len(fold(t)) == len(t)`` (see the module)."""
    return "".join(_fold_char(c) for c in text)


def index_form(text: str) -> str:
    """What the index holds: the folded words separated by single spaces. Both databases
    then split it the same way (PostgreSQL's 'simple' parser, SQLite's unicode61)."""
    return " ".join(WORD.findall(fold(normalize(text))))


def _spans(folded: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where the terms (folded words or phrases) occur as whole words, merged."""
    found: list[tuple[int, int]] = []
    for term in terms:
        words = WORD.findall(term)
        if not words:
            continue
        # A phrase matches its words with anything but letters between them.
        pattern = r"(?<![^\W_])" + r"[\W_]+".join(re.escape(w) for w in words) + r"(?![^\W_])"
        found.extend(m.span() for m in re.finditer(pattern, folded))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        # Overlapping, or only spaces apart: one mark ("<mark>Hotline 111</mark>").
        if merged and (start <= merged[-1][1] or folded[merged[-1][1] : start].isspace()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out, at = [], offset
    for start, end in spans:
        out.append(escape(text[at:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def mark(text: str, terms: Iterable[str]) -> SafeString:
    """``text`` escaped, every whole-word occurrence of a term (folded) in ``<mark>``."""
    text = normalize(text)
    return mark_safe(_marked(text, _spans(fold(text), terms)))


def snippet(text: str, terms: Iterable[str], *, width: int = 200) -> SafeString:
    """About ``width`` characters of ``text`` around its first match, escaped, matches
    in ``<mark>``, "…" where it was cut (cut at spaces, never inside a word)."""
    text = normalize(text)
    spans = _spans(fold(text), terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", max(first, start), end)
        end = space if space > first else end
    inside = [(max(s, start), min(e, end)) for s, e in spans if s < end and e > start]
    body = _marked(text[:end], inside, start)
    return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))
