"""Fixtures of the Redis tests (-m redis): worker processes on the Redis of JOBS_URL,
sharing the test database with this process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        if str(db["NAME"]).startswith(("file:", ":memory:")):
            pytest.skip("the worker needs the test database in a file: set TEST_DATABASE_FILE")
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_env(settings):
    """The environment of a process that shares this test's database, Redis and media."""
    if not isinstance(HUEY.get_storage(**HUEY.storage_kwargs), RedisStorage):
        pytest.skip("needs JOBS_URL=redis://...")
    HUEY.immediate = False  # enqueue to Redis from now on
    HUEY.flush()
    yield {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pathfinder.settings_test",
        "JOBS_IMMEDIATE": "0",
        "DATABASE_URL": database_url(),
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    HUEY.flush()
    HUEY.immediate = True


@pytest.fixture
def workers(worker_env):
    """start(n) -> n worker processes on the Redis of JOBS_URL; this process enqueues there."""
    processes: list[subprocess.Popen] = []
    env = worker_env

    def start(count: int = 1) -> None:
        for _n in range(count):
            processes.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "run_huey", "--workers", "2", "--quiet"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def eventually(check, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.2)
    raise AssertionError("the worker did not do it in time")
