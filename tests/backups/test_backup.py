"""`backup` and `restore`: the demo, backed up and restored into a fresh database, is the
same row by row, audit history included, with its kept PDFs (issue 8, item 11).

The commands run as an operator runs them, in their own processes with DATABASE_URL and
MEDIA_ROOT set: SQLite always; PostgreSQL when the suite runs on it (its own databases,
named after the suite's with _backup_src / _backup_dst).
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import environ
import psycopg2
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg2 import sql

from backups.archive import DATABASE_FILES

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pathfinder.settings",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class SQLite:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path

    def url(self, name: str) -> str:
        return f"sqlite:///{self.tmp_path / name}.sqlite3"

    def create(self, name: str) -> None:
        """Nothing to do: SQLite makes the file on first use (and tmp_path goes away)."""

    def drop(self, name: str) -> None:
        """As for create."""

    def tables(self, name: str) -> dict[str, list]:
        with sqlite3.connect(self.tmp_path / f"{name}.sqlite3") as db:
            names = [
                row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            # Table names come from the database's own catalogue.
            query = 'SELECT * FROM "{}"'
            return {table: _sorted(db.execute(query.format(table))) for table in names}


class PostgreSQL:
    def __init__(self, base: dict) -> None:
        self.base = base
        self.prefix = base["NAME"]

    def url(self, name: str) -> str:
        b = self.base
        password = f":{b['PASSWORD']}" if b.get("PASSWORD") else ""
        return f"postgres://{b['USER']}{password}@{b['HOST']}:{b['PORT']}/{self.prefix}_{name}"

    def _connect(self, dbname: str):
        b = self.base
        return psycopg2.connect(
            dbname=dbname, user=b["USER"], password=b.get("PASSWORD"), host=b["HOST"],
            port=b["PORT"],
        )  # fmt: skip

    def _admin(self, *statements: str) -> None:
        admin = self._connect("postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        admin.close()

    def create(self, name: str) -> None:
        self.drop(name)
        self._admin(f'CREATE DATABASE "{self.prefix}_{name}"')

    def drop(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.prefix}_{name}" WITH (FORCE)')

    def tables(self, name: str) -> dict[str, list]:
        with self._connect(f"{self.prefix}_{name}") as db, db.cursor() as cursor:
            cursor.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
            result = {}
            for (table,) in cursor.fetchall():
                cursor.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))
                result[table] = _sorted(cursor.fetchall())
            # Sequences too: a restored portal must not reuse the ids of restored rows.
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences")
            result["(sequences)"] = _sorted(cursor.fetchall())
            return result


def _sorted(rows) -> list:
    return sorted((tuple(row) for row in rows), key=repr)


def _engines():
    # One of the two per run of the suite: .ci/run runs it on SQLite, then on PostgreSQL.
    yield pytest.param(
        "sqlite",
        id="sqlite",
        marks=pytest.mark.skipif(
            connection.vendor != "sqlite", reason="the suite runs on PostgreSQL"
        ),
    )
    yield pytest.param(
        "postgresql",
        id="postgresql",
        marks=pytest.mark.skipif(
            connection.vendor != "postgresql", reason="the suite runs on SQLite"
        ),
    )


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("engine", list(_engines()))
def test_the_demo_backed_up_and_restored_is_the_same_row_by_row(engine, tmp_path, request):
    db = SQLite(tmp_path) if engine == "sqlite" else PostgreSQL(environ.Env().db("DATABASE_URL"))
    for name in ("src", "dst"):
        request.addfinalizer(lambda name=name: db.drop(name))
    source_media, restored_media = tmp_path / "media-src", tmp_path / "media-dst"
    archive = tmp_path / "backups" / "demo.tar.gz"
    for name in ("src", "dst"):
        db.create(name)
    source = {"database_url": db.url("src"), "media_root": source_media}
    restored = {"database_url": db.url("dst"), "media_root": restored_media}

    ok(manage("migrate", "--noinput", **source))
    ok(manage("seed_demo", **source))
    # Renders the accepted report's PDF, which is kept in MEDIA_ROOT.
    pdf = f"--output={tmp_path / 'accepted.pdf'}"
    ok(manage("render_report", "--country", "VN", "--cycle", "2021-2022", pdf, **source))
    assert "Backup written to" in ok(manage("backup", f"--output={archive}", **source))

    assert "Restored" in ok(manage("restore", str(archive), **restored))

    before, after = db.tables("src"), db.tables("dst")
    assert sorted(after) == sorted(before)
    for table, rows in before.items():
        assert after[table] == rows, table
    # The audit history came along, and there was some to bring.
    history = [t for t in before if "_historical" in t]
    assert history and any(before[t] for t in history)
    # The kept PDFs are in the restored MEDIA_ROOT, byte for byte.
    kept = _files(restored_media)
    assert kept == _files(source_media)
    # The file column is the one value of a kept document that is a path (folder/name.pdf);
    # columns are matched by value because their order differs between the engines.
    files = [
        value
        for row in after["reports_keptdocument"]
        for value in row
        if isinstance(value, str) and value.endswith(".pdf") and "/" in value
    ]
    assert files and all(kept[name].startswith(b"%PDF") for name in files)
    # The demo's evidence files (issue 20): in the archive, and back in MEDIA_ROOT.
    evidence = [
        value
        for row in after["reports_evidence"]
        for value in row
        if isinstance(value, str) and value.startswith("evidence/")
    ]
    with tarfile.open(archive) as packed:
        packed_names = set(packed.getnames())
    assert len(evidence) == 4
    assert all(f"media/{name}" in packed_names for name in evidence)
    assert all(kept[name].startswith(b"%PDF") for name in evidence)

    # A second restore finds a database that is no longer empty, and changes nothing.
    again = manage("restore", str(archive), **restored)
    assert again.returncode != 0
    assert "is not empty" in again.stderr and "Nothing was changed" in again.stderr
    assert db.tables("dst") == after


# Committed rows, as the command sees them in production (no transaction around it).
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path, settings, alice):
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert {"pathfinder-backup.json", DATABASE_FILES[connection.vendor]} <= set(names)

    with pytest.raises(CommandError, match=r"is not empty .* Nothing was changed"):
        call_command("restore", archive)


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    stray = tmp_path / "notes.tar.gz"
    with tarfile.open(stray, "w:gz") as archive:
        archive.add(__file__, arcname="notes.txt")
    with pytest.raises(CommandError, match="not a Pathfinder backup"):
        call_command("restore", stray)


def _database(engine: str, tmp_path: Path, request) -> SQLite | PostgreSQL:
    """An empty database named ``dst`` of the suite's engine, dropped afterwards."""
    db = SQLite(tmp_path) if engine == "sqlite" else PostgreSQL(environ.Env().db("DATABASE_URL"))
    request.addfinalizer(lambda: db.drop("dst"))
    db.create("dst")
    return db


