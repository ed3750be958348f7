"""The Submit confirmation: after the deadline, the country may say what delayed it."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from ..workflow import REASON_MAX_LENGTH


class SubmitForm(forms.Form):
    late_reason = forms.CharField(
        label=_("Why is the report late? (optional)"),
        help_text=_("Reviewers read your answer with the report."),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, asks_late_reason: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not asks_late_reason:
            del self.fields["late_reason"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def reason(self) -> str:
        """The reason of the delay as typed (empty when not asked); after ``is_valid``."""
        return self.cleaned_data.get("late_reason", "")
