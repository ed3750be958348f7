"""The next-steps question (41): one form per row (title, targets, evidence, work areas),
each new row carrying a client-made key so that a retried save finds the row it made.

A row refused for a conflict (``services.save_plan``) keeps the revision it was loaded
with, so no plain save passes over the colleague's version; its box (``_row_conflict.html``)
posts the choice of ``reports.resolution`` under the row's prefix, as an answer's box does
under the item's key: ``<prefix>-resolution``, ``<prefix>-theirs`` (the colleague's revision
and digest, the choice is made from) and the combined row, ``<prefix>-combined_title``,
``-combined_targets``, ``-combined_evidence``, ``-combined_work_areas``."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from roadmap.models import WorkArea

from ..labels import length_hint
from ..models import NextStep
from ..resolution import Resolution
from ..services.answers import Conflict, RowInput, next_step_digest
from .fields import (
    NEXT_STEP_TEXT_LENGTH,
    AnswerTextField,
    BaseField,
    ItemCheckboxes,
    ItemRadioSelect,
)

# The row's own fields: an error on one leaves the row out of the save.
OWN_FIELDS = ("id", "rev", "orig", "key", "title", "targets", "evidence", "work_areas", "DELETE")
# What the combined row is made of, each named after the row's own field.
COMBINED = {
    "combined_title": "title",
    "combined_targets": "targets",
    "combined_evidence": "evidence",
    "combined_work_areas": "work_areas",
}
RESOLUTION_FIELDS = ("resolution", "theirs", *COMBINED)
# The most next-step rows a section takes (the printed form has room for five): a posted
# TOTAL_FORMS of a billion would otherwise make every save build Django's default
# maximum of 2,000 forms.
MAX_NEXT_STEPS = 100


class NextStepForm(forms.Form):
    """One next step (question 41): title, targets, evidence, work areas (at least one)."""

    id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    rev = forms.IntegerField(required=False, min_value=0, initial=0, widget=forms.HiddenInput)
    orig = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # A new row's client key (models, "Client keys"): a fresh one for the blank row of
    # each page; entry.js gives each row it adds its own.
    key = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)
    title = forms.CharField(
        label=_("Title of next step"),
        max_length=500,
        required=False,
    )
    targets = AnswerTextField(
        label=_("Targets for this next step (please be precise)"),
        max_length=NEXT_STEP_TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=length_hint(NEXT_STEP_TEXT_LENGTH),
    )
    evidence = AnswerTextField(
        label=_("Evidence you would use to show the step is achieved"),
        max_length=NEXT_STEP_TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=length_hint(NEXT_STEP_TEXT_LENGTH),
    )
    work_areas = forms.MultipleChoiceField(
        label=_("Work areas"), choices=WorkArea.choices, required=False, widget=ItemCheckboxes
    )
    # What settles a conflict on the row, posted only from its box (see above).
    resolution = forms.ChoiceField(
        label=_("How do you want to settle this?"),
        choices=Resolution.choices,
        required=False,
        widget=ItemRadioSelect,
    )
    theirs = BaseField()
    combined_title = forms.CharField(label=_("Combined title"), max_length=500, required=False)
    combined_targets = AnswerTextField(
        label=_("Combined targets"),
        max_length=NEXT_STEP_TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    combined_evidence = AnswerTextField(
        label=_("Combined evidence"),
        max_length=NEXT_STEP_TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    combined_work_areas = forms.MultipleChoiceField(
        label=_("Combined work areas"),
        choices=WorkArea.choices,
        required=False,
        widget=ItemCheckboxes,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Set by the section form: the conflict on this row, if the save found one.
        self.conflict: Conflict | None = None
        self.resolve = None  # and its box's fields (forms.row_conflicts)
        # Several rows may be in conflict: each box's controls named with their row for
        # a screen reader, as the page's other per-row controls are.
        number = self.prefix.rsplit("-", 1)[-1] if self.prefix else ""
        if number.isdigit():
            which = format_html(
                '<span class="visually-hidden"> ({})</span>',
                _("next step %(number)s") % {"number": int(number) + 1},
            )
            for name in ("resolution", *COMBINED):
                self.fields[name].label = format_html("{}{}", self.fields[name].label, which)
        if self.is_bound and self.data.get(self.add_prefix("DELETE")):
            # Removing the row: keep the removal or take theirs, nothing to combine.
            self.fields["resolution"].choices = Resolution.choices[:2]

    is_new = False  # set by the formset on the blank rows it adds after the stored ones

    @property
    def is_new_blank(self) -> bool:
        """A row for adding a step that holds nothing yet (not sent, or sent blank)."""
        if not self.is_new:
            return False
        return not self.is_bound or (self.is_valid() and self.is_blank())

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (
            data.get("id")
            or data.get("title")
            or data.get("targets")
            or data.get("evidence")
            or data.get("work_areas")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        resolution = self.chosen
        if resolution == Resolution.COMBINED:
            self._check_row(data, "combined_title", "combined_work_areas")
        settled = not any(name in self.errors for name in RESOLUTION_FIELDS)
        if settled and resolution in (Resolution.COMBINED, Resolution.THEIRS):
            return data  # the row's own fields give way to the chosen version
        if self.is_blank() or data.get("DELETE"):
            return data
        self._check_row(data, "title", "work_areas")
        return data

    def _check_row(self, data: dict[str, Any], title: str, work_areas: str) -> None:
        """A next step has a title and at least one work area (errors beside them)."""
        if not data.get(title) and title not in self.errors:
            self.add_error(
                title,
                forms.ValidationError(_("Give the next step a title."), code="title_missing"),
            )
        if not data.get(work_areas) and work_areas not in self.errors:
            self.add_error(
                work_areas,
                forms.ValidationError(
                    _("Choose at least one work area."), code="work_area_missing"
                ),
            )

    @property
    def chosen(self) -> str:
        """The choice that settles a conflict on this row, if its box was posted whole
        (the colleague's revision with it); else "" (a plain save: a conflict again)."""
        data = getattr(self, "cleaned_data", {})
        theirs = data.get("theirs")
        if not theirs or not theirs[1]:
            return ""
        if any(name in self.errors for name in ("resolution", "theirs")):
            return ""
        return data.get("resolution") or ""

    def mark_unresolved(self, given: frozenset[str] | None) -> None:
        """A box sent back without a choice: shown again, as it was, with a message
        beside the choices. ``given``: the prefixes known to be so (the page shown again
        after the save, whose data carries every box); None: found in the posted data."""
        if given is not None:
            missing = self.prefix in given
        else:
            theirs = self.cleaned_data.get("theirs") if hasattr(self, "cleaned_data") else None
            missing = bool(theirs and theirs[1] and not self.cleaned_data.get("resolution"))
        if missing and "resolution" not in self.errors:
            self.add_error(
                "resolution",
                forms.ValidationError(
                    _(
                        "Choose how to settle the conflict: keep your text, take "
                        "their text, or save a combined text."
                    ),
                    code="no_resolution",
                ),
            )


class BaseNextStepFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this next step")
        # The blank row a formset adds after the stored ones (and the script's template):
        # the template shows it as "a new next step", not as one more numbered step.
        form.is_new = index is None or index >= self.initial_form_count()

    @property
    def empty_form(self) -> forms.Form:
        # The script's template for added rows: no key, or every added row would share
        # one (entry.js gives each its own).
        form = super().empty_form
        form.fields["key"].initial = None
        return form

    def rows(self) -> list[RowInput]:
        """Valid, non-blank rows as service input (rows with errors are left out: their
        text stays in the form with the errors beside it)."""
        rows = []
        for form in self.forms:
            form.is_valid()
            if any(name in form.errors for name in OWN_FIELDS):
                continue
            if not form.cleaned_data or form.is_blank():
                continue
            rows.append(_row_input(form))
        return rows

    def mark_unresolved(self, given: frozenset[str] | None) -> None:
        for form in self.forms:
            form.mark_unresolved(given)

    @property
    def unresolved(self) -> set[str]:
        """The prefixes of rows whose box came back without a choice."""
        return {
            form.prefix
            for form in self.forms
            if any(e.code == "no_resolution" for e in form.errors.as_data().get("resolution", []))
        }


def _row_input(form: NextStepForm) -> RowInput:
    """A row as service input. A choice that settles a conflict (its box posted whole,
    without errors) is made from the colleague's revision; a combined row is saved from
    the combined fields. A box with an error (a combined row without a title) is a plain
    save: a conflict again, the box shown with the error beside the field."""
    data = form.cleaned_data
    resolution = form.chosen
    if any(name in form.errors for name in RESOLUTION_FIELDS):
        resolution = ""  # the box's own errors: a plain save
    revision, original = data.get("rev") or 0, data.get("orig") or ""
    fields = {name: data.get(name) for name in ("title", "targets", "evidence", "work_areas")}
    if resolution:
        revision, original = data["theirs"]
        if resolution == Resolution.COMBINED:
            fields = {own: data.get(name) for name, own in COMBINED.items()}
    return RowInput(
        prefix=form.prefix,
        id=data.get("id"),
        revision=revision,
        original=original,
        title=fields["title"] or "",
        targets=fields["targets"] or "",
        evidence=fields["evidence"] or "",
        work_areas=list(fields["work_areas"] or []),
        delete=bool(data.get("DELETE")),
        key=data.get("key"),
        resolution=resolution,
    )


NextStepFormSet = forms.formset_factory(
    NextStepForm,
    formset=BaseNextStepFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_NEXT_STEPS,
    absolute_max=MAX_NEXT_STEPS,
)


def row_initial(step: NextStep) -> dict[str, Any]:
    return {
        "id": step.pk,
        "rev": step.revision,
        "orig": next_step_digest(step),
        "key": step.client_key,
        "title": step.title,
        "targets": step.targets,
        "evidence": step.evidence,
        "work_areas": list(step.work_areas),
    }
