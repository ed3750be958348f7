"""Public country pages through gunicorn (two workers, production settings) beside the
bare-view floor (``bench.public_urls``: a minimal Django view answering a static page of
the same size, through the same middleware), cold and cached.

Cold: the server runs with a dummy cache (``CACHE_URL=dummycache://``), which is the
cache cleared before every request: each page is worked out from the database and
rendered. Cached: the default per-process memory cache, warmed first (each worker has the
page). Requests per second from 4 client threads over keep-alive connections for a few
seconds each, p50 and p95 latency, and the ratios page/floor (1.0x: as fast as the
floor). The client shares the two cores, so the figures are floors; the ratios are what
compare across runs."""

from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.core import Figure
from bench.server import SetupFailed, start_gunicorn

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 4.0
CLIENTS = 4
FIRST_TIMEOUT = 180  # seconds


def _load(port: int, path: str) -> tuple[float, list[float]]:
    """(requests per second, latencies in ms) of ``CLIENTS`` threads for ``SECONDS``."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    failures: list[Exception] = []
    stop = time.perf_counter() + SECONDS

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.perf_counter() < stop:
                began = time.perf_counter()
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status}")
                latencies[index].append((time.perf_counter() - began) * 1000)
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
    every = [ms for own in latencies for ms in own]
    return len(every) / (time.perf_counter() - start), every


def _size(port: int, path: str) -> int:
    # A worker's first request imports the project: slow on a loaded machine.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=FIRST_TIMEOUT)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        try:
            response = conn.getresponse()
        except TimeoutError as exc:
            raise SetupFailed(f"{path}: no answer within {FIRST_TIMEOUT} s") from exc
        body = response.read()
        if response.status != 200:
            raise SetupFailed(f"{path}: HTTP {response.status}")
        return len(body)
    finally:
        conn.close()


def _figures(label: str, rate: float, latencies: list[float]) -> list[Figure]:
    cuts = statistics.quantiles(latencies, n=20)
    return [
        Figure(f"{label}: requests/s", rate, "req/s"),
        Figure(f"{label}: p50", statistics.median(latencies)),
        Figure(f"{label}: p95", cuts[18]),
    ]


def _public_page() -> str:
    from django.urls import reverse

    from reports.models import Publication

    live = (
        Publication.objects.filter(withdrawn_at__isnull=True)
        .select_related("report__country", "report__cycle__framework")
        .order_by("report__country__code")
        .first()
    )
    if live is None:
        raise SetupFailed("the demo published no report")
    report = live.report
    return reverse(
        "public:country",
        kwargs={
            "lang": "en",
            "framework_slug": report.cycle.framework.slug,
            "country_code": report.country.code,
        },
    )


def _measure(env: dict[str, str], page: str, label: str) -> tuple[list[Figure], float, float]:
    server, port = start_gunicorn(env)
    try:
        floor = f"/bench-floor/?bytes={_size(port, page)}"
        for path in (page, floor):
            _load(port, path)  # warm: templates, connections and (cached) the page
        page_rate, page_ms = _load(port, page)
        floor_rate, floor_ms = _load(port, floor)
        figures = _figures(f"public country page, {label}", page_rate, page_ms)
        figures += _figures(f"bare-view floor ({label} server)", floor_rate, floor_ms)
        return figures, page_rate, floor_rate
    finally:
        server.terminate()
        server.wait(timeout=10)


def run() -> list[Figure]:
    from django.conf import settings

    page = _public_page()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.public_settings",
        "DEBUG": "False",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "DATABASE_URL": os.environ["DATABASE_URL"],
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    figures = [Figure(f"page measured: {page}", 0, "")]
    cold, cold_rate, cold_floor = _measure({**env, "CACHE_URL": "dummycache://"}, page, "cold")
    cached, cached_rate, cached_floor = _measure(
        {**env, "CACHE_URL": "locmemcache://"}, page, "cached"
    )
    figures += cold + cached
    figures.append(Figure("ratio cold / floor (requests/s)", cold_rate / cold_floor, "x"))
    figures.append(Figure("ratio cached / floor (requests/s)", cached_rate / cached_floor, "x"))
    return figures
