"""GET filters of the monitoring pages. Invalid values are dropped, not shown as errors:
a stale bookmarked link should still show a board."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from roadmap.models import Region

from .selectors.board import BoardStatus

SORT_LABELS = {
    "country": _("Country"),
    "region": _("Region"),
    "status": _("State"),
    "complete": _("Completeness"),
    "deadline": _("Deadline"),
    "submitted": _("First submitted"),
    "threads": _("Open comments"),
    "changed": _("Last change"),
}


class BoardFilterForm(forms.Form):
    cycle = forms.ChoiceField(label=_("Cycle"), required=False)
    status = forms.ChoiceField(
        label=_("State"), choices=[("", _("Any state")), *BoardStatus.CHOICES], required=False
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    late = forms.BooleanField(label=_("Late only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_LABELS.items(), required=False)
    desc = forms.BooleanField(label=_("Descending"), required=False)

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = [(c.code, c.label) for c in cycles]
        for field in self.fields.values():
            boolean = isinstance(field, forms.BooleanField)
            field.widget.attrs["class"] = "form-check-input" if boolean else "form-select"

    def value(self, name: str, default=""):
        """The cleaned value of a valid field, else ``default`` (the form is never shown
        with errors)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        if name in self.errors:
            return default
        return self.cleaned_data.get(name) or default
