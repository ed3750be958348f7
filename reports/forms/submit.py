"""The Submit confirmation: after the deadline, the country may say what delayed it; on a
resubmission, what it changed. Either is kept as the submission's reason."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from ..undecodable import undecodable_comment_error
from ..workflow import REASON_MAX_LENGTH


class SubmitForm(forms.Form):
    late_reason = forms.CharField(
        label=_("Why is the report late? (optional)"),
        help_text=_("Reviewers read your answer with the report."),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    change_note = forms.CharField(
        label=_("What did you change? (optional)"),
        help_text=_("Reviewers read your note with the changes since the return."),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args,
        asks_late_reason: bool,
        asks_change_note: bool = False,
        undecodable: set[str] = frozenset(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.undecodable = undecodable
        if not asks_late_reason:
            del self.fields["late_reason"]
        if not asks_change_note:
            del self.fields["change_note"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        # Bytes that were not UTF-8 (``undecodable.split_undecodable``): refused at the
        # field, as the entry pages refuse them, rather than kept damaged.
        for name in self.undecodable & set(self.fields):
            self.add_error(name, undecodable_comment_error())
        return super().clean()

    def reason(self) -> str:
        """The reason of the delay or the note of what changed, as typed (empty when
        neither was asked: a resubmission is never late); after ``is_valid``."""
        return self.cleaned_data.get("late_reason") or self.cleaned_data.get("change_note", "")
