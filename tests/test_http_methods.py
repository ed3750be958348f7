"""Every view of the project states the HTTP methods it answers (``require_GET``,
``require_POST``, ``require_http_methods``): any other method gets 405 before the view
runs, rather than a GET page rendered for a PUT or a write attempted on a HEAD."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PROJECT_MODULES = (
    "reports.",
    "pathfinder.",
    "roadmap.",
    "tokens.",
    "odata.",
    "api.",
    "public.",
    "opendata.",
    "search.",
)
# A value each path converter accepts; the method check runs before any lookup.
SAMPLE = {
    "IntConverter": 1,
    "StringConverter": "x",
    "SlugConverter": "submit",
    "PathConverter": "x",
    "LanguageConverter": "en",
    "CountryCodeConverter": "VN",
}


def _project_urls(patterns=None, namespace: str = "") -> list[str]:
    urls = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's admin, whose views check their methods themselves
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            urls += _project_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.callback.__module__.startswith(
            PROJECT_MODULES
        ):
            # The API's router writes regular expressions (no converter): a number fits.
            converters = pattern.pattern.converters
            kwargs = {
                name: SAMPLE[type(converters[name]).__name__] if name in converters else 1
                for name in pattern.pattern.regex.groupindex
            }
            urls.append(reverse(f"{namespace}{pattern.name}", kwargs=kwargs))
    return urls


def test_the_walk_finds_every_project_view():
    urls = _project_urls()
    assert "/" in urls
    assert "/reports/1/activities/add/" in urls
    assert "/reports/1/word/import/" in urls
    assert "/reports/open/" in urls
    # 21 before the Word pages (download, upload, preview, past years) and notices; help;
    # the site icon; a focal point opening a report; an earlier revision's PDF; the
    # indicator page's autosave; evidence files (attach, download, remove); the Connect
    # page, a new token, revoking one, whoami; the OData feed's service document,
    # $metadata, entity set and its $count. The API: its root, schema, docs, a list and a
    # row of each of its 15 resources, the board, the files and the data package. The
    # public pages: root, sitemap, frameworks, index, country, report, its PDF, a file.
    # Open data: a country's CSV and zip, a framework's zip.
    # The search page and its export (CSV, XLSX). Issue 24: the assignments page and an
    # assignment's actions, inviting a contributor, the invitation link and its "ask for a
    # new link"; who owes what, its "remind now", a reporter's "ready for the focal point".
    # An evidence file's "show on the public pages" (or not), after upload.
    assert "/reports/1/evidence/1/public/" in urls
    assert "/api/v1/reports/1/" in urls
    assert "/search/" in urls
    assert "/search/export.x" in urls
    assert "/public/en/submit/vn/submit/" in urls
    assert "/public/data/submit/submit.zip" in urls
    assert "/reports/1/assignments/" in urls
    assert "/reports/1/assignments/owed/" in urls
    assert len(urls) == 100


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_every_project_view_refuses_methods_it_does_not_state(client, admin_user, method):
    client.force_login(admin_user)
    answers = {url: getattr(client, method)(url).status_code for url in _project_urls()}
    assert {url: status for url, status in answers.items() if status != 405} == {}
