"""The Word upload: the file is read and checked while the form is cleaned, so every
refusal (not a .docx, damaged, password, macros, too large, a zip bomb, another
report's file) is a message at the field and nothing is stored."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from roadmap.models import Country

from ..models import Report, ReportingCycle
from ..services.word_import import check_identity
from ..word.reader import MAX_FILE_BYTES, ReadDocument, read_docx, refuse

ACCEPT = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class WordUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word file (.docx)"),
        help_text=_("A filled questionnaire, at most 20 MB. Nothing is saved before you confirm."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.document: ReadDocument | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before reading: a large upload is already on disk in a temporary file
        # (Django's upload handler), which is removed at the end of the request.
        if upload.size > MAX_FILE_BYTES:
            raise refuse("too_large")
        if upload.name.lower().endswith((".docm", ".dotm")):
            raise refuse("macro")
        self.document = read_docx(upload.read())
        check_identity(self.document.properties, self.report.country, self.report.cycle)
        return upload


class HistoryImportForm(forms.Form):
    """An admin's upload of a country's report of a past cycle."""

    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.order_by("name"))
    cycle = forms.ModelChoiceField(
        label=_("Reporting cycle"), queryset=ReportingCycle.objects.select_related("framework")
    )
    file = forms.FileField(
        label=_("Word file (.docx)"),
        help_text=_("The country's filled report for that cycle, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise refuse("too_large")
        if upload.name.lower().endswith((".docm", ".dotm")):
            raise refuse("macro")
        self.data_bytes = upload.read()
        return upload

    # Which field a refusal of the service belongs beside.
    FIELDS = {"report_exists": "cycle", "no_form": "cycle", "no_roadmap": "country"}

    def add_service_error(self, error) -> None:
        field = self.FIELDS.get(getattr(error, "code", None) or "", "file")
        self.add_error(field, error)
