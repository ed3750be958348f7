"""The feeds' addresses, kept in one place: the Connect page shows them and fills its
snippets with them. The API, the files and the OData feed are other apps (issue 21's
other parts); when they are merged these paths become ``reverse()`` calls here, and
nothing else changes."""

from __future__ import annotations

from dataclasses import dataclass

API_ROOT = "/api/v1/"
API_DOCS = "/api/v1/docs/"
API_SCHEMA = "/api/v1/schema/"
FILES_ROOT = "/api/v1/files/"
DATAPACKAGE = "/api/v1/files/datapackage.json"
ODATA_ROOT = "/odata/v4/{code}/"
WHOAMI = "/connect/whoami/"
# The resources served as files; their names follow the API's lists.
FILE_RESOURCES = (
    "countries",
    "reports",
    "answers",
    "next-steps",
    "activities",
    "indicator-values",
)


@dataclass(frozen=True)
class FeedUrls:
    """The absolute addresses for one framework (``code``: the framework's short name)."""

    code: str
    name: str
    odata: str
    api: str
    reports: str
    csv: tuple[tuple[str, str], ...]
    xlsx: tuple[tuple[str, str], ...]


def feed_urls(*, base: str, code: str, name: str) -> FeedUrls:
    """``base``: the site's address without a trailing slash (https://portal.example)."""
    return FeedUrls(
        code=code,
        name=name,
        odata=base + ODATA_ROOT.format(code=code),
        api=base + API_ROOT,
        reports=f"{base}{API_ROOT}reports/?framework={code}",
        csv=tuple((r, f"{base}{FILES_ROOT}{r}.csv?framework={code}") for r in FILE_RESOURCES),
        xlsx=tuple((r, f"{base}{FILES_ROOT}{r}.xlsx?framework={code}") for r in FILE_RESOURCES),
    )


def service_urls(*, base: str) -> dict[str, str]:
    return {
        "api": base + API_ROOT,
        "docs": base + API_DOCS,
        "schema": base + API_SCHEMA,
        "datapackage": base + DATAPACKAGE,
        "whoami": base + WHOAMI,
    }
