"""The next-steps question (41): one form per row (title, targets, evidence, work areas),
each new row carrying a client-made key so that a retried save finds the row it made."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from roadmap.models import WorkArea

from ..labels import length_hint
from ..models import NextStep
from ..services.answers import RowInput, next_step_digest
from .fields import NEXT_STEP_TEXT_LENGTH, AnswerTextField, ItemCheckboxes


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
        if self.is_blank() or data.get("DELETE"):
            return data
        if not data.get("title") and "title" not in self.errors:
            self.add_error(
                "title",
                forms.ValidationError(_("Give the next step a title."), code="title_missing"),
            )
        if not data.get("work_areas") and "work_areas" not in self.errors:
            self.add_error(
                "work_areas",
                forms.ValidationError(
                    _("Choose at least one work area."), code="work_area_missing"
                ),
            )
        return data


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
            if not form.is_valid() or not form.cleaned_data or form.is_blank():
                continue
            data = form.cleaned_data
            rows.append(
                RowInput(
                    prefix=form.prefix,
                    id=data.get("id"),
                    revision=data.get("rev") or 0,
                    original=data.get("orig") or "",
                    title=data.get("title", ""),
                    targets=data.get("targets", ""),
                    evidence=data.get("evidence", ""),
                    work_areas=list(data.get("work_areas") or []),
                    delete=bool(data.get("DELETE")),
                    key=data.get("key"),
                )
            )
        return rows


NextStepFormSet = forms.formset_factory(
    NextStepForm, formset=BaseNextStepFormSet, extra=1, can_delete=True
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
