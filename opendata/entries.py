"""What open data is made of: one published report as its publication froze it. Every
file of ``opendata`` is written from these alone, never from the live report rows, so a
report edited after it was published changes nothing public until it is published again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    """One live publication: ``snapshot`` is the report as docs/export-schema.md (schema
    4) lays it out, texts from the portal's data in English with ``_vi`` beside them."""

    framework: str  # the framework's slug
    country_code: str
    cycle_code: str
    revision: int
    published_at: dt.datetime
    snapshot: dict[str, Any]

    @property
    def country_name(self) -> str:
        return self.snapshot["country"]["name"]

    @property
    def country_name_vi(self) -> str:
        return self.snapshot["country"].get("name_vi") or self.country_name
