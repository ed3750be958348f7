"""Administrative areas: how a typed name is matched to a listed area, and how an area
list (CSV) is read.

Pure functions, no query: the load service, the report side's matching of typed names,
the data migration and the filter box's script (static/js/area_filter.js, which folds the
same way) agree on what "the same name" is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

# The lists shipped with the code, one CSV per country (see README, "Administrative areas").
SHIPPED_LISTS = Path(__file__).resolve().parent / "data" / "areas"
COLUMNS = ("country", "code", "name_en", "name_vi", "aliases", "order")
# Optional: the first and last day an area is valid (ISO dates; empty: no bound).
OPTIONAL_COLUMNS = ("valid_from", "valid_until")
# ISO 3166-2 subdivision codes: "VN-HN", "VN-44", "CL-RM"; a country-made code alike.
CODE_PATTERN = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"
MAX_NAME_LENGTH = 100


def fold(text: str) -> str:
    """The key two spellings of one name share: "Hà Nội", "Ha Noi", "HANOI" and
    "ha-noi" all fold to "hanoi". Case, marks (đ/Đ included: it is a letter of its own,
    not d with a mark, so NFD leaves it), spaces and punctuation are dropped."""
    bare = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    return "".join(c for c in bare if c.isalnum() and not unicodedata.combining(c))


def split_aliases(text: str) -> list[str]:
    """ "Hanoi; Ha Noi" -> ["Hanoi", "Ha Noi"]."""
    return [" ".join(part.split()) for part in text.split(";") if part.strip()]


class Matcher:
    """Names of listed areas (in every language, and their aliases) by folded key."""

    def __init__(self, areas: Iterable) -> None:
        self.by_key: dict[str, object] = {}
        for area in areas:
            for name in area.spellings():
                self.by_key.setdefault(fold(name), area)

    def match(self, name: str):
        return self.by_key.get(fold(name)) if fold(name) else None

    def split(self, names: Iterable[str]) -> tuple[list, list[str]]:
        """(areas matched, in order and once each; names left unlisted, once each)."""
        found: list = []
        unlisted: list[str] = []
        seen: set[str] = set()
        for typed in names:
            name = " ".join(unicodedata.normalize("NFC", typed).split())
            area = self.match(name)
            if area is not None and area not in found:
                found.append(area)
            elif area is None and fold(name) and fold(name) not in seen:
                seen.add(fold(name))
                unlisted.append(name)
        return found, unlisted


@dataclass
class AreaRow:
    line: int
    country: str
    code: str
    name_en: str
    name_vi: str
    aliases: list[str] = field(default_factory=list)
    order: int = 0
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass
class ParsedList:
    rows: list[AreaRow]
    errors: list[str]


def _row(line: int, cells: dict[str, str], seen: set[tuple[str, str]]) -> AreaRow | str:
    country, code = cells["country"].upper(), cells["code"].upper()
    name_en, name_vi = cells["name_en"], cells["name_vi"]
    if not re.fullmatch(r"[A-Z]{2}", country):
        return _("line %(line)d: the country must be a two-letter ISO code, e.g. VN.") % {
            "line": line
        }
    if not re.fullmatch(CODE_PATTERN, code) or not code.startswith(country + "-"):
        return _(
            "line %(line)d: the code must be the country's code, a hyphen and up to three "
            "letters or digits, e.g. VN-HN."
        ) % {"line": line}
    if (country, code) in seen:
        return _("line %(line)d: the code %(code)s is listed twice.") % {
            "line": line,
            "code": code,
        }
    if not name_en or len(name_en) > MAX_NAME_LENGTH or len(name_vi) > MAX_NAME_LENGTH:
        return _("line %(line)d: an English name of at most %(max)d characters is needed.") % {
            "line": line,
            "max": MAX_NAME_LENGTH,
        }
    order = cells["order"] or "0"
    if not order.isdigit() or int(order) > 32767:
        return _("line %(line)d: the order must be a whole number from 0 to 32767.") % {
            "line": line
        }
    try:
        valid_from, valid_until = (
            dt.date.fromisoformat(cells[c]) if cells[c] else None for c in OPTIONAL_COLUMNS
        )
    except ValueError:
        return _("line %(line)d: a validity date is written YYYY-MM-DD, e.g. 2025-07-01.") % {
            "line": line
        }
    if valid_from and valid_until and valid_until < valid_from:
        return _("line %(line)d: the area cannot stop being valid before it starts.") % {
            "line": line
        }
    seen.add((country, code))
    return AreaRow(
        valid_from=valid_from,
        valid_until=valid_until,
        line=line,
        country=country,
        code=code,
        name_en=name_en,
        name_vi=name_vi,
        aliases=split_aliases(cells["aliases"]),
        order=int(order),
    )


def parse_area_list(text: str) -> ParsedList:
    """Read an area list: a header line naming ``COLUMNS``, then one area a line. Every
    bad line is reported with its number (the header is line 1)."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return ParsedList(
            [],
            [_("line 1: the header lacks the columns %(names)s.") % {"names": ", ".join(missing)}],
        )
    rows: list[AreaRow] = []
    errors: list[str] = []
    seen: set[tuple[str, str]] = set()
    for cells in reader:
        line = reader.line_num
        stripped = {c: " ".join((cells.get(c) or "").split()) for c in COLUMNS + OPTIONAL_COLUMNS}
        if not any(stripped.values()):
            continue
        result = _row(line, stripped, seen)
        (errors if isinstance(result, str) else rows).append(result)
    return ParsedList(rows, errors)


def shipped_lists() -> list[Path]:
    return sorted(SHIPPED_LISTS.glob("*.csv"))
