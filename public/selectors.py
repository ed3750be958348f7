"""What the public pages show, worked out from publication snapshots alone.

Pure functions over the snapshot dicts (``reports.publication_snapshot.public_snapshot``:
the export structure of docs/export-schema.md, schema 4, plus "roadmap" and "framework"):
no query, no model, so a page, a CSV and the static export say the same thing and never
read a live report row (what makes them frozen and free of anything private).

``snapshots`` are one country's, oldest cycle first. Texts come in the language asked
for: ``<key>_<language>`` when the snapshot has it, else the English ``<key>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from translations.translatable import SOURCE_LANGUAGE

Snapshot = Mapping[str, Any]
PROGRESS_CODE, RATING_CODE, STATUS_CODE = "priority_progress", "overall_rating", "next_step_status"
NEXT_STEPS_KIND, CHOICE_PER_PRIORITY = "next_steps", "choice_per_priority"


def text_in(data: Mapping[str, Any] | None, key: str, *, language: str) -> Any:
    """``data[key_<language>]`` when given and not blank, else ``data[key]``."""
    if not data:
        return ""
    if language != SOURCE_LANGUAGE:
        value = data.get(f"{key}_{language}")
        if value not in (None, "", []):
            return value
    return data.get(key, "")


def number(value: Any) -> Decimal | None:
    """A snapshot's number (written as a string so decimals stay exact), or None."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def cycle_codes(*, snapshots: Sequence[Snapshot]) -> list[str]:
    return [s["cycle"]["code"] for s in snapshots]


def _items(snapshot: Snapshot) -> list[Mapping[str, Any]]:
    return [item for section in snapshot.get("sections", []) for item in section["items"]]


@dataclass
class PriorityRow:
    key: str
    theme: str
    text: str
    # One per cycle: the progress text as reported, and the choice given per priority.
    progress: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    cycles: list[str] = field(default_factory=list)

    @property
    def by_cycle(self) -> list[tuple[str, str, str]]:
        """(cycle, progress text, choice) per cycle, as the page's table lists them."""
        return list(zip(self.cycles, self.progress, self.choices, strict=True))

    @property
    def has_choices(self) -> bool:
        return any(self.choices)


@dataclass
class ThemeRow:
    number: int
    name: str
    priorities: list[PriorityRow] = field(default_factory=list)


def _sort_key(key: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in key.split("."))


def roadmap_themes(*, snapshots: Sequence[Snapshot], language: str) -> list[ThemeRow]:
    """The roadmap's themes and priorities (as the newest snapshot gives them), with each
    priority's progress text and per-priority choice in every cycle."""
    width = len(snapshots)
    rows: dict[str, PriorityRow] = {}
    themes: dict[int, ThemeRow] = {}

    def row_for(priority: Mapping[str, Any]) -> PriorityRow:
        key = priority["key"]
        if key not in rows:
            number_ = int(priority.get("theme_number") or _sort_key(key)[0])
            theme = themes.setdefault(
                number_, ThemeRow(number_, text_in(priority, "theme", language=language))
            )
            rows[key] = PriorityRow(
                key=key,
                theme=theme.name,
                text=text_in(priority, "text", language=language),
                progress=[""] * width,
                choices=[""] * width,
                cycles=cycle_codes(snapshots=snapshots),
            )
            theme.priorities.append(rows[key])
        return rows[key]

    newest = snapshots[-1] if snapshots else {}
    for theme in (newest.get("roadmap") or {}).get("themes", []):
        for priority in theme.get("priorities", []):
            if priority.get("active") is False:
                continue  # retired: shown only where a cycle reported on it (below)
            row_for(
                {"theme_number": theme.get("number"), **_prefixed(theme, "name", "theme")}
                | priority
            )
    for i, snapshot in enumerate(snapshots):
        for item in _items(snapshot):
            if not item.get("priority"):
                continue
            row = row_for(item["priority"])
            if item.get("question_code") == PROGRESS_CODE and item.get("text"):
                row.progress[i] = item["text"]
            elif item.get("kind") == CHOICE_PER_PRIORITY:
                row.choices[i] = ", ".join(text_in(item, "choices", language=language) or [])
    for theme in themes.values():
        theme.priorities.sort(key=lambda r: _sort_key(r.key))
    return [themes[n] for n in sorted(themes)]


def _prefixed(data: Mapping[str, Any], key: str, as_key: str) -> dict[str, Any]:
    """``data``'s ``key`` and ``key_<lang>`` renamed ``as_key`` and ``as_key_<lang>``."""
    return {
        as_key + name[len(key) :]: value
        for name, value in data.items()
        if name == key or name.startswith(f"{key}_")
    }


def ratings(*, snapshots: Sequence[Snapshot]) -> list[int | None]:
    """The overall progress rating (stars out of 5) of each cycle."""
    found: list[int | None] = []
    for snapshot in snapshots:
        values = [
            item.get("value")
            for item in _items(snapshot)
            if item.get("question_code") == RATING_CODE and item.get("value") not in (None, "")
        ]
        found.append(int(values[0]) if values else None)
    return found


@dataclass
class StepRow:
    title: str
    set_in: str  # the cycle whose report set it
    cells: list[str]  # per cycle: "Set", a status as reported, or ""


def _norm(title: str) -> str:
    return " ".join(title.casefold().split())


