"""The kept structure (reports.structure) across processes: a second Python process shares
the test database and the cache (a file-based cache, or Redis), and a question or
priority reworded in one process shows on the next page the other serves.

Run with the worker-process and Redis tests (.ci/run): the second process needs the test
database in a file (``TEST_DATABASE_FILE``) or PostgreSQL; the Redis case needs
``JOBS_URL=redis://...``, whose Redis the cache then uses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from reports.models import Question, Report
from reports.structure import forget_local, layout_structure
from roadmap.models import Priority, Role
from tests.factories import member, report_with_form
from tests.jobs.conftest import ROOT, database_url

from .entry_helpers import section_url

pytestmark = pytest.mark.django_db(transaction=True)

# The other process: serves the section page to a signed-in person on each "read" line,
# rewords a question on each "write <pk> <text>" line; answers one JSON line each.
OTHER = """
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from reports.models import Question
username, url = sys.argv[1:3]
client = Client()
client.force_login(get_user_model().objects.get(username=username))
for line in sys.stdin:
    command, _, rest = line.strip().partition(" ")
    if command == "read":
        response = client.get(url)
        print(json.dumps([response.status_code, response.content.decode()]), flush=True)
    elif command == "write":
        pk, _, text = rest.partition(" ")
        question = Question.objects.get(pk=int(pk))
        question.text = text
        question.save()
        print(json.dumps([200, "written"]), flush=True)
"""


class Other:
    """A second process on this test's database and the cache at ``cache_url``."""

    def __init__(self, cache_url: str, username: str, url: str) -> None:
        env = {
            **{k: v for k, v in os.environ.items() if k != "CACHE_URL"},
            "DJANGO_SETTINGS_MODULE": "pathfinder.settings_test",
            "DATABASE_URL": database_url(),
            "ALLOWED_HOSTS": "testserver",
        }
        if cache_url:  # else as pathfinder.settings picks it (a Redis JOBS_URL's Redis)
            env["CACHE_URL"] = cache_url
        self.process = subprocess.Popen(
            [sys.executable, "-c", OTHER, username, url],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, line: str) -> str:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, "the other process stopped"
        status, body = json.loads(answer)
        assert status == 200, body[:2000]
        return body

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _both_processes_see_every_write(client, cache_url: str, backend: dict) -> None:
    report = report_with_form(priorities=3)
    alice = member(report, Role.REPORTER, username="alice")
    url = section_url(report, 1)
    question = Question.objects.get(
        section__questionnaire__cycle=report.cycle, code="priority_progress"
    )
    with override_settings(CACHES={"default": backend}):
        forget_local()
        other = Other(cache_url, "alice", url)
        try:
            assert "progress has been made" in other.ask("read")
            # This process finds what the other one kept: no query for the structure.
            fresh = Report.objects.with_context().get(pk=report.pk)
            with CaptureQueriesContext(connection) as queries:
                layout_structure(fresh.cycle.questionnaire, fresh.roadmap)
            assert len(queries) == 0

            # Reworded here (a question and a priority): the other process's next page.
            question.text = "{n}. What moved forward on {priority}?"
            question.save()
            priority = Priority.objects.get(roadmap=report.roadmap, theme__number=1, number=1)
            priority.text = "End child labour in brick kilns"
            priority.save()
            html = other.ask("read")
            assert "1. What moved forward on Theme 1 1. End child labour in brick kilns?" in html

            # Reworded there: this process's next page, though it kept the structure too.
            client.force_login(alice)
            assert "What moved forward" in client.get(url).content.decode()
            other.ask(f"write {question.pk} {{n}}. Which results on {{priority}}?")
            html = client.get(url).content.decode()
            assert "1. Which results on Theme 1 1. End child labour in brick kilns?" in html
        finally:
            other.stop()


@pytest.mark.workers
def test_a_question_reworded_in_one_process_shows_in_the_other_file_cache(client, tmp_path):
    folder = tmp_path / "cache"
    backend = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(folder),
    }
    _both_processes_see_every_write(client, f"filecache://{folder}", backend)


@pytest.mark.redis
def test_a_question_reworded_in_one_process_shows_in_the_other_redis(client):
    if not settings.JOBS_URL.startswith("redis://"):
        pytest.skip("needs JOBS_URL=redis://...")
    backend = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": settings.JOBS_URL,
        "KEY_PREFIX": "pathfinder-cache",
    }
    # The other process reads the same setting the way production does: a Redis
    # JOBS_URL and no CACHE_URL (pathfinder.settings).
    _both_processes_see_every_write(client, "", backend)
