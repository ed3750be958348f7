"""Write the public site out as static files: README, "Serving the public site as static
files". ``python manage.py export_public_site /srv/pathfinder-public --base-url
https://data.example.org``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from opendata.static_site import crawl, write

# Pages rendered afresh for the export, not taken from the running site's cache (whose
# pages may name another host in their absolute links).
FRESH_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "export-public-site",
    }
}


class Command(BaseCommand):
    help = "Writes every public page, the open data and the files they link into a folder."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--base-url",
            default="http://localhost",
            help="Where the files will be served (the pages' absolute links and site map).",
        )

    def handle(self, *args, folder: Path, base_url: str, **options) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CommandError("--base-url must be an http(s) URL, e.g. https://data.example.org")
        hosts = [*settings.ALLOWED_HOSTS, parts.hostname]
        with override_settings(CACHES=FRESH_CACHE, ALLOWED_HOSTS=hosts):
            cache.clear()  # a memory cache of this name outlives the block in the process
            try:
                site = crawl(base_url=base_url)
            finally:
                cache.clear()
        written = write(site, folder)
        self.stdout.write(f"{written} files written to {folder}")
        for url, status in sorted(site.missing.items()):
            # A public PDF the worker has not rendered yet answers 503: run it, then again.
            self.stderr.write(f"not exported ({status}): {url}")
