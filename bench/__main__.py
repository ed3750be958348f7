"""`make bench`: timings, printed as figures (never pass/fail).

Runs against a throw-away SQLite database (var/bench.sqlite3, or DATABASE_URL if set)
loaded with the demo data. Each module in BENCHES exposes ``run() -> list[Figure]``.
The autosave and load benches drive gunicorn on a throw-away PostgreSQL database of their
own (``bench.server``). Exits non-zero only when a bench cannot be set up, never for a
timing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHES = [
    "bench.entry",
    "bench.pdf",
    "bench.word",
    "bench.jobs",
    "bench.http",
    "bench.monitoring",
    "bench.odata",  # issue 21: the feed of every answer at the monitoring bench's scale
    "bench.api",  # issue 21: after monitoring, whose 40 x 10 framework it reads
    "bench.public",  # issue 22: public country pages, cold and cached, against a floor
    "bench.search",  # issue 23: the same framework's texts made demo-sized, searched
    "bench.autosave",
    "bench.load",
]
BENCHES.insert(1, "bench.render")  # issue 14: pages against a plain {{ form }} floor
BENCHES.insert(2, "bench.stack")  # issue 25: the same with and without the stack room


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    (ROOT / "var").mkdir(exist_ok=True)
    db = ROOT / "var" / "bench.sqlite3"
    if "DATABASE_URL" not in os.environ:
        db.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
    # Jobs the bench enqueues go to a queue of its own, never to the dev server's.
    os.environ["JOBS_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-jobs.sqlite3'}"
    os.environ["DEBUG"] = "True"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.MEDIA_ROOT = ROOT / "var" / "bench-media"
    call_command("migrate", verbosity=0)
    # As of March 2023: Viet Nam's 2022-2023 report, the one the benches measure, is the
    # draft being filled in (seeded today it is handed in, and the draft nearly empty).
    call_command("seed_demo", today=dt.date(2023, 3, 15), stdout=io.StringIO())


def main() -> None:
    setup()
    from bench import server

    # BENCH_ONLY=autosave,load runs those alone (after the demo is set up).
    only = {f"bench.{n.strip()}" for n in os.environ.get("BENCH_ONLY", "").split(",") if n.strip()}
    failed = []
    try:
        for name in BENCHES:
            if only and name not in only:
                continue
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            print(f"## {name.removeprefix('bench.')}", flush=True)
            try:
                for figure in module.run():
                    print(figure, flush=True)
            except server.SetupFailed as exc:
                print(f"  not run: {exc}", flush=True)
                failed.append(name)
    finally:
        server.stop_all()
    if failed:
        sys.exit(f"bench set-up failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
