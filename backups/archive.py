"""Backup and restore of the whole portal: the database and MEDIA_ROOT in one archive.

An archive (``.tar.gz``) holds ``pathfinder-backup.json`` (what it is), the database as the
database's own tools save it, and ``media/`` (the kept PDFs):

- SQLite: a copy made with SQLite's online backup API, consistent even while the portal runs.
- PostgreSQL: ``pg_dump --format=custom``, restored with ``pg_restore`` in one transaction.

Not ``dumpdata``/``loaddata``: they go through the models, and loading fires the audit
history's signals, which record the activities' priorities again (extra history rows).
The database is saved before the media, so every file it names is in the archive.

A restore goes into an empty database only (and an empty MEDIA_ROOT): it refuses, changing
nothing, rather than mix two portals' rows.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.conf import settings
from django.db import connections

FORMAT = 1
MANIFEST = "pathfinder-backup.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def default_destination() -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return Path(settings.BACKUP_DIR) / f"pathfinder-{stamp}.tar.gz"


def create_backup(destination: Path, *, using: str = "default") -> Path:
    """Write the archive to ``destination`` (through a temporary name: never half a file)."""
    connection = connections[using]
    vendor = _vendor(connection)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / DATABASE_FILES[vendor]
        if vendor == "sqlite":
            _sqlite_dump(connection, database)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                  f"--file={database}"], connection)  # fmt: skip
        manifest = {
            "format": FORMAT,
            "vendor": vendor,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": database.name,
        }
        try:
            with tarfile.open(partial, "w:gz") as archive:
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
                archive.add(database, arcname=database.name)
                media_root = Path(settings.MEDIA_ROOT)
                if media_root.is_dir():
                    archive.add(media_root, arcname=MEDIA)
            partial.replace(destination)
        finally:
            partial.unlink(missing_ok=True)
    return destination


def restore_backup(source: Path, *, using: str = "default") -> dict[str, object]:
    """Restore the archive into the (empty) database and MEDIA_ROOT; returns its manifest.

    All or nothing: the whole archive is read (and so checked) and the media are put in
    place before the database is touched; if restoring the database fails, the media put
    in place are taken out again, so a refused or failed restore can simply be run again."""
    connection = connections[using]
    vendor = _vendor(connection)
    if not source.is_file():
        raise BackupError(f"No backup at {source}.")
    with tempfile.TemporaryDirectory() as work:
        manifest = _unpack(source, Path(work))
        if manifest["vendor"] != vendor:
            raise BackupError(
                f"This backup is of a {manifest['vendor']} database, and DATABASE_URL points "
                f"to a {vendor} one. Restore it into a {manifest['vendor']} database."
            )
        _refuse_unless_empty(connection)
        placed = _place_media(Path(work) / MEDIA, Path(settings.MEDIA_ROOT))
        try:
            _restore_database(Path(work) / str(manifest["database"]), connection, vendor)
        except BackupError as error:
            _remove(placed)
            raise BackupError(f"{error} Nothing was changed.") from None
        except BaseException:
            _remove(placed)
            raise
    return manifest


def _unpack(source: Path, work: Path) -> dict[str, object]:
    """Extract the whole archive into ``work`` and return its manifest; a file that is not
    a readable archive (another format, truncated, damaged) is refused with a message."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            manifest = _manifest(archive)
            database = str(manifest.get("database", ""))
            wanted = [
                m
                for m in archive.getmembers()
                if m.name == database or m.name.startswith(f"{MEDIA}/")
            ]
            if not any(m.name == database for m in wanted):
                raise BackupError(f"This backup holds no database ({database!r} is missing).")
            archive.extractall(work, members=wanted, filter="data")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(
            f"{source} is not a readable backup archive (not a .tar.gz written by `backup`, "
            f"or cut short or damaged: {error}). Nothing was changed."
        ) from None
    return manifest


def _place_media(unpacked: Path, media_root: Path) -> list[Path]:
    """Copy the archive's media into MEDIA_ROOT (which holds no files: checked before);
    returns what was created, deepest last, for ``_remove`` to undo. A MEDIA_ROOT that
    cannot take them (a file, not writable, a full disk) is refused, leaving it as it was."""
    created: list[Path] = []
    folders = sorted(p for p in unpacked.rglob("*") if p.is_dir())
    files = sorted(p for p in unpacked.rglob("*") if p.is_file())
    try:
        for target in [media_root, *(media_root / p.relative_to(unpacked) for p in folders)]:
            missing = [p for p in (target, *target.parents) if not p.exists()]
            target.mkdir(parents=True, exist_ok=True)
            created.extend(reversed(missing))
        for file in files:
            target = media_root / file.relative_to(unpacked)
            shutil.copy2(file, target)
            created.append(target)
    except OSError as error:
        _remove(created)
        raise BackupError(
            f"The files cannot be restored into MEDIA_ROOT ({media_root}): {error}. Point "
            "MEDIA_ROOT at an empty folder that can be written and run the restore again. "
            "Nothing was changed."
        ) from None
    return created


def _remove(created: list[Path]) -> None:
    """Undo ``_place_media``: the files, then the folders it made, deepest first."""
    for path in reversed(created):
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink(missing_ok=True)


def _restore_database(database: Path, connection, vendor: str) -> None:
    if vendor == "sqlite":
        try:
            _sqlite_restore(database, connection)
        except sqlite3.Error as error:
            raise BackupError(f"The backup's database cannot be restored: {error}.") from None
    else:
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", str(database)], connection, dbname_flag=True)  # fmt: skip


def _vendor(connection) -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _manifest(archive: tarfile.TarFile) -> dict[str, object]:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError):
        raise BackupError("This file is not a Pathfinder backup (no manifest).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _refuse_unless_empty(connection) -> None:
    tables = connection.introspection.table_names()
    if tables:
        name = connection.settings_dict["NAME"]
        raise BackupError(
            f"The database {name} is not empty ({len(tables)} tables, e.g. {tables[0]}). "
            "A backup is restored into an empty database only: create a new one (or drop "
            "this one), point DATABASE_URL at it and run the restore again. Nothing was changed."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) already holds files. Restore into an empty MEDIA_ROOT "
            "(move the files aside first). Nothing was changed."
        )


def _sqlite_dump(connection, target: Path) -> None:
    if connection.in_atomic_block:
        # SQLite's backup would wait forever for this connection's own transaction to end.
        raise BackupError("A backup cannot be taken inside a database transaction.")
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def _sqlite_restore(source: Path, connection) -> None:
    connection.ensure_connection()
    with sqlite3.connect(source) as saved:
        saved.backup(connection.connection)
    saved.close()


def _run(command: list[str], connection, *, dbname_flag: bool = False) -> None:
    """Run a PostgreSQL client tool against the connection's database."""
    options = connection.settings_dict
    environment = {**os.environ}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD")):  # fmt: skip
        if options.get(key):
            environment[variable] = str(options[key])
    name = options["NAME"]
    command = [*command, f"--dbname={name}"] if dbname_flag else [*command, name]
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    archive.addfile(info, io.BytesIO(content))
