"""The evidence upload form: what a person types and chooses. The file itself is checked
by the service (``reports.services.evidence``, the one place every upload passes), whose
refusals the view puts beside the file field; the title typed stays in the form."""

from __future__ import annotations

import uuid

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ..evidence.checks import max_bytes
from ..evidence.model import EvidenceLanguage
from ..services.evidence import TITLE_MAX_LENGTH

ACCEPT = ",".join(
    [
        ".pdf",
        ".docx",
        ".xlsx",
        ".png",
        ".jpg",
        ".jpeg",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/png",
        "image/jpeg",
    ]
)


class EvidenceForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("What the file is, e.g. “MOLISA report on the child protection programme”."),
    )
    language = forms.ChoiceField(
        label=_("Language of the file"),
        choices=[("", "---------"), *EvidenceLanguage.choices],
    )
    file = forms.FileField(
        label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )
    is_public = forms.BooleanField(
        label=_("May be shown on the public pages"),
        required=False,
        help_text=_(
            "Once the accepted report is published, anyone may read and download this file. "
            "Leave it unticked for a file that is internal or names people."
        ),
    )
    # The form's client key (models, "Client keys"): sent twice, it keeps one file.
    key = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, at most %(limit)s. Office files "
            "with macros, old Office files (.doc, .xls) and archives (zip) are not accepted."
        ) % {"limit": filesizeformat(max_bytes())}
        if self.is_bound:
            # Keep the key that came with the form, so "Send again" is still the same upload.
            self.fields["key"].initial = None
