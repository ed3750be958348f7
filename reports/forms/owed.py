"""The filters of the who-owes-what page (a GET form): state, agency, person, overdue.
Agencies and people are those of the report's assignments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..assignment_models import AssignmentState


class OwedFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)
    agency = forms.TypedChoiceField(
        label=pgettext_lazy("owed", "Agency"), required=False, coerce=int, empty_value=None
    )
    person = forms.TypedChoiceField(
        label=pgettext_lazy("owed", "Person"), required=False, coerce=int, empty_value=None
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, data=None, *, agencies=(), people=()):
        super().__init__(data)
        everything = [("", pgettext_lazy("owed", "All"))]
        self.fields["state"].choices = everything + list(AssignmentState.choices)
        self.fields["agency"].choices = everything + [(a.pk, a.shown_name) for a in agencies]
        self.fields["person"].choices = everything + [
            (p.pk, p.get_full_name() or p.username) for p in people
        ]

    def filters(self) -> dict:
        """The valid filters (a value that is no longer offered is dropped, with its
        message beside the field)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "state": data.get("state") or "",
            "agency_id": data.get("agency"),
            "assignee_id": data.get("person"),
            "overdue": bool(data.get("overdue")),
        }
