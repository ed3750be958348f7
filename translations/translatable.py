"""Texts held as data in more than one language: the questionnaire's and the roadmap's.

One source: the plain field is the English text, ``translations`` holds the others as
``{"vi": {"name": "…"}}``. A text missing in a language falls back to the English, so a
half-translated roadmap still reads whole. ``TRANSLATED_FIELDS`` names what may be
translated: the admin offers one ordinary field per language for each, and the exports
give both languages of each.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

SOURCE_LANGUAGE = "en"


def active_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def other_languages() -> list[str]:
    """The languages a translation is kept for: every one but the English source."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


class Translatable(models.Model):
    TRANSLATED_FIELDS: tuple[str, ...] = ()

    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('Texts in other languages, e.g. {"vi": {"text": "…"}}.'),
    )

    class Meta:
        abstract = True

    def tr(self, field: str, language: str | None = None) -> str:
        """``field`` in ``language`` (the active one by default), else the English."""
        language = language or active_language()
        if language != SOURCE_LANGUAGE:
            translated = (self.translations or {}).get(language, {}).get(field)
            if translated:
                return translated
        return getattr(self, field)

    def in_every_language(self, field: str) -> dict[str, str]:
        """``{"en": …, "vi": …}``: what an export's text column gives."""
        return {code: self.tr(field, code) for code, _name in settings.LANGUAGES}
