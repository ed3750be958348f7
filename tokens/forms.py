"""The form that creates a token: a label and a lifetime, given as days or as a date."""

from __future__ import annotations

import datetime as dt
import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_DAYS, MAX_DAYS


class TokenCreateForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Power BI at the secretariat”."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        required=False,
        min_value=1,
        max_value=MAX_DAYS,
        help_text=_("Between 1 and 365 days. Leave empty for 90 days."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    expires_on = forms.DateField(
        label=_("Or valid until (date)"),
        required=False,
        help_text=_("Instead of a number of days: a date at most a year from today."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    client_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        # The template writes the <form> (its buttons inside it) and the CSRF token.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        if not self.is_bound:
            self.initial.setdefault("client_key", uuid.uuid4())

    def clean(self):
        data = super().clean()
        days, until = data.get("days"), data.get("expires_on")
        if days is not None and until is not None:
            self.add_error("expires_on", _("Give a number of days or a date, not both."))
        elif until is not None:
            lifetime = (until - self.today).days
            if lifetime < 1:
                self.add_error("expires_on", _("Choose a date after today."))
            elif lifetime > MAX_DAYS:
                self.add_error("expires_on", _("Choose a date at most a year from today."))
            else:
                data["days"] = lifetime
        elif days is None:
            data["days"] = DEFAULT_DAYS
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        """The model's own rules (tokens.models) next to the field the person filled."""
        by_field = getattr(error, "error_dict", {None: error.error_list})
        lifetime_field = "expires_on" if self.cleaned_data.get("expires_on") else "days"
        for field, errors in by_field.items():
            target = {"label": "label", "lifetime_days": lifetime_field}.get(field)
            for item in errors:
                self.add_error(target, item)
