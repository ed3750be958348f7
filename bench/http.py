"""Pages per second through gunicorn (two workers, production settings) for a signed-in
reporter: the whole stack a user meets, not just the view.

The load comes from threads in this process over keep-alive connections, so the figure
is a floor on a two-core machine that also runs the client."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.core import Figure
from bench.server import start_gunicorn

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 4.0
CLIENTS = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session_cookie(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _throughput(port: int, path: str, cookie: str) -> float:
    done = [0] * CLIENTS
    failures: list[Exception] = []
    stop = time.perf_counter() + SECONDS

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.perf_counter() < stop:
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status}")
                done[index] += 1
        except Exception as exc:  # re-raised by the caller, in the main thread
            failures.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CLIENTS)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]
    return sum(done) / (time.perf_counter() - start)


def run() -> list[Figure]:
    from django.conf import settings
    from django.urls import reverse

    from reports.models import Report

    report = Report.objects.get(country__code="VN", cycle__starts_on__year=2022)
    static_root = ROOT / "var" / "bench-static"
    env = {
        **os.environ,
        "DEBUG": "False",
        # The same key as this process: the session cookie made here must verify there.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(static_root),
        "DATABASE_URL": os.environ["DATABASE_URL"],
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server, port = start_gunicorn(env)
    try:
        cookie = _session_cookie("vn-reporter")
        pages = [
            ("home page", reverse("home")),
            ("report hub", reverse("reports:detail", args=[report.pk])),
            ("entry: section I (14 textareas)", reverse("reports:section", args=[report.pk, 1])),
            ("reading view (whole report)", reverse("reports:read", args=[report.pk])),
        ]
        figures = []
        for name, path in pages:
            _throughput(port, path, cookie)  # warm the workers' template caches
            figures.append(
                Figure(f"gunicorn x2: {name}", _throughput(port, path, cookie), "pages/s")
            )
        return figures
    finally:
        server.terminate()
        server.wait(timeout=10)
