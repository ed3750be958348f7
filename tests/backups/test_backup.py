"""`backup` and `restore`: the demo, backed up and restored into a fresh database, is the
same row by row, audit history included, with its kept PDFs (issue 8, item 11).

The commands run as an operator runs them, in their own processes with DATABASE_URL and
MEDIA_ROOT set: SQLite always; PostgreSQL when the suite runs on it (its own databases,
named after the suite's with _backup_src / _backup_dst).
"""

from __future__ import annotations

import io
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
