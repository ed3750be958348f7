"""What a next-step row's conflict box shows (``templates/reports/entry/_row_conflict.html``):
the row's four fields compared, each with the differences marked as an answer's are, the
choices, and the combined row, which starts from both (``RowFields.combined_with``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from roadmap.models import WorkArea

from ..resolution import Resolution
from ..services.answers import RowFields
from ..textdiff import marked_diff
from .display import FieldView, field_view
from .next_steps import NextStepForm


@dataclass(frozen=True)
class ComparedField:
    """One field of the row on both sides: ``diff`` marks what only one side has."""

    label: str
    yours: str
    theirs: str
    diff: SafeString

    @property
    def same(self) -> bool:
        return self.yours == self.theirs


@dataclass(frozen=True)
class RowResolveView:
    """The box's fields. ``removing``: the person was removing the row, so there is
    nothing to combine (the combined row's fields are None) and no text of theirs to set
    against the colleague's: ``compared`` shows the colleague's row alone."""

    choice: FieldView
    theirs: FieldView
    compared: tuple[ComparedField, ...]
    removing: bool
    title: FieldView | None = None
    targets: FieldView | None = None
    evidence: FieldView | None = None
    work_areas: FieldView | None = None


def yours_of(form: NextStepForm) -> RowFields:
    """The row as the person has it in its own fields (shown, and where a combined row
    starts from)."""
    value = {name: form[name].value() or "" for name in ("title", "targets", "evidence")}
    return RowFields(
        title=str(value["title"]),
        targets=str(value["targets"]),
        evidence=str(value["evidence"]),
        work_areas=tuple(form["work_areas"].value() or []),
    )


def _areas(values: tuple[str, ...]) -> str:
    labels = dict(WorkArea.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)


def compared(form: NextStepForm, yours: RowFields, theirs: RowFields) -> tuple[ComparedField, ...]:
    pairs = [
        ("title", yours.title, theirs.title),
        ("targets", yours.targets, theirs.targets),
        ("evidence", yours.evidence, theirs.evidence),
        ("work_areas", _areas(yours.work_areas), _areas(theirs.work_areas)),
    ]
    return tuple(
        ComparedField(
            label=str(form.fields[name].label),
            yours=mine,
            theirs=other,
            diff=marked_diff(
                other,
                mine,
                theirs_label=_("only in their text:"),
                yours_label=_("only in your text:"),
            ),
        )
        for name, mine, other in pairs
    )


def row_resolve_view(form: NextStepForm) -> RowResolveView | None:
    """The box of the row's conflict; None when the row has none to settle (no conflict,
    or a colleague removed the row: the person's version was then saved as a new one)."""
    conflict = form.conflict
    if conflict is None or conflict.removed or conflict.row is None:
        return None
    removing = conflict.removing
    combined = not removing and form.fields["resolution"].choices[-1][0] == Resolution.COMBINED
    yours = RowFields("", "", "", ()) if removing else yours_of(form)
    return RowResolveView(
        choice=field_view(form["resolution"], with_options=True),
        theirs=field_view(form["theirs"]),
        compared=compared(form, yours, conflict.row),
        removing=removing,
        title=field_view(form["combined_title"]) if combined else None,
        targets=field_view(form["combined_targets"]) if combined else None,
        evidence=field_view(form["combined_evidence"]) if combined else None,
        work_areas=(
            field_view(form["combined_work_areas"], with_options=True) if combined else None
        ),
    )
