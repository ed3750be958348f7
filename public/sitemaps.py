"""/public/sitemap.xml: every public page in every language, each with its alternates
(hreflang) and the date it last changed. The language is in the path (not Django's
i18n_patterns), so a location is reversed with the language Django's sitemap activates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.translation import get_language

from . import published


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = False
    changefreq = "monthly"

    def items(self) -> list[tuple[str, dict[str, str], datetime | None]]:
        found: list[tuple[str, dict[str, str], datetime | None]] = []
        for framework in published.published_frameworks():
            slug = framework.slug
            pages = published.sitemap_pages(framework=framework)
            found.append(("index", {"framework_slug": slug}, max(p[2] for p in pages)))
            found += [(name, {"framework_slug": slug, **kw}, when) for name, kw, when in pages]
        return found

    def location(self, item: Any) -> str:
        name, kwargs, _when = item
        return reverse(f"public:{name}", kwargs={"lang": get_language(), **kwargs})

    def lastmod(self, item: Any) -> datetime | None:
        return item[2]


SITEMAPS = {"public": PublicSitemap}
