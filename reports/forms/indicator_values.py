"""The indicator page's forms: one row per indicator (value, source, note, break-down).

Plain forms, not model forms: the service writes, and a form that never touches the
instance leaves what is stored intact for the side-by-side view of a refused stale save.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roadmap.models import Indicator
from translations.fields import LocalDecimalField

from ..digest import digest
from ..models import IndicatorValue
from ..services.activities import IndicatorValueData, stored_parts
from .breakdown import PartFormSet, parts_initial

Parts = tuple[tuple[str, Decimal], ...]


def fingerprint(
    value: Decimal | None, source: str, note: str, parts: Parts, partial: bool, text: str
) -> str:
    """A short digest of one indicator row, to tell which rows the person changed: a row
    they left alone is not written, so it cannot conflict with a colleague's save."""

    def cents(number: Decimal | None) -> str | None:
        # 2434, 2434.0 and 2434.00 are one value (forms and the database hold two places).
        return None if number is None else str(Decimal(number).quantize(Decimal("0.01")))

    return digest(
        cents(value), source, note, [(label, cents(n)) for label, n in parts], partial, text
    )


def stored_fingerprint(stored: IndicatorValue | None) -> str:
    if stored is None:
        return fingerprint(None, "", "", (), False, "")
    return fingerprint(
        stored.value,
        stored.source,
        stored.note,
        stored_parts(stored),
        stored.breakdown_partial,
        stored.breakdown_text,
    )


class IndicatorValueForm(forms.Form):
    value = LocalDecimalField(
        label=gettext_lazy("Value"), required=False, max_digits=16, decimal_places=2, min_value=0
    )
    source = forms.CharField(label=gettext_lazy("Source"), required=False, max_length=300)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    breakdown_partial = forms.BooleanField(
        label=gettext_lazy("These parts do not cover the whole value"),
        required=False,
    )
    # An old break-down that could not be read as parts: shown to be copied into rows or
    # corrected; emptied, it is gone.
    breakdown_text = forms.CharField(
        label=gettext_lazy("Break-down as first typed"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "It could not be read as parts. Type its parts in the rows above, then clear it."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    loaded = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, data=None, *, indicator: Indicator, stored: IndicatorValue | None, **kwargs):
        self.indicator = indicator
        self.stored = stored
        # What is stored now, when a save was refused because someone changed it.
        self.conflict: IndicatorValue | None = None
        self.conflicted = False
        kwargs.setdefault("prefix", f"ind-{indicator.pk}")
        kwargs.setdefault("initial", self.initial_for(stored))
        super().__init__(data, **kwargs)
        # Bound, no initial: a formset compares its extra rows with their initial values
        # and skips those unchanged, and a row typed exactly as stored now (a colleague's
        # save, a save sent twice) is still a row the person means.
        self.parts = PartFormSet(
            data,
            prefix=self.add_prefix("parts"),
            initial=parts_initial(stored) if data is None else None,
        )
        if not (stored and stored.breakdown_text) and not self["breakdown_text"].value():
            self.fields["breakdown_text"].widget = forms.HiddenInput()

    @staticmethod
    def initial_for(stored: IndicatorValue | None) -> dict:
        if stored is None:
            return {"revision": 0, "loaded": stored_fingerprint(None)}
        return {
            "value": stored.value,
            "source": stored.source,
            "note": stored.note,
            "breakdown_partial": stored.breakdown_partial,
            "breakdown_text": stored.breakdown_text,
            "revision": stored.revision,
            "loaded": stored_fingerprint(stored),
        }

    def is_valid(self) -> bool:
        # Both, always: every error is shown, the row's and its parts'.
        return all([super().is_valid(), self.parts.is_valid()])

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(self.parts.errors) or bool(self.parts.non_form_errors())

    def clean(self):
        data = super().clean()
        has_details = data.get("source") or data.get("note") or data.get("breakdown_text")
        has_parts = self.parts.is_bound and self.parts.is_valid() and self.parts.parts()
        if data.get("value") is None and "value" not in self.errors and (has_details or has_parts):
            self.add_error(
                "value",
                ValidationError(
                    _("Enter the value, or clear the source, note and break-down."),
                    code="value_required",
                ),
            )
        return data

    def typed_parts(self) -> Parts:
        return self.parts.parts()

    def typed_fingerprint(self) -> str:
        data = self.cleaned_data
        return fingerprint(
            data["value"],
            data["source"],
            data["note"],
            self.typed_parts(),
            data["breakdown_partial"],
            data["breakdown_text"],
        )

    @property
    def changed_by_user(self) -> bool:
        return self.typed_fingerprint() != self.cleaned_data.get("loaded")

    def to_data(self) -> IndicatorValueData:
        data = self.cleaned_data
        has_value = data["value"] is not None
        return IndicatorValueData(
            indicator=self.indicator,
            revision=data["revision"] or 0,
            value=data["value"],
            source=data["source"],
            note=data["note"],
            parts=self.typed_parts() if has_value else (),
            breakdown_partial=data["breakdown_partial"] and has_value,
            breakdown_text=data["breakdown_text"],
        )

    def take_current(self, stored: IndicatorValue | None) -> None:
        """After a refused stale save: show what is stored now and carry its revision."""
        self.conflicted = True
        self.conflict = stored
        self.data = self.data.copy()
        self.data[self.add_prefix("revision")] = str(stored.revision if stored else 0)
        self.data[self.add_prefix("loaded")] = stored_fingerprint(stored)


class IndicatorValuesFormSet:
    """One ``IndicatorValueForm`` per indicator, keyed by the indicator (prefix
    ``ind-<id>``) rather than by position, so an indicator added meanwhile cannot shift
    what a row means, and a crafted POST cannot name an indicator the page did not offer."""

    def __init__(
        self,
        data=None,
        *,
        indicators: list[Indicator],
        stored: dict[int, IndicatorValue],
    ) -> None:
        self.forms = [
            IndicatorValueForm(data, indicator=i, stored=stored.get(i.pk)) for i in indicators
        ]

    def __iter__(self):
        return iter(self.forms)

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])

    @property
    def invalid_forms(self) -> list[IndicatorValueForm]:
        return [form for form in self.forms if form.is_bound and form.has_errors]

    def changed_rows(self) -> list[IndicatorValueData]:
        return [form.to_data() for form in self.forms if form.changed_by_user]

    def error_list(self) -> list[dict[str, str]]:
        """Every error with the id of its input, for the autosave's reply."""
        errors = []
        for form in self.invalid_forms:
            fields = [form[name] for name in form.errors if name != "__all__"]
            for part in form.parts.forms:
                fields += [part[name] for name in part.errors if name != "__all__"]
            for field in fields:
                errors += [{"id": field.id_for_label, "message": e} for e in field.errors]
            for message in form.non_field_errors() + list(form.parts.non_form_errors()):
                errors.append({"id": form["value"].id_for_label, "message": message})
        return errors