def next_step_rows(
    *, snapshots: Sequence[Snapshot], language: str, set_label: str
) -> list[StepRow]:
    """Each next step a report set, and the status later reports gave it, per cycle."""
    width, rows = len(snapshots), {}
    for i, snapshot in enumerate(snapshots):
        for item in _items(snapshot):
            if item.get("kind") == NEXT_STEPS_KIND:
                for step in item.get("next_steps") or []:
                    key = _norm(step["title"])
                    row = rows.setdefault(
                        key, StepRow(step["title"], snapshot["cycle"]["code"], [""] * width)
                    )
                    row.cells[i] = row.cells[i] or set_label
            elif item.get("question_code") == STATUS_CODE and item.get("next_step"):
                title = item["next_step"]["title"]
                row = rows.setdefault(_norm(title), StepRow(title, "", [""] * width))
                labels = text_in(item, "choices", language=language) or []
                row.cells[i] = ", ".join(labels) if labels else row.cells[i]
    return list(rows.values())


def people_reached(activity: Mapping[str, Any]) -> int:
    """The total, or women + men when no total was given (as ``Activity.people_reached``)."""
    people = activity.get("participants") or {}
    if people.get("total") is not None:
        return int(people["total"])
    return int(people.get("women") or 0) + int(people.get("men") or 0)


def people_by_sex(*, snapshot: Snapshot) -> tuple[int, int, int, int]:
    """(women, men, not given by sex, total) of one report's activities."""
    activities = snapshot.get("activities", [])
    women = sum(int((a.get("participants") or {}).get("women") or 0) for a in activities)
    men = sum(int((a.get("participants") or {}).get("men") or 0) for a in activities)
    total = sum(people_reached(a) for a in activities)
    return women, men, max(0, total - women - men), total


def people_by_theme(
    *, snapshots: Sequence[Snapshot], language: str
) -> list[tuple[str, list[int | None]]]:
    """People reached per roadmap theme in each cycle: an activity serving priorities of
    several themes counts in each (so themes may add up to more than the total)."""
    names = {row.number: row.name for row in roadmap_themes(snapshots=snapshots, language=language)}
    counts: dict[int, list[int | None]] = {}
    for i, snapshot in enumerate(snapshots):
        for activity in snapshot.get("activities", []):
            themes = {_sort_key(key)[0] for key in activity.get("priority_keys") or []}
            for number_ in themes or {0}:
                cells = counts.setdefault(number_, [None] * len(snapshots))
                cells[i] = (cells[i] or 0) + people_reached(activity)
    return [(names.get(n, ""), counts[n]) for n in sorted(counts, key=lambda n: (n == 0, n))]


@dataclass
class IndicatorRow:
    name: str
    unit: str
    values: list[Decimal | None]  # per cycle
    # Per cycle: the value's break-down as the snapshot gives it ({"breakdown": [{"label",
    # "amount"}], "breakdown_partial", "breakdown_text"}), written out by the page in the
    # reader's number format (public.charts).
    breakdowns: list[Mapping[str, Any]]
    sources: list[str]
    # As the newest snapshot giving a value states them (roadmap.progress's rule, applied
    # when the report was published).
    baseline: tuple[int, Decimal] | None = None
    baseline_source: str = ""
    target: tuple[int, Decimal] | None = None
    share_percent: int | None = None
    status: str = ""
    latest: tuple[int, Decimal] | None = None


def _point(data: Mapping[str, Any] | None) -> tuple[int, Decimal] | None:
    value = number((data or {}).get("value"))
    return (int(data["year"]), value) if data and value is not None else None


def indicator_rows(*, snapshots: Sequence[Snapshot], language: str) -> list[IndicatorRow]:
    """Every indicator reported in any cycle: its value per cycle, and where the newest
    value stands against the baseline and target."""
    width, rows = len(snapshots), {}
    for i, snapshot in enumerate(snapshots):
        year = int(snapshot["cycle"]["starts_on"][:4])  # a cycle's figures are of its start
        for value in snapshot.get("indicator_values", []):
            row = rows.setdefault(
                value["indicator"],
                IndicatorRow(
                    name=text_in(value, "indicator", language=language),
                    unit=text_in(value, "unit", language=language),
                    values=[None] * width,
                    breakdowns=[{}] * width,
                    sources=[""] * width,
                ),
            )
            row.values[i] = number(value.get("value"))
            row.breakdowns[i] = {
                key: value.get(key) for key in ("breakdown", "breakdown_partial", "breakdown_text")
            }
            row.sources[i] = value.get("source") or ""
            row.baseline = _point(value.get("baseline"))
            row.baseline_source = text_in(value.get("baseline"), "source", language=language)
            row.target = _point(value.get("target"))
            row.share_percent = value.get("share_percent")
            row.status = text_in(value, "status_label", language=language)
            if row.values[i] is not None:
                row.latest = (year, row.values[i])
    return list(rows.values())


def public_evidence(*, snapshot: Snapshot) -> list[Mapping[str, Any]]:
    """The evidence files a snapshot lists (only those marked public when it was taken:
    ``{"id", "title", "language"}``), from its items, activities and indicator values."""
    holders = [
        *_items(snapshot),
        *snapshot.get("activities", []),
        *snapshot.get("indicator_values", []),
    ]
    return [file for holder in holders for file in holder.get("evidence") or []]


def public_evidence_ids(*, snapshot: Snapshot) -> set[int]:
    return {int(file["id"]) for file in public_evidence(snapshot=snapshot)}
