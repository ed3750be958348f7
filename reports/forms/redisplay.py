"""The entry form's data as the page shows it again after a save (``views.entry``): what
the person posted, with the revisions, digests and stored values the save gave back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.datastructures import MultiValueDict

from ..services.answers import Conflict, RowFields, SectionSaveResult
from .fields import base_value
from .next_steps import COMBINED, row_initial

if TYPE_CHECKING:
    from .entry import SectionForm


def patched_data(
    data: MultiValueDict, form: SectionForm, result: SectionSaveResult
) -> MultiValueDict:
    """The posted data as the re-rendered page must carry it after a save: new revisions
    and digests, the stored value where the person had not touched a field, the person's
    own text (with the current revision) where there was a conflict."""
    data = data.copy()
    for key, state in result.items.items():
        data[f"{key}-base"] = base_value(state.revision, state.digest)
        if state.refresh:
            kind = form.kind(key)
            if kind == "text":
                data[key] = state.text
            elif kind == "multiple":
                data.setlist(key, list(state.value or []))
                data[f"{key}-other"] = state.text
            else:
                data[key] = state.value or ""
    for key, conflict in result.conflicts.items():
        # The item keeps the revision it was loaded with (a plain save is a conflict
        # again); the box carries the colleague's, which a choice is made from. A combined
        # text already being edited stays as typed; a new one starts from both versions.
        data[f"{key}-theirs"] = base_value(conflict.revision, conflict.digest)
        data.pop(f"{key}-resolution", None)
        if form.kind(key) == "text" and not data.get(f"{key}-combined"):
            data[f"{key}-combined"] = conflict.combined
    for prefix, state in result.rows.items():
        if state.deleted:
            for name in ("id", "rev", "orig", "title", "targets", "evidence", "DELETE"):
                data[f"{prefix}-{name}"] = ""
            data.setlist(f"{prefix}-work_areas", [])
            continue
        data[f"{prefix}-id"] = str(state.id)
        data[f"{prefix}-rev"] = str(state.revision)
        data[f"{prefix}-orig"] = state.digest
        if state.refresh and state.step is not None:
            for name, value in row_initial(state.step).items():
                if name == "work_areas":
                    data.setlist(f"{prefix}-{name}", value)
                elif name not in ("id", "rev", "orig", "key"):
                    data[f"{prefix}-{name}"] = value
    for prefix, conflict in result.row_conflicts.items():
        if not conflict.removed:
            _row_conflict(data, prefix, conflict)
    return data


def _row_conflict(data: MultiValueDict, prefix: str, conflict: Conflict) -> None:
    """As for an answer: the row keeps the revision it was loaded with, its box carries
    the colleague's; a combined row already being edited stays as typed, a new one starts
    from both rows (the person's as posted, the colleague's as stored)."""
    theirs = base_value(conflict.revision, conflict.digest)
    if data.get(f"{prefix}-theirs") != theirs:
        # A newer version than the one chosen from (or a first conflict): choose again.
        # The same version: the choice came back with an error beside a combined field,
        # and stays made.
        data.pop(f"{prefix}-resolution", None)
    data[f"{prefix}-theirs"] = theirs
    if conflict.removing or conflict.row is None:
        return
    names = [f"{prefix}-{name}" for name in COMBINED]
    if any(data.getlist(name) for name in names):
        return

    def typed(name: str) -> str:  # as AnswerTextField reads it: one kind of line break
        return data.get(f"{prefix}-{name}", "").replace("\r\n", "\n").replace("\r", "\n")

    yours = RowFields(
        title=typed("title"),
        targets=typed("targets"),
        evidence=typed("evidence"),
        work_areas=tuple(data.getlist(f"{prefix}-work_areas")),
    )
    start = yours.combined_with(conflict.row)
    for name, own in COMBINED.items():
        if own == "work_areas":
            data.setlist(f"{prefix}-{name}", list(start.work_areas))
        else:
            data[f"{prefix}-{name}"] = getattr(start, own)
