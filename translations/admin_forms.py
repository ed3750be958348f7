"""Translations edited as ordinary fields: "Text (Vietnamese)" beside "Text".

A ``Translatable`` model keeps its other languages in one JSON column; an admin should not
have to write that JSON by hand. ``TranslationsForm`` gives a model form one field per
(translated field, other language), named ``<field>_<language>`` (``text_vi``), of the same
kind as the source field, and writes them back into ``translations`` on save (a blank text
is dropped, so the English shows). ``TranslationsAdmin`` puts those fields beside their
source in every admin form and inline, and hides the raw JSON.

Driven by the model's ``TRANSLATED_FIELDS`` and ``settings.LANGUAGES``: nothing here names a
model or a language.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.forms.models import ALL_FIELDS, ModelFormMetaclass
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from .translatable import Translatable, other_languages

TRANSLATIONS = "translations"


def translation_name(field: str, language: str) -> str:
    return f"{field}_{language}"


def language_name(language: str):
    return dict(settings.LANGUAGES).get(language, language)


def translation_names(model: type[models.Model]) -> dict[str, tuple[str, str]]:
    """``{"text_vi": ("text", "vi"), ...}`` for ``model`` (empty if not translatable)."""
    if not issubclass(model, Translatable):
        return {}
    return {
        translation_name(field, language): (field, language)
        for field in model.TRANSLATED_FIELDS
        for language in other_languages()
    }


def with_translations(model: type[models.Model], names: Iterable) -> list:
    """``names`` (an admin's field list) with each translated field followed by its
    translations, and without the raw ``translations`` column."""
    own = translation_names(model)
    result: list = []
    for name in names:
        if name == TRANSLATIONS or name in own:
            continue
        if isinstance(name, (list, tuple)):  # fields on one line: translations below them
            result.append(with_translations(model, name))
            continue
        result.append(name)
        if isinstance(name, str) and name in getattr(model, "TRANSLATED_FIELDS", ()):
            result.extend(translation_name(name, language) for language in other_languages())
    return result


def translation_field(model: type[models.Model], field: str, language: str) -> forms.Field:
    db_field = model._meta.get_field(field)
    return db_field.formfield(
        required=False,
        label=format_lazy(
            _("{field} ({language})"),
            field=capfirst(db_field.verbose_name),
            language=language_name(language),
        ),
        help_text="",
    )


class TranslationsFormMetaclass(ModelFormMetaclass):
    """Declares the model's translation fields, so a form made from this one by the admin
    (``modelform_factory`` with the field names it lists) finds them."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta") or next((b.Meta for b in bases if hasattr(b, "Meta")), None)
        model = getattr(meta, "model", None)
        if model is not None:
            for key, (field, language) in translation_names(model).items():
                attrs.setdefault(key, translation_field(model, field, language))
        return super().__new__(mcs, name, bases, attrs)


class TranslationsForm(forms.ModelForm, metaclass=TranslationsFormMetaclass):
    """A model form with the translation fields it is asked for.

    Which ones: those named in ``Meta.fields`` (the admin lists them beside their source),
    or all of them with ``"__all__"``. A translation whose source is read-only in the form
    stays editable (a frozen indicator's name keeps its Vietnamese editable)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._translations = self._shown_translations()
        stored = self.instance.translations or {}
        for name, (field, language) in self._translations.items():
            source = self.fields.get(field)
            if source is not None:
                # The same kind of widget as the English (the admin's textarea for a
                # TextField, its wide input for a title), so the two read alike.
                self.fields[name].widget = copy.deepcopy(source.widget)
            if name not in self.initial:
                self.initial[name] = (stored.get(language) or {}).get(field, "")
        for name in set(translation_names(self._meta.model)) - set(self._translations):
            self.fields.pop(name, None)
        self.fields.pop(TRANSLATIONS, None)

    def _shown_translations(self) -> dict[str, tuple[str, str]]:
        own = translation_names(self._meta.model)
        listed = self._meta.fields
        if listed is None or listed == ALL_FIELDS:
            return own
        return {name: pair for name, pair in own.items() if name in listed}

    def translated_texts(self) -> dict[str, dict[str, str]]:
        """What the translation fields say, by language (blank texts left out)."""
        texts: dict[str, dict[str, str]] = {}
        for name, (field, language) in self._translations.items():
            value = (self.cleaned_data.get(name) or "").strip()
            if value:
                texts.setdefault(language, {})[field] = value
        return texts

    def _post_clean(self) -> None:
        super()._post_clean()
        if not self._translations:
            return
        # Start from what is stored: a language or a text this form does not show (the
        # guidance, in the questions inline) is kept as it is.
        merged = copy.deepcopy(self.instance.translations or {})
        texts = self.translated_texts()
        for name, (field, language) in self._translations.items():
            if name in self.errors:
                continue
            if field in texts.get(language, {}):
                merged.setdefault(language, {})[field] = texts[language][field]
            else:
                merged.get(language, {}).pop(field, None)
        self.instance.translations = {lang: t for lang, t in merged.items() if t}


def translations_form(
    form: type[forms.ModelForm], model: type[models.Model]
) -> type[forms.ModelForm]:
    """``form`` with ``TranslationsForm``'s behaviour (unchanged if it has it)."""
    if issubclass(form, TranslationsForm) and form._meta.model is not None:
        return form
    attrs = {}
    if getattr(form, "_meta", None) is None or form._meta.model is None:
        attrs["Meta"] = type("Meta", (), {"model": model, "exclude": [TRANSLATIONS]})
    return type(form.__name__, (TranslationsForm, form), attrs)


def shown_column(model: type[models.Model], field: str):
    """A changelist column: ``field`` in the active language."""

    @admin.display(description=capfirst(model._meta.get_field(field).verbose_name), ordering=field)
    def column(obj: Translatable) -> str:
        return obj.tr(field)

    column.__name__ = field  # the changelist's CSS class and sort key
    return column


class TranslationsAdmin:
    """For a ``ModelAdmin`` or an inline of a ``Translatable`` model: the translation
    fields beside their source, in every form it shows, and the raw JSON never."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.form = translations_form(self.form, self.model)

    def get_fields(self, request, obj=None) -> Sequence:
        return with_translations(self.model, super().get_fields(request, obj))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.fieldsets:
            return fieldsets  # built from get_fields, already expanded
        return [
            (title, {**options, "fields": with_translations(self.model, options["fields"])})
            for title, options in fieldsets
        ]

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or ()), TRANSLATIONS]

    def get_list_display(self, request) -> Sequence:
        # A list column of a translated field reads in the admin's language (sorted by
        # the English source, the column the database holds).
        return [
            shown_column(self.model, name)
            if isinstance(name, str) and name in getattr(self.model, "TRANSLATED_FIELDS", ())
            else name
            for name in super().get_list_display(request)
        ]

    def __getattr__(self, name: str):
        # A page shown read-only (view permission only, a frozen roadmap) shows the
        # translations as text: Django's read-only fields look them up on the admin.
        model = self.__dict__.get("model") or getattr(type(self), "model", None)
        pair = translation_names(model).get(name) if model is not None else None
        if pair is None:
            raise AttributeError(name)
        field, language = pair

        @admin.display(description=translation_field(model, field, language).label)
        def shown(obj: Translatable) -> str:
            return ((obj.translations or {}).get(language) or {}).get(field, "")

        return shown
