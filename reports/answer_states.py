"""What a section save takes and gives back (``services.answers``): the posted items and
rows, the state each item carries after the save, the conflicts, and the digests that
tell whether a person changed a field since loading it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from roadmap.models import WorkArea

from .digest import digest
from .models import Answer, NextStep, is_blank
from .textdiff import combined_start, marked_diff


def _normal_value(value: Any) -> Any:
    if is_blank(value):
        return None
    if isinstance(value, list | tuple):
        return sorted(str(v) for v in value)
    return str(value)


def answer_digest(text: str, value: Any) -> str:
    """A short digest of an answer as a person sees it: the form carries it so the server
    can tell whether the person changed the field since loading it."""
    return digest(text or "", _normal_value(value))


def row_digest(title: str, targets: str, evidence: str, work_areas: Iterable[str]) -> str:
    return digest(title or "", targets or "", evidence or "", sorted(work_areas or []))


def stored_digest(answer: Answer | None) -> str:
    return answer_digest(answer.text, answer.value) if answer else answer_digest("", None)


def next_step_digest(step: NextStep) -> str:
    return row_digest(step.title, step.targets, step.evidence, step.work_areas)


@dataclass(frozen=True)
class AnswerInput:
    """One item as posted: its new text / value and what it was loaded with."""

    key: str
    text: str
    value: Any
    revision: int
    original: str
    # Set when the person settles a conflict (``reports.resolution``): ``revision`` and
    # ``original`` are then those of the colleague's version they chose from.
    resolution: str = ""


@dataclass(frozen=True)
class RowInput:
    """One next-step row as posted. ``prefix`` names the form row (e.g. ``q41-2``)."""

    prefix: str
    id: int | None
    revision: int
    original: str
    title: str = ""
    targets: str = ""
    evidence: str = ""
    work_areas: list[str] = field(default_factory=list)
    delete: bool = False
    key: uuid.UUID | None = None  # the client key of a new row
    # Set when the person settles a conflict on the row (``reports.resolution``), as for
    # ``AnswerInput``: ``revision`` and ``original`` are then the colleague's.
    resolution: str = ""

    @property
    def digest(self) -> str:
        return row_digest(self.title, self.targets, self.evidence, self.work_areas)

    @property
    def fields(self) -> RowFields:
        return RowFields(self.title, self.targets, self.evidence, tuple(self.work_areas))


@dataclass(frozen=True)
class RowFields:
    """A next step's four fields, as one side of a conflict on its row shows them."""

    title: str
    targets: str
    evidence: str
    work_areas: tuple[str, ...]

    @classmethod
    def of(cls, step: NextStep) -> RowFields:
        return cls(step.title, step.targets, step.evidence, tuple(step.work_areas))

    def combined_with(self, theirs: RowFields) -> RowFields:
        """The row a combined version starts from: each text from both (what they share
        once, what only one has kept: ``diff.combined_start``), the work areas of both."""
        areas = set(self.work_areas) | set(theirs.work_areas)
        return RowFields(
            title=combined_start(self.title, theirs.title),
            targets=combined_start(self.targets, theirs.targets),
            evidence=combined_start(self.evidence, theirs.evidence),
            work_areas=tuple(v for v in WorkArea.values if v in areas),
        )


@dataclass
class ItemState:
    """What the form must carry for an item after the save. ``refresh`` is set when the
    form should show the stored value (the person had not touched the field)."""

    revision: int
    digest: str
    refresh: bool = False
    text: str = ""
    value: Any = None


@dataclass
class RowState:
    id: int | None
    revision: int
    digest: str
    refresh: bool = False
    deleted: bool = False
    step: NextStep | None = None


@dataclass
class Conflict:
    """A stale save refused: what is stored now, when and by whom."""

    revision: int
    digest: str
    theirs: str
    at: dt.datetime | None
    by: str
    by_you: bool = False
    removed: bool = False
    # The person's text that was refused: the combined text starts from it and ``theirs``.
    yours: str = ""
    # A next-step row's conflict: the colleague's row field by field, and whether the
    # person was removing the row (then there is nothing to combine).
    row: RowFields | None = None
    removing: bool = False

    @property
    def combined(self) -> str:
        return combined_start(self.yours, self.theirs)

    @property
    def diff(self) -> SafeString:
        return marked_diff(
            self.theirs,
            self.yours,
            theirs_label=_("only in their text:"),
            yours_label=_("only in your text:"),
        )

    @property
    def message(self) -> str:
        if self.removed:
            return _(
                "Someone else removed this next step while you were changing it: "
                "your version was saved as a new next step."
            )
        when = timezone.localtime(self.at).strftime("%H:%M") if self.at else "?"
        if self.row is not None:
            return self._row_message(when)
        if self.by_you:
            return _("You saved this answer in another window at %(at)s.") % {"at": when}
        return _("Someone else saved this answer at %(at)s (%(by)s).") % {
            "at": when,
            "by": self.by,
        }

    def _row_message(self, when: str) -> str:
        if self.by_you:
            said = _("You saved this next step in another window at %(at)s.") % {"at": when}
        else:
            said = _("Someone else saved this next step at %(at)s (%(by)s).") % {
                "at": when,
                "by": self.by,
            }
        if self.removing:
            return said + " " + _("You removed it: keeping your version removes it.")
        return said


@dataclass
class SectionSaveResult:
    items: dict[str, ItemState] = field(default_factory=dict)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    rows: dict[str, RowState] = field(default_factory=dict)
    row_conflicts: dict[str, Conflict] = field(default_factory=dict)
    changed: bool = False
    saved_at: dt.datetime | None = None
    report_revision: int = 0

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflicts or self.row_conflicts)

    @property
    def conflict_count(self) -> int:
        return len(self.conflicts) + len(self.row_conflicts)


def person_name(user) -> str:
    if user is None:
        return _("unknown")
    return user.get_full_name() or user.get_username()


def stored_value(value: Any) -> Any:
    return None if is_blank(value) else value


def row_text(step: NextStep | RowInput) -> str:
    return "\n".join(
        part
        for part in (step.title, step.targets, step.evidence, ", ".join(step.work_areas))
        if part
    )
