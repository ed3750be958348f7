"""The Submit confirmation: after the deadline, the country may say what delayed it; on a
resubmission, what it changed. Either is kept as the submission's reason."""

from __future__ import annotations

from collections.abc import Sequence

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from ..selectors.validation import OpenWarning
from ..undecodable import undecodable_comment_error
from ..workflow import REASON_MAX_LENGTH

EXPLANATION_MAX_LENGTH = 2000  # as WarningExplanation.text


def explanation_field(warning: OpenWarning) -> str:
    return f"explain-{warning.key}"


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
        warnings: Sequence[OpenWarning] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.undecodable = undecodable
        self.warnings = list(warnings)
        # One text box per open warning, filled with what was written before; every one
        # must be explained (said at its box), as the workflow checks again.
        for warning in self.warnings:
            self.fields[explanation_field(warning)] = forms.CharField(
                label=_gettext("Why “%(label)s” is right") % {"label": warning.label},
                max_length=EXPLANATION_MAX_LENGTH,
                initial=warning.explanation.text if warning.explanation else "",
                error_messages={"required": _("Explain this warning before submitting.")},
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if not asks_late_reason:
            del self.fields["late_reason"]
        if not asks_change_note:
            del self.fields["change_note"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # The explanations are laid out beside their warnings by the template.
        self.helper.layout = Layout(
            *(n for n in ("late_reason", "change_note") if n in self.fields)
        )

    def clean(self):
        # Bytes that were not UTF-8 (``undecodable.split_undecodable``): refused at the
        # field, as the entry pages refuse them, rather than kept damaged.
        for name in self.undecodable & set(self.fields):
            self.add_error(name, undecodable_comment_error())
        return super().clean()

    def explanations(self) -> dict[str, str]:
        """``{warning key: text}``, after ``is_valid``."""
        return {w.key: self.cleaned_data[explanation_field(w)] for w in self.warnings}

    def explanation_rows(self) -> list[tuple[OpenWarning, forms.BoundField]]:
        """Each warning with its text box, for the template."""
        return [(w, self[explanation_field(w)]) for w in self.warnings]

    def reason(self) -> str:
        """The reason of the delay or the note of what changed, as typed (empty when
        neither was asked: a resubmission is never late); after ``is_valid``."""
        return self.cleaned_data.get("late_reason") or self.cleaned_data.get("change_note", "")
