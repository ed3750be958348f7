"""Serializer parts every resource shares: a data text in one language, a question's
choice labels in one language, and ``?fields=`` (the columns a client asks for)."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


def _follow(obj: Any, path: str) -> Any:
    for name in path.split(".") if path else []:
        obj = getattr(obj, name)
        if obj is None:
            return None
    return obj


@extend_schema_field(OpenApiTypes.STR)
class TextIn(serializers.Field):
    """``translations.Translatable.tr(field, language)`` of the object at ``path`` (dotted,
    from the row; "" for the row itself): the English source, or its translation with the
    English as fallback, as the portal's pages show it."""

    def __init__(self, field: str, *args: str, **kwargs) -> None:
        # TextIn("name", "vi") or, through a relation, TextIn("name", "theme", "vi").
        *path, self.language = args
        self.text_field, self.path = field, ".".join(path)
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        target = _follow(value, self.path)
        return None if target is None else target.tr(self.text_field, self.language)


@extend_schema_field({"type": "string", "nullable": True})
class ContributedBy(TextIn):
    """The name of the agency that wrote the row last (issue 24), in one language; null
    for the country team. An organisation, never a person. The agency comes joined with
    the row (``select_related``): no query."""

    def __init__(self, language: str, **kwargs) -> None:
        super().__init__("name", "agency", language, **kwargs)


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class ChoiceLabels(serializers.Field):
    """An answer's stored choice value(s) as the labels of its question's choices in one
    language (the choices come prefetched: no query)."""

    def __init__(self, language: str, **kwargs) -> None:
        self.language = language
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, answer: Any) -> list[str]:
        with translation.override(self.language):
            return answer.question.labels_of(answer.value)


class FieldsMixin:
    """``?fields=code,name`` keeps those fields of each row, in the serializer's order. A
    name the resource does not have answers 400 with the names it has."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        # A DRF request (the API) or a Django one (the files).
        params = getattr(request, "query_params", getattr(request, "GET", {}))
        wanted = params.get("fields", "")
        names = [name.strip() for name in wanted.split(",") if name.strip()]
        if not names:
            return
        unknown = [name for name in names if name not in self.fields]
        if unknown:
            message = _("Unknown field(s): %(unknown)s. This resource has: %(known)s.") % {
                "unknown": ", ".join(unknown),
                "known": ", ".join(self.fields),
            }
            raise serializers.ValidationError({"fields": [message]})
        for name in list(self.fields):
            if name not in names:
                self.fields.pop(name)
