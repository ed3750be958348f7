"""A person's mail preferences (their notifications page)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class MailPreferenceForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of mail"),
        choices=[("", _("My country's language")), *settings.LANGUAGES],
        required=False,
    )
    reminders = forms.BooleanField(
        label=_("Send me deadline reminders and overdue notices"),
        help_text=_("Mail about your reports' review and comments is always sent."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
