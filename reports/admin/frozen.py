"""A questionnaire with handed-in reports is view-only in the admin, but for its
translations (as a frozen roadmap is: roadmap/admin.py). The model refuses the change
anyway (reports.freeze); the admin shows the fields read-only, offers no add or delete,
says why at the field when a form is posted regardless, and points to the way to change
the form: "Copy to another cycle", then edit the copy."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError

from ..freeze import (
    PARTS,
    QUESTIONNAIRE_FROZEN_MESSAGE,
    QUESTIONNAIRE_TRANSLATIONS_EDITABLE,
    check_questionnaire_part,
    frozen_fields,
    questionnaire_is_frozen,
)


def is_frozen(obj) -> bool:
    return obj is not None and obj.pk is not None and questionnaire_is_frozen(obj)


def form_fields(model, parent: str = "") -> list[str]:
    """What a frozen questionnaire keeps of ``model``, as form field names (the inline's
    parent, ``parent``, left out: the inline sets it)."""
    names = [name.removesuffix("_id") for name in frozen_fields(model)]
    return [name for name in names if name != parent]


class RefusedWhenFrozen:
    """A model form mixin: a change to a frozen questionnaire's part is an error of the form
    (at the parent field when that is what makes it one), not a 500 at save time."""

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.errors:
            return
        try:
            check_questionnaire_part(self.instance)
        except ValidationError as exc:
            parent = PARTS[type(self.instance)][2].removesuffix("_id")
            self.add_error(parent if parent in self.fields else None, exc)


class FrozenCheckForm(RefusedWhenFrozen, forms.ModelForm):
    pass


class FrozenQuestionnaireInline:
    """An inline (sections, questions, choices) whose parent ``obj`` is part of a frozen
    questionnaire: shown, never added, deleted or changed but for its translations."""

    form = FrozenCheckForm

    def has_add_permission(self, request, obj=None) -> bool:
        return not is_frozen(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not is_frozen(obj) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if is_frozen(obj):
            return form_fields(self.model, PARTS[self.model][2].removesuffix("_id"))
        return super().get_readonly_fields(request, obj)


class FrozenQuestionnaireAdmin:
    """A questionnaire, section or question admin: read-only (but for translations) and
    not deletable when its questionnaire is frozen, with a message saying how to change
    the form."""

    form = FrozenCheckForm

    def get_readonly_fields(self, request, obj=None):
        if is_frozen(obj):
            return form_fields(self.model)
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not is_frozen(obj) and super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        # "Delete selected" asks for no per-object permission: frozen rows listed as
        # protected make Django refuse the whole deletion.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed, [*protected, *(str(o) for o in objs if is_frozen(o))]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and is_frozen(obj):
            messages.warning(request, QUESTIONNAIRE_FROZEN_MESSAGE)
            messages.info(request, QUESTIONNAIRE_TRANSLATIONS_EDITABLE)
        return super().change_view(request, object_id, form_url, extra_context)
