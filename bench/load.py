"""The load test of the real mix (``bench/locustfile.py``) with locust, headless, against
gunicorn on PostgreSQL (``bench.server``): requests/s, p50/p95/p99 per page and errors.

``BENCH_USERS`` simulated people (200 since issue 25; gunicorn with three workers, as
deployed), started ``BENCH_SPAWN_RATE`` a second (10), for ``BENCH_DURATION`` (2m;
locust's format: 20s, 2m, 1h). A quick run:
``BENCH_ONLY=load BENCH_USERS=20 BENCH_DURATION=20s make bench``. Locust runs in a process
of its own on this machine: its work shares the cores with the server's, so the figures
are a floor. Failures are printed, never turned into an exit status.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench import server as bench_server

ROOT = Path(__file__).resolve().parent.parent
USERS = os.environ.get("BENCH_USERS", "200")
SPAWN_RATE = os.environ.get("BENCH_SPAWN_RATE", "10")
DURATION = os.environ.get("BENCH_DURATION", "2m")


def _number(text: str) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return float("nan")


@dataclass
class PageLine:
    """One page's figures on one line (``make bench`` prints what ``run`` returns)."""

    name: str
    requests: int
    rate: float
    p50: float
    p95: float
    p99: float
    errors: int

    def __str__(self) -> str:
        return (
            f"  {self.name:<24} {self.requests:>9} {self.rate:>7.1f} {self.p50:>7.0f} "
            f"{self.p95:>7.0f} {self.p99:>7.0f} {self.errors:>7}"
        )


def _locust(server: bench_server.Server) -> tuple[list[dict], list[dict]]:
    """Run locust headless against ``server``: its per-page rows and its failures, as it
    wrote them in CSV."""
    with tempfile.TemporaryDirectory(prefix="pathfinder-load-") as tmp:
        data = Path(tmp) / "data.json"
        data.write_text(json.dumps(server.data), encoding="utf-8")
        prefix = str(Path(tmp) / "load")
        env = {**os.environ, "BENCH_LOAD_DATA": str(data), "PYTHONPATH": str(ROOT)}
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                USERS,
                "--spawn-rate",
                SPAWN_RATE,
                "--run-time",
                DURATION,
                "--host",
                server.url,
                "--csv",
                prefix,
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        stats = Path(f"{prefix}_stats.csv")
        if not stats.exists():
            raise bench_server.SetupFailed(
                f"locust produced no figures (exit {completed.returncode}): "
                f"{completed.stderr.strip()[-2000:]}"
            )
        with stats.open(encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        failures_file = Path(f"{prefix}_failures.csv")
        failures = []
        if failures_file.exists():
            with failures_file.open(encoding="utf-8") as file:
                failures = list(csv.DictReader(file))
    return rows, failures


def run() -> list[PageLine]:
    rows, failures = _locust(bench_server.start())
    print(f"  {USERS} users for {DURATION} (locust):")
    heads = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors")
    print(f"  {'page':<24} {heads[0]:>9} " + " ".join(f"{h:>7}" for h in heads[1:]))
    lines = []
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        lines.append(
            PageLine(
                name="all pages" if row["Name"] == "Aggregated" else row["Name"],
                requests=int(_number(row["Request Count"])),
                rate=_number(row["Requests/s"]),
                p50=_number(row["50%"]),
                p95=_number(row["95%"]),
                p99=_number(row["99%"]),
                errors=int(_number(row["Failure Count"])),
            )
        )
    for failure in failures[:10]:
        print(
            f"  error: {failure['Method']} {failure['Name']}: {failure['Error']} "
            f"(x{failure['Occurrences']})"
        )
    return lines
