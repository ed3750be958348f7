"""`make bench`: timings, printed as figures (never pass/fail).

Runs against a throw-away SQLite database (var/bench.sqlite3, or DATABASE_URL if set)
loaded with the demo data. Each module in BENCHES exposes ``run() -> list[Figure]``.
"""

from __future__ import annotations

import importlib
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHES = ["bench.entry", "bench.pdf", "bench.jobs", "bench.http", "bench.monitoring"]
BENCHES.insert(1, "bench.render")  # issue 14: pages against a plain {{ form }} floor


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
    call_command("seed_demo", stdout=io.StringIO())


def main() -> None:
    setup()
    for name in BENCHES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        print(f"## {name.removeprefix('bench.')}")
        for figure in module.run():
            print(figure)


if __name__ == "__main__":
    main()
