"""The portal as users meet it, for the autosave and load benches: gunicorn (three workers
as deployed, ``BENCH_WORKERS``; production settings) on a throw-away PostgreSQL database,
the demo loaded into it.

``BENCH_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/pathfinder_bench``)
names the database: it is dropped and created again on every run, so never point it at
data you keep. Prepared once per ``make bench`` and shared by the benches that use it.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pathfinder_bench"


class SetupFailed(RuntimeError):
    """The bench could not be set up (no PostgreSQL, gunicorn did not start): `make bench`
    exits non-zero for this, never for a timing."""


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT
    env: dict[str, str]
    data: dict  # what ``bench.serverdb prepare`` printed
    process: subprocess.Popen | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def db(self, *args: str) -> dict:
        """Run ``bench.serverdb`` against the bench database; its JSON answer."""
        out = subprocess.run(
            [sys.executable, "-m", "bench.serverdb", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(out.stdout)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


_server: Server | None = None


def start_gunicorn(env: dict[str, str], *, workers: str = "2") -> tuple[subprocess.Popen, int]:
    """gunicorn serving the portal on a free local port, once it accepts connections."""
    port = _free_port()
    bind = f"127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "pathfinder.wsgi",
            "--workers",
            workers,
            "--bind",
            bind,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            if process.poll() is not None:
                raise SetupFailed("gunicorn exited at start") from None
            time.sleep(0.1)
    process.terminate()
    process.wait(timeout=10)
    raise SetupFailed("gunicorn did not answer within 15 s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _recreate_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SetupFailed(f"BENCH_DATABASE_URL must name a PostgreSQL database: {url}")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    try:
        conn = psycopg2.connect(maintenance, connect_timeout=5)
    except psycopg2.OperationalError as exc:
        raise SetupFailed(f"no PostgreSQL at {maintenance}: {exc}".strip()) from exc
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            database = sql.Identifier(name)
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(database))
    finally:
        conn.close()


def start() -> Server:
    """The prepared database and a running gunicorn (started once; ``stop_all`` ends it)."""
    global _server
    if _server is not None:
        return _server
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    _recreate_database(url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pathfinder.settings",
        "DATABASE_URL": url,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: the bench plays the TLS-terminating proxy's part.
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "MEDIA_ROOT": str(ROOT / "var" / "bench-server-media"),
        # Jobs the pages enqueue (PDF renders) go to a queue nobody runs.
        "JOBS_URL": f"sqlite:///{ROOT / 'var' / 'bench-server-jobs.sqlite3'}",
        # As deployed: one connection per worker, kept between requests.
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "LOG_LEVEL": "WARNING",
    }
    try:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        server = Server(url="", env=env, data={})
        server.data = server.db("prepare")
    except subprocess.CalledProcessError as exc:
        raise SetupFailed(f"preparing the bench database failed: {exc.stderr or exc}") from exc
    try:
        # As the README's deployment runs it (``--workers 3`` on two cores: a worker waiting
        # on PostgreSQL leaves its core to another). ``BENCH_WORKERS=2`` for the earlier runs.
        server.process, port = start_gunicorn(env, workers=os.environ.get("BENCH_WORKERS", "3"))
    except SetupFailed:
        server.stop()
        raise
    server.url = f"http://127.0.0.1:{port}"
    _server = server
    return server


def stop_all() -> None:
    global _server
    if _server is not None:
        _server.stop()
        _server = None
