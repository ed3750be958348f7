"""Fields and widgets the entry forms share: long text as people type it, options whose
first input carries the item's id (the label helpers they show live in reports.labels)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

NEXT_STEP_TEXT_LENGTH = 5000


class AnswerTextField(forms.CharField):
    """Long text as a person sees it: browsers send line breaks as CRLF; counting and
    comparing them as one character keeps the length limit and change digests honest."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


class BaseField(forms.CharField):
    """What an item was loaded with, for the conflict rule of ``services.answers``: its
    revision and the digest of its value, in one hidden input (``3:9f86d081884c7d65``),
    cleaned to ``(revision, digest)``. Blank: a new item, ``(0, "")``."""

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid": gettext_lazy(
            "This answer's page was out of date: reload the page and type your change again."
        ),
    }
    _FORMAT = re.compile(r"([0-9]{1,9}):([0-9a-f]{0,64})")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, strip=True, **kwargs)

    def to_python(self, value: Any) -> tuple[int, str]:
        text = super().to_python(value)
        if not text:
            return (0, "")
        match = self._FORMAT.fullmatch(text)
        if match is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return (int(match[1]), match[2])


def base_value(revision: int, digest: str) -> str:
    """The value of a ``BaseField`` input (entry.js composes it alike from an autosave)."""
    return f"{revision}:{digest}"


class _FirstOptionId:
    """The first option carries the field's own id (``id_<key>``), so the error summary
    and other pages reach every item the same way, whatever its kind."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        if index is None:
            return ""
        if str(index) == "0":
            return id_
        return super().id_for_label(id_, index)  # type: ignore[misc]


class ItemRadioSelect(_FirstOptionId, forms.RadioSelect):
    pass


class ItemCheckboxes(_FirstOptionId, forms.CheckboxSelectMultiple):
    pass
