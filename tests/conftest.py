import datetime as dt

import pytest
from django.utils import translation
from huey.contrib.djhuey import HUEY

from roadmap.models import Role
from tests.demo_snapshot import DemoSnapshots
from tests.factories import CountryFactory, UserFactory, member, report_with_form


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_kept_structure():
    """Each test starts with no questionnaire or roadmap structure kept (reports.structure):
    a demo snapshot loaded again brings back the same structure tokens, so an entry kept
    by an earlier test that changed the rows without a save would be read as current."""
    from django.core.cache import cache

    from reports.structure import forget_local

    cache.clear()
    forget_local()


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: a request in Vietnamese leaves its language active in
    the thread, which would leak into the next test's gettext calls."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup) -> DemoSnapshots:
    """The demo seeded once per session (per xdist worker) and seeding day;
    ``demo_snapshot.load(day)`` copies it into the test's database in a few hundredths of a
    second (tests/demo_snapshot.py)."""
    return DemoSnapshots()


@pytest.fixture
def report(db):
    """A draft 2022-2023 report of country "AA" on the real form, 15 priorities."""
    return report_with_form(priorities=15)


@pytest.fixture
def alice(report):
    """Owner: reporter of the report's country."""
    return member(report, Role.REPORTER, username="alice")


@pytest.fixture
def focal(report):
    """The report country's focal point."""
    return member(report, Role.FOCAL_POINT, username="fiona")


@pytest.fixture
def bob(report):
    """Colleague: another reporter of the same country."""
    return member(report, Role.REPORTER, username="bob")


@pytest.fixture
def charlie(db):
    """Outsider: focal point of another country."""
    return member(CountryFactory(), Role.FOCAL_POINT, username="charlie")


@pytest.fixture
def reviewer(report):
    return member(report, Role.REVIEWER, username="rita")


@pytest.fixture
def other_reviewer(db):
    return member(CountryFactory(), Role.REVIEWER, username="oscar")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", is_staff=True, is_superuser=True)


@pytest.fixture
def queued_jobs(monkeypatch):
    """Jobs wait in the (in-memory) queue instead of running at once, as they wait for a
    worker in production; ``queued_jobs.run()`` is the worker."""
    # A real worker closes its database connections around each job (djhuey's close_db).
    # Here the "worker" shares the test's connection, inside the test's transaction:
    # closing it would end the test's transaction (on PostgreSQL; SQLite's in-memory
    # database ignores the close).
    monkeypatch.setattr("huey.contrib.djhuey.close_old_connections", lambda: None)

    class Queue:
        @staticmethod
        def run(*, after: float = 0) -> int:
            """Run what is queued, and what is scheduled within ``after`` seconds."""
            done = 0
            while (task := HUEY.dequeue()) is not None:
                if task.eta is not None and task.eta > dt.datetime.now():
                    HUEY.add_schedule(task)  # as the worker does with a job not yet due
                    continue
                HUEY.execute(task)
                done += 1
            until = dt.datetime.now() + dt.timedelta(seconds=after)
            for task in HUEY.read_schedule(until):
                HUEY.execute(task, timestamp=until)
                done += 1
            return done

    HUEY.flush()
    HUEY._immediate = False  # the in-memory storage stays: nothing runs until run()
    yield Queue()
    HUEY._immediate = True
    HUEY.flush()
