"""An indicator value's break-down: one row per part (a label and a number).

A formset with a spare row; the page's "Add a part" button posts the form back with one
more row (no script needed), indicators.js adds rows in place. A row left empty is no
part, so clearing a row removes it. Errors are said at the row's field.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from translations.fields import LocalDecimalField

from ..models import IndicatorValue, IndicatorValuePart

_COLUMN = IndicatorValuePart._meta.get_field("amount")
MAX_PARTS = 50
LABEL_LENGTH = IndicatorValuePart._meta.get_field("label").max_length


class PartForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Part"), required=False, max_length=LABEL_LENGTH)
    amount = LocalDecimalField(
        label=gettext_lazy("Number"),
        required=False,
        min_value=0,
        max_digits=_COLUMN.max_digits,
        decimal_places=_COLUMN.decimal_places,
    )

    def clean(self):
        data = super().clean()
        label = " ".join((data.get("label") or "").split())
        data["label"] = label
        amount = data.get("amount")
        if label and amount is None and "amount" not in self.errors:
            self.add_error(
                "amount",
                ValidationError(
                    _("Enter the number for “%(label)s”, or clear the row."),
                    code="part_amount_required",
                    params={"label": label},
                ),
            )
        if not label and (amount is not None or "amount" in self.errors):
            self.add_error(
                "label",
                ValidationError(
                    _("Name this part, e.g. “counselling”, or clear the row."),
                    code="part_label_required",
                ),
            )
        return data

    def part(self) -> tuple[str, Decimal] | None:
        data = self.cleaned_data
        if not data.get("label") or data.get("amount") is None:
            return None
        return data["label"], data["amount"]


class BasePartFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        seen: set[str] = set()
        for form in self.forms:
            label = form.cleaned_data.get("label") if hasattr(form, "cleaned_data") else ""
            if not label:
                continue
            if label.casefold() in seen:
                form.add_error(
                    "label",
                    ValidationError(
                        _("“%(label)s” is listed twice: give each part its own label."),
                        code="part_duplicate",
                        params={"label": label},
                    ),
                )
            seen.add(label.casefold())

    def parts(self) -> tuple[tuple[str, Decimal], ...]:
        return tuple(p for p in (form.part() for form in self.forms) if p is not None)


PartFormSet = forms.formset_factory(
    PartForm,
    formset=BasePartFormSet,
    extra=1,
    max_num=MAX_PARTS,
    absolute_max=MAX_PARTS,
    validate_max=True,
)


def parts_initial(stored: IndicatorValue | None) -> list[dict]:
    if stored is None:
        return []
    return [{"label": part.label, "amount": part.amount} for part in stored.parts.all()]


def with_one_more_row(data, prefix: str):
    """The posted data with one more (empty) row in the formset ``prefix``: the page's
    "Add a part" button, which saves nothing and loses nothing typed."""
    data = data.copy()
    name = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(name, "0"))
    except ValueError:
        return data
    if 0 <= total < MAX_PARTS:
        data[name] = str(total + 1)
    return data
