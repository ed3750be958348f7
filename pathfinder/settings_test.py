"""Test settings: fast hashing, email kept in memory, no lock-out noise between tests."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Worker-process tests (tests/jobs/test_worker_death.py) have their workers write each
# mail to a file the test reads (tests.jobs.mailbox.Backend).
EMAIL_BACKEND = env.str(  # noqa: F405
    "TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
)
# One folder per xdist worker (PYTEST_XDIST_WORKER: gw0, gw1...), so parallel workers never
# share a kept file; tests get their own under tmp_path (tests/conftest.py), module-scoped
# fixtures (the accessibility audit's live server) use this one.
MEDIA_ROOT = env.path(  # noqa: F405
    "TEST_MEDIA_ROOT",
    default=BASE_DIR / "var" / f"test-media-{env.str('PYTEST_XDIST_WORKER', default='main')}",  # noqa: F405
)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Jobs run inside the call that enqueues them, in memory: a test sees their effect at once.
# The Redis tests (-m redis, tests/jobs/test_redis_worker.py) run a real worker instead: its
# process reads JOBS_IMMEDIATE=0, and the test database from a file both processes open.
HUEY = {**HUEY, "immediate": env.bool("JOBS_IMMEDIATE", default=True)}  # noqa: F405
if test_database_file := env.str("TEST_DATABASE_FILE", default=""):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": test_database_file}  # noqa: F405
