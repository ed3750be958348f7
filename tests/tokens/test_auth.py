"""Tokens on the token-protected view (``/connect/whoami/``, ``token_or_session``): the
three ways to send one, the refusals and their messages, the throttles, and that a token
never becomes a session."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import UserFactory, personal_token
from tokens.models import PersonalToken
from tokens.services import token_revoke

pytestmark = pytest.mark.django_db
URL = "/connect/whoami/"


def _basic(raw: str, user: str = "anything") -> str:
    return "Basic " + base64.b64encode(f"{user}:{raw}".encode()).decode()


@pytest.fixture
def owner():
    return UserFactory(username="analyst")


@pytest.fixture
def issued(owner):
    return personal_token(owner)


@pytest.mark.parametrize("how", ["bearer", "basic", "api_key"])
def test_token_is_accepted_three_ways(client, issued, how):
    token, raw = issued
    if how == "bearer":
        response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")
    elif how == "basic":
        response = client.get(URL, HTTP_AUTHORIZATION=_basic(raw))
    else:
        response = client.get(URL, {"api_key": raw})
    assert response.status_code == 200
    assert response.json()["username"] == "analyst"
    assert response.json()["token"]["prefix"] == token.prefix


def test_without_token_or_session_answers_401_with_a_challenge(client):
    response = client.get(URL)
    assert response.status_code == 401
    assert "Basic" in response["WWW-Authenticate"]


def test_signed_in_session_is_enough_without_token(client, owner):
    client.force_login(owner)
    assert client.get(URL).json() == {
        "username": "analyst",
        "token": None,
        "rate_limit_per_minute": 120,
    }


def test_wrong_secret_with_a_real_prefix_is_refused(client, issued):
    token, _raw = issued
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {token.prefix}_{'x' * 43}")
    assert response.status_code == 401
    assert response.content.decode() == "This token is not valid.\n"


def test_revoked_token_answers_401_saying_so_in_json(client, issued, owner):
    token, raw = issued
    token_revoke(token=token, by=owner)
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("This token was revoked on ")


def test_expired_token_answers_401_saying_so(client, issued):
    token, raw = issued
    PersonalToken.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - dt.timedelta(days=91),
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response.content.decode().startswith("This token expired on ")


def test_deactivated_persons_token_stops_working(client, issued, owner):
    _token, raw = issued
    owner.is_active = False
    owner.save()
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert "deactivated" in response.content.decode()


def test_refusal_is_in_the_readers_language(client, issued, owner):
    token, raw = issued
    token_revoke(token=token, by=owner)
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.content.decode().startswith("Mã truy cập này đã bị thu hồi")


def test_failed_attempts_are_throttled_per_address(client, settings, issued):
    settings.TOKEN_FAILURE_LIMIT = 3
    _token, raw = issued
    for _n in range(3):
        assert client.get(URL, HTTP_AUTHORIZATION="Bearer pf_guessing_x").status_code == 401
    # The address is now refused, even with a good token, for the cool-off.
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    # Another address is not.
    other = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_each_token_is_rate_limited_with_retry_after(client, settings, issued, owner):
    settings.TOKEN_RATE_LIMIT = 2
    _token, raw = issued
    _other, other_raw = personal_token(owner, label="Second")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert [client.get(URL, **auth).status_code for _n in range(2)] == [200, 200]
    response = client.get(URL, **auth)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "at most 2 a minute" in response.content.decode()
    # The limit is the token's: another token of the same person still reads.
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {other_raw}").status_code == 200


def test_token_never_opens_a_session(client, issued):
    _token, raw = issued
    signals = []

    def heard(**kwargs):
        signals.append(kwargs)

    user_logged_in.connect(heard)
    try:
        response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")
    finally:
        user_logged_in.disconnect(heard)
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert signals == []
    assert not Session.objects.exists()
    # And the next request without the token is a stranger.
    assert client.get(URL).status_code == 401


def test_token_is_refused_on_a_method_that_writes(client, issued):
    _token, raw = issued
    response = client.post(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 405


def test_token_is_ignored_on_a_portal_page(client, issued):
    _token, raw = issued
    for path in ("/", "/connect/", "/reports/notices/"):
        response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_token_is_ignored_on_a_page_that_writes(client, issued, owner):
    _token, raw = issued
    response = client.post(
        "/connect/tokens/new/",
        {"label": "Made by a token"},
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not PersonalToken.objects.filter(label="Made by a token").exists()


@pytest.mark.parametrize("others", [0, 20])
def test_a_token_read_costs_one_query_and_one_write_a_minute(
    client, issued, others, django_assert_num_queries
):
    for n in range(others):
        personal_token(UserFactory(), label=f"Other {n}")
    _token, raw = issued
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    # The token with its person, then the first use of the minute written.
    with django_assert_num_queries(2):
        assert client.get(URL, **auth).status_code == 200
    # Within the minute: the read only.
    with django_assert_num_queries(1):
        assert client.get(URL, **auth).status_code == 200
