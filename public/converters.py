"""Path converters of the public pages: the language and a country code in the URL."""

from __future__ import annotations

from django.conf import settings


class LanguageConverter:
    """One of the portal's languages (``en``, ``vi``): anything else is not a page (404)."""

    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class CountryCodeConverter:
    """An ISO 3166-1 alpha-2 code, lower case in URLs (``vn``); the views get ``VN``."""

    regex = "[a-z]{2}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value.lower()