def _archive(path: Path, *, vendor: str, database: bytes, media: dict[str, bytes]) -> Path:
    """An archive laid out as ``backup`` writes one, with the given contents."""
    with tarfile.open(path, "w:gz") as archive:
        manifest = {"format": 1, "vendor": vendor, "created": "2026-12-01T03:00:00+00:00"}
        manifest["database"] = DATABASE_FILES[vendor]
        for name, content in [
            ("pathfinder-backup.json", json.dumps(manifest).encode()),
            (DATABASE_FILES[vendor], database),
            *((f"media/{name}", content) for name, content in media.items()),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


@pytest.mark.parametrize("engine", list(_engines()))
@pytest.mark.django_db(transaction=True)
def test_a_restore_that_cannot_write_the_media_changes_nothing_and_can_be_run_again(
    engine, tmp_path, request, settings, alice
):
    """MEDIA_ROOT a file: refused before the database is touched (it stays empty, so the
    same restore, MEDIA_ROOT fixed, then goes through)."""
    settings.MEDIA_ROOT = tmp_path / "media-src"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "kept.pdf").write_bytes(b"%PDF-1.7 kept")
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    db = _database(engine, tmp_path, request)
    not_a_folder = tmp_path / "media-is-a-file"
    not_a_folder.write_text("not a folder")

    failed = manage("restore", str(archive), database_url=db.url("dst"), media_root=not_a_folder)

    assert failed.returncode != 0
    assert "cannot be restored into MEDIA_ROOT" in failed.stderr
    assert "Nothing was changed" in failed.stderr and "Traceback" not in failed.stderr
    assert db.tables("dst") in ({}, {"(sequences)": []})
    assert not_a_folder.read_text() == "not a folder"

    media = tmp_path / "media-dst"
    ok(manage("restore", str(archive), database_url=db.url("dst"), media_root=media))
    assert any(row[4] == "alice" for row in db.tables("dst")["auth_user"])
    assert (media / "documents" / "kept.pdf").read_bytes() == b"%PDF-1.7 kept"


@pytest.mark.parametrize("engine", list(_engines()))
def test_a_restore_whose_database_fails_takes_its_media_out_again(engine, tmp_path, request):
    db = _database(engine, tmp_path, request)
    archive = _archive(
        tmp_path / "damaged.tar.gz",
        vendor=engine,
        database=b"these bytes are no database dump",
        media={"documents/kept.pdf": b"%PDF-1.7 kept"},
    )
    media = tmp_path / "media-dst"

    failed = manage("restore", str(archive), database_url=db.url("dst"), media_root=media)

    assert failed.returncode != 0
    assert "Nothing was changed" in failed.stderr and "Traceback" not in failed.stderr
    assert not media.exists()
    assert db.tables("dst") in ({}, {"(sequences)": []})


def test_restore_refuses_a_file_that_is_no_archive_with_a_message(tmp_path):
    stray = tmp_path / "notes.tar.gz"
    stray.write_text("Meeting notes, not a backup.")
    with pytest.raises(CommandError, match=r"not a readable backup archive.*Nothing was changed"):
        call_command("restore", stray)


def test_restore_refuses_a_truncated_archive_with_a_message(tmp_path):
    whole = _archive(
        tmp_path / "whole.tar.gz",
        vendor="sqlite",
        database=os.urandom(200_000),
        media={"documents/kept.pdf": os.urandom(200_000)},
    )
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])

    with pytest.raises(CommandError, match=r"not a readable backup archive.*Nothing was changed"):
        call_command("restore", cut)
