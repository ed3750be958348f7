"""Test settings: fast hashing, email kept in memory, no lock-out noise between tests."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Jobs run inside the call that enqueues them, in memory: a test sees their effect at once.
# The Redis tests (-m redis) start a real worker instead.
HUEY = {**HUEY, "immediate": True}  # noqa: F405
