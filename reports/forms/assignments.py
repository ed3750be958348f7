"""The focal point's forms on the assignments page (issue 24): assign parts to people,
change an assignment, send a part back. Plain forms: everything works without script."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AssignmentTarget


class AssignForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("Parts"),
        help_text=_("Choose one or more parts of the report."),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    people = forms.MultipleChoiceField(label=_("People"), widget=forms.CheckboxSelectMultiple)
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note to the people assigned"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, groups, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parts"].choices = [
            (group.title, [(part.value, part.label) for part in group.parts]) for group in groups
        ]
        self.fields["people"].choices = [(str(p.pk), _person(p)) for p in people]
        self.people = {str(p.pk): p for p in people}

    def chosen_parts(self) -> list[tuple[str, int]]:
        chosen = []
        for value in self.cleaned_data["parts"]:
            kind, _sep, pk = value.partition(":")
            if kind in AssignmentTarget.values and pk.isdigit():
                chosen.append((kind, int(pk)))
        return chosen

    def chosen_people(self) -> list:
        return [self.people[pk] for pk in self.cleaned_data["people"]]


def _person(user) -> str:
    name = user.get_full_name() or user.username
    agencies = [m.agency for m in getattr(user, "country_memberships", []) if m.agency]
    return f"{name} ({agencies[0].shown_name})" if agencies else name


class AssignmentChangeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SendBackForm(forms.Form):
    state_note = forms.CharField(
        label=_("What is missing"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what is missing: the note is required.")},
    )
