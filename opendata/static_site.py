"""The whole public site written out as files (``manage.py export_public_site``), to be
served by any web server or CDN so a spike of readers never reaches the portal.

Each page is rendered by the portal itself, through Django's test ``Client`` (the same
views, middleware and templates as a reader gets): starting at ``/public/`` and the site
map, every link found under ``/public/`` and the static files is followed, so the export
holds exactly what the pages link (the open-data files, public PDFs and evidence files,
the CSS, fonts and icons they use) and nothing private can be reached that a reader could
not reach. A library such as django-distill would need every URL declared with its
parameters in its own URLconf; following links needs nothing of the public app.

The files are the served bytes, except links: with a base URL that has a path
(``https://cdn.example.org/mirror``), root-relative and absolute links gain that path; a
file served at a URL ending in ``/`` (an evidence download) is written under its file name
in that folder and linked there; a redirect is written as a page that forwards. A page is
written as ``index.html`` of its folder (``/public/en/`` is ``public/en/index.html``)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
from django.utils.html import escape

PUBLIC = "/public/"
SEEDS = ["/public/", "/public/sitemap.xml"]
TEXT_TYPES = ("text/html", "application/xml", "text/xml", "text/css")
# A link in a page, the site map or a style sheet: the attribute or tag before it, then
# the URL, absolute (this site's origin) or root-relative.
LINK = re.compile(
    r"""(?P<lead>(?:href|src|content)=["']|<loc>|url\(["']?)"""
    r"""(?P<origin>https?://[^/"'<>\s)]+)?(?P<path>/[^"'<>\s)#?]*)"""
)
CSS_URL = re.compile(r"""url\(["']?(?P<url>[^"')]+)["']?\)""")
FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?"?(?P<name>[^";]+)"?""")


def static_prefix() -> str:
    return "/" + settings.STATIC_URL.lstrip("/")


@dataclass
class Site:
    """What the crawl found: each URL's body, the links that move, what could not be had."""

    origin: str  # scheme://host of the pages' absolute links
    prefix: str  # the base URL's path, "" at the root
    bodies: dict[str, bytes] = field(default_factory=dict)  # URL path -> served bytes
    types: dict[str, str] = field(default_factory=dict)
    moved: dict[str, str] = field(default_factory=dict)  # URL path -> the file's URL path
    redirects: dict[str, str] = field(default_factory=dict)
    missing: dict[str, int] = field(default_factory=dict)  # URL path -> status

    def relink(self, body: bytes) -> bytes:
        """``body`` with its links to this site pointing into the export."""

        def move(match: re.Match) -> str:
            origin, path = match["origin"], match["path"]
            if (origin and origin != self.origin) or not in_scope(path):
                return match[0]
            return f"{match['lead']}{origin or ''}{self.prefix}{self.moved.get(path, path)}"

        if not self.prefix and not self.moved:
            return body
        return LINK.sub(move, body.decode()).encode()

    def files(self) -> Iterator[tuple[str, bytes]]:
        """(relative file path, bytes) of everything to write."""
        for url, body in self.bodies.items():
            text = self.types.get(url, "").startswith(TEXT_TYPES)
            yield file_path(self.moved.get(url, url)), self.relink(body) if text else body
        for url, target in self.redirects.items():
            where = escape(f"{self.prefix}{self.moved.get(target, target)}")
            page = (
                '<!doctype html>\n<html><head><meta charset="utf-8">'
                f'<meta http-equiv="refresh" content="0; url={where}">'
                f'<link rel="canonical" href="{where}"><title>{where}</title></head>'
                f'<body><a href="{where}">{where}</a></body></html>\n'
            )
            yield file_path(url), page.encode()


def in_scope(path: str) -> bool:
    return path.startswith((PUBLIC, static_prefix()))


def file_path(url: str) -> str:
    """The file a URL path is written to, relative to the export's folder."""
    path = posixpath.normpath(url)
    if path != url.rstrip("/") or not url.startswith("/"):  # "..", "//" or "." in it
        raise ValueError(f"not a plain path of the site: {url}")
    path = path.lstrip("/")
    return f"{path}/index.html" if url.endswith("/") else path


def static_file(url: str) -> bytes | None:
    """A static file's bytes: from the collected files (hashed names in production),
    else from the finders (development, tests)."""
    name = url.removeprefix(static_prefix())
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name, "rb") as handle:
            return handle.read()
    found = finders.find(name)
    return Path(found).read_bytes() if found else None


def _links(site: Site, url: str, body: bytes, content_type: str) -> list[str]:
    text = body.decode(errors="replace")
    found = [m["path"] for m in LINK.finditer(text) if m["origin"] in (None, site.origin)]
    if content_type.startswith("text/css"):
        found += [
            urljoin(url, m["url"])
            for m in CSS_URL.finditer(text)
            if not m["url"].startswith(("data:", "http:", "https:", "#"))
        ]
    return [urlsplit(link).path for link in found if in_scope(urlsplit(link).path)]


def crawl(*, base_url: str) -> Site:
    """Every public URL reachable from the seeds, fetched as an anonymous reader at
    ``base_url``'s host."""
    parts = urlsplit(base_url)
    site = Site(origin=f"{parts.scheme}://{parts.netloc}", prefix=parts.path.rstrip("/"))
    # A page that fails (500) is named with the others left out, not the end of the export.
    client = Client(HTTP_HOST=parts.netloc, raise_request_exception=False)
    secure = parts.scheme == "https"
    queue, seen = list(SEEDS), set(SEEDS)
    while queue:
        url = queue.pop(0)
        for link in _fetch(site, client, url, secure=secure):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return site


def _fetch(site: Site, client: Client, url: str, *, secure: bool) -> list[str]:
    if url.startswith(static_prefix()):
        body = static_file(url)
        if body is None:
            site.missing[url] = 404
            return []
        kind = "text/css" if url.endswith(".css") else ""
        site.bodies[url], site.types[url] = body, kind
        return _links(site, url, body, kind) if kind else []
    response = client.get(url, secure=secure)
    if response.status_code in (301, 302, 303, 307, 308):
        target = urlsplit(urljoin(url, response["Location"])).path
        site.redirects[url] = target
        return [target] if in_scope(target) else []
    if response.status_code != 200:
        site.missing[url] = response.status_code
        return []
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    site.bodies[url], site.types[url] = body, kind
    if url.endswith("/") and not kind.startswith("text/html"):
        # A file at a folder's URL: written under its own name there, and linked there.
        named = FILENAME.search(response.get("Content-Disposition", ""))
        name = posixpath.basename(named["name"]) if named else "file"
        site.moved[url] = f"{url}{name}"
    return _links(site, url, body, kind) if kind.startswith(TEXT_TYPES) else []


def write(site: Site, folder: Path) -> int:
    """The export's files under ``folder``; the number written."""
    count = 0
    for relative, body in site.files():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        count += 1
    return count
