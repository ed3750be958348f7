"""A field of the entry form as its template renders it (templates/reports/entry/fields/).

The entry page renders its fields with one small template per kind of widget, writing the
Bootstrap 5 markup directly, rather than through crispy-forms' nested per-field templates
and Django's widget templates: those were most of the cost of a section page (issue 14).
What a template needs is worked out once here, in Python: ids, the chosen options, the
``aria-describedby`` list. The markup contract the templates keep (and entry.js, the error
summary and the tests rely on): the field's id is ``id_<name>``, its wrapper
``div_id_<name>``, its help ``id_<name>_helptext``, its errors ``id_<name>_error``, which
the control (or, for options, their fieldset) names in ``aria-describedby``, with
``aria-invalid`` on the controls; the first option of a choice carries the field's id.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.forms.boundfield import BoundField
from django.forms.utils import ErrorList


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    id: str
    checked: bool


@dataclass(frozen=True)
class FieldView:
    name: str
    id: str
    label: str
    value: object
    help_text: str
    errors: ErrorList
    max_length: int | None
    options: tuple[Option, ...] = ()

    @property
    def described_by(self) -> str:
        ids = [f"{self.id}_helptext"] if self.help_text else []
        if self.errors:
            ids.append(f"{self.id}_error")
        return " ".join(ids)


def field_view(bound: BoundField, *, with_options: bool = False) -> FieldView:
    value = bound.value()
    options: tuple[Option, ...] = ()
    if with_options:
        # As Django's choice widgets compare: the value(s) as strings; the first option
        # carries the field's own id (forms.fields._FirstOptionId), the others _1, _2...
        values = value if isinstance(value, list | tuple) else [value]
        chosen = {str(v) for v in values if v is not None and v != ""}
        options = tuple(
            Option(
                value=str(choice),
                label=str(label),
                id=bound.auto_id if index == 0 else f"{bound.auto_id}_{index}",
                checked=str(choice) in chosen,
            )
            for index, (choice, label) in enumerate(bound.field.choices)
        )
    return FieldView(
        name=bound.html_name,
        id=bound.auto_id,
        label=bound.label,
        value="" if value is None else value,
        help_text=bound.help_text,
        errors=bound.errors,
        max_length=getattr(bound.field, "max_length", None),
        options=options,
    )
