"""Forms of the review pages: a transition's reason, comments, the queue's filters."""

from __future__ import annotations

import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from roadmap.models import Country

from ..models import ReportingCycle, ReportState
from ..services.comments import COMMENT_MAX_LENGTH
from ..undecodable import undecodable_comment_error
from ..workflow import REASON_MAX_LENGTH, Rule


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, rule: Rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule
        field = self.fields["reason"]
        field.required = rule.reason_required
        if not rule.reason_required:
            field.label = _("Note (optional)")
        field.error_messages["required"] = _("Please give a reason.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please write a comment.")},
    )
    # The form's client key (models, Comment.client_key): made when the form is shown,
    # sent back with it, so the same form posted twice posts one comment.
    key = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def __init__(self, *args, undecodable: set[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.undecodable = undecodable

    def clean_body(self) -> str:
        # The view read the POST with ``undecodable.split_undecodable``: bytes that were
        # not UTF-8 arrive as U+FFFD, and the comment would be posted damaged.
        if "body" in self.undecodable:
            raise undecodable_comment_error()
        return self.cleaned_data["body"]


class ThreadForm(CommentForm):
    item = forms.CharField(widget=forms.HiddenInput, max_length=40)


STATE_CHOICES = [
    ("", _("Any state")),
    (ReportState.SUBMITTED, _("Awaiting review (submitted)")),
    (ReportState.RETURNED, ReportState.RETURNED.label),
    (ReportState.ACCEPTED, ReportState.ACCEPTED.label),
]

SORT_CHOICES = [
    ("oldest", _("Submitted longest ago first")),
    ("newest", _("Most recently submitted first")),
]


class QueueFilterForm(forms.Form):
    """GET filters of the reviewer queue. Invalid values are ignored, not shown as errors:
    a stale bookmarked link should still show a queue."""

    cycle = forms.ModelChoiceField(
        label=_("Cycle"), queryset=ReportingCycle.objects.none(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False
    )
    state = forms.ChoiceField(label=_("State"), choices=STATE_CHOICES, required=False)
    sort = forms.ChoiceField(label=_("Order"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, cycles, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles
        self.fields["cycle"].empty_label = _("All cycles")
        self.fields["country"].queryset = countries
        self.fields["country"].empty_label = _("All countries")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"
