"""The open-data files: each table as CSV (``reports.spreadsheets``, the portal's one CSV
writer: a byte-order mark for Excel, formulas neutralised, as the data API's files), the
Frictionless data package that describes them, a README in English and Vietnamese, and the
zips. Everything is worked out from ``Entry`` lists alone and nothing from the clock: the
same publications give byte-identical files (zip entries dated by the latest publication),
so a file's ETag only changes when something was published or withdrawn."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from reports.spreadsheets import csv_bytes

from .columns import Column
from .entries import Entry
from .tables import TABLES, Table

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # a zip entry's date when nothing is published
PACKAGE_TITLE = _("Alliance 8.7 pathfinder reports: published data")


def table_csv(table: Table, entries: Iterable[Entry]) -> bytes:
    return csv_bytes([c.name for c in table.columns], table.rows(entries))


def last_published(entries: Sequence[Entry]) -> dt.datetime:
    return max((e.published_at for e in entries), default=EPOCH).astimezone(dt.UTC)


def _both(text) -> dict[str, str]:
    texts = {}
    for code, suffix in (("en", ""), ("vi", "_vi")):
        with translation.override(code):
            texts[suffix] = str(text() if callable(text) else text)
    return texts


def _field(col: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": col.name, "type": col.type}
    for suffix, text in _both(col.title_text).items():
        field[f"title{suffix}"] = text
    for suffix, text in _both(col.description).items():
        field[f"description{suffix}"] = text
    if col.unit:
        field["unit"] = col.unit
    if col.name in ("country_code", "cycle"):
        field["constraints"] = {"required": True}
    return field


def resource(table: Table, *, name: str, path: str) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "name": name,
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        # The files start with a byte-order mark, so that Excel reads them as UTF-8.
        "encoding": "utf-8-sig",
    }
    for suffix, text in _both(table.title).items():
        descriptor[f"title{suffix}"] = text
    for suffix, text in _both(table.description).items():
        descriptor[f"description{suffix}"] = text
    descriptor["schema"] = {
        "fields": [_field(col) for col in table.columns],
        "primaryKey": table.primary_key,
    }
    return descriptor


def datapackage(
    *, name: str, source: str, entries: Sequence[Entry], resources: list[dict[str, Any]]
) -> dict[str, Any]:
    package: dict[str, Any] = {"name": name}
    for suffix, text in _both(PACKAGE_TITLE).items():
        package[f"title{suffix}"] = text
    licence = settings.PUBLIC_DATA_LICENSE
    package["licenses"] = [{"name": licence}] if licence else []
    package["sources"] = [{"title": source}]
    # The last publication the data holds, not when the file was written: the same data
    # gives the same package.
    package["created"] = last_published(entries).isoformat()
    package["resources"] = resources
    return package


def readme(*, heading: str, entries: Sequence[Entry], folders: bool) -> str:
    """The README.txt of a zip: what is in it, in English then Vietnamese."""
    parts = []
    for code in ("en", "vi"):
        with translation.override(code):
            lines = [heading, "=" * len(heading), ""]
            lines.append(
                str(
                    _(
                        "Reports of Alliance 8.7 pathfinder countries, as published. Last "
                        "published: %(date)s. Licence: %(licence)s."
                    )
                )
                % {
                    "date": last_published(entries).date().isoformat(),
                    "licence": settings.PUBLIC_DATA_LICENSE or "-",
                }
            )
            if folders:
                lines.append(str(_("One folder per country, named by its ISO code.")))
            lines.append("")
            for table in TABLES:
                lines.append(f"{table.name}.csv: {table.title}. {table.description}")
            lines.append(
                str(
                    _(
                        "datapackage.json describes every column (Frictionless Data). The CSV "
                        "files are UTF-8 with a byte-order mark."
                    )
                )
            )
            parts.append("\n".join(lines))
    return "\n\n\n".join(parts) + "\n"


def zip_bytes(files: dict[str, bytes], *, when: dt.datetime) -> bytes:
    """A zip whose bytes depend only on ``files`` and ``when``: entries in name order,
    each dated ``when`` (zips keep local times without a zone: UTC here)."""
    stamp = when.astimezone(dt.UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return out.getvalue()


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def country_files(*, framework: str, country_code: str, entries: Sequence[Entry]) -> dict:
    """The files of one country's zip, by name."""
    files = {f"{t.name}.csv": table_csv(t, entries) for t in TABLES}
    slug = f"{framework}-{country_code}".lower()
    name = entries[0].country_name if entries else country_code
    files["datapackage.json"] = _json(
        datapackage(
            name=slug,
            source=f"{name} ({framework})",
            entries=entries,
            resources=[resource(t, name=t.name, path=f"{t.name}.csv") for t in TABLES],
        )
    )
    files["README.txt"] = readme(heading=f"{name} ({framework})", entries=entries, folders=False)
    files["README.txt"] = files["README.txt"].encode()
    return files


def country_zip(*, framework: str, country_code: str, entries: Sequence[Entry]) -> bytes:
    files = country_files(framework=framework, country_code=country_code, entries=entries)
    return zip_bytes(files, when=last_published(entries))


def framework_zip(*, framework: str, entries: Sequence[Entry]) -> bytes:
    """Every country's files in a folder of its ISO code, and one data package over all."""
    by_country: dict[str, list[Entry]] = {}
    for entry in entries:
        by_country.setdefault(entry.country_code, []).append(entry)
    files: dict[str, bytes] = {}
    resources = []
    for code in sorted(by_country):
        own = by_country[code]
        for name, body in country_files(
            framework=framework, country_code=code, entries=own
        ).items():
            files[f"{code}/{name}"] = body
        resources += [
            resource(t, name=f"{code}-{t.name}".lower(), path=f"{code}/{t.name}.csv")
            for t in TABLES
        ]
    files["datapackage.json"] = _json(
        datapackage(name=framework.lower(), source=framework, entries=entries, resources=resources)
    )
    files["README.txt"] = readme(heading=framework, entries=entries, folders=True).encode()
    return zip_bytes(files, when=last_published(entries))
