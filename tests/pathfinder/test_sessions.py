"""Sessions end after a configurable idle time, slide with use, and can be cleaned (item 9)."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pathfinder.middleware import SessionIdleRefreshMiddleware

ROOT = Path(__file__).resolve().parents[2]
EIGHT_HOURS = dt.timedelta(hours=8)


def _session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def _expires_in(client) -> dt.timedelta:
    return _session(client).expire_date - timezone.now()


def _as_if_idle(client, *, minutes: int) -> None:
    """Move the session back in time: last seen ``minutes`` ago."""
    session = client.session
    session[SessionIdleRefreshMiddleware.key] -= minutes * 60
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=_session(client).expire_date - dt.timedelta(minutes=minutes)
    )


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    assert client.get(reverse("home")).status_code == 200
    return client


def test_a_session_lasts_eight_hours_of_inactivity_by_default(signed_in):
    assert EIGHT_HOURS - dt.timedelta(minutes=1) < _expires_in(signed_in) <= EIGHT_HOURS


def test_a_session_idle_for_longer_than_the_timeout_is_signed_out(signed_in):
    _as_if_idle(signed_in, minutes=8 * 60 + 1)
    response = signed_in.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_request_slides_the_expiry_forward(signed_in, report):
    _as_if_idle(signed_in, minutes=7 * 60)
    assert _expires_in(signed_in) < dt.timedelta(hours=1, minutes=1)
    # An autosave is a request like any other: typing keeps the session alive.
    signed_in.post(reverse("reports:autosave", args=[report.pk, 1]), {})
    assert _expires_in(signed_in) > EIGHT_HOURS - dt.timedelta(minutes=1)

    # Within the minute that follows, requests read the session but do not write it.
    with CaptureQueriesContext(connection) as queries:
        assert signed_in.get(reverse("home")).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]
    assert writes == []


def _settings_with(**env: str) -> str:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "pathfinder.settings", **env}
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_AGE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_idle_timeout_and_browser_close_come_from_the_environment():
    assert _settings_with() == "28800 False"
    assert _settings_with(SESSION_IDLE_MINUTES="30", SESSION_EXPIRE_AT_BROWSER_CLOSE="True") == (
        "1800 True"
    )


@pytest.mark.django_db
def test_expiring_at_browser_close_sends_a_cookie_without_max_age(client, alice, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    client.force_login(alice)
    _as_if_idle(client, minutes=2)  # so that the next request refreshes the session
    response = client.get(reverse("home"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    # The server still ends it after the idle timeout.
    assert _expires_in(client) <= EIGHT_HOURS


def test_make_clearsessions_deletes_expired_sessions():
    result = subprocess.run(
        ["make", "-n", "clearsessions"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "manage.py clearsessions" in result.stdout
