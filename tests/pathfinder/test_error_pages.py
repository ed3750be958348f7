"""Friendly error pages: in the layout, translated, with a way back (issue 8, item 6)."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

HOME = reverse("home")


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def _vietnamese(client: Client) -> Client:
    client.cookies["django_language"] = "vi"
    return client


def _assert_friendly(response, status: int, *texts: str) -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert 'data-testid="ways-back"' in page
    assert f'href="{HOME}"' in page
    for text in texts:
        assert text in page, text
    return page


def test_page_not_found_is_in_the_layout_with_the_user_menu(client, alice):
    client.force_login(alice)
    page = _assert_friendly(
        client.get("/no-such-page/", HTTP_REFERER="http://testserver/reports/"),
        404,
        "Page not found",
        "There is no page at this address",
    )
    assert 'data-testid="user-name"' in page
    assert 'href="http://testserver/reports/"' in page  # back to where the user was

    # A back link never leads to another site.
    page = _assert_friendly(
        client.get("/no-such-page/", HTTP_REFERER="https://evil.example.org/"), 404
    )
    assert "evil.example.org" not in page


def test_page_not_found_in_vietnamese(client, alice):
    client.force_login(alice)
    _assert_friendly(_vietnamese(client).get("/no-such-page/"), 404, "Không tìm thấy trang")


def test_permission_denied_says_why(client, alice):
    client.force_login(alice)
    _assert_friendly(
        client.get(reverse("reports:queue")),
        403,
        "You may not do this",
        "The review queue is for reviewers.",
    )


def test_bad_request_is_friendly(client):
    # A Host header the portal does not serve is refused with a 400.
    _assert_friendly(
        client.get(HOME, HTTP_HOST="evil.example.org"),
        400,
        "The request could not be understood",
    )


def test_csrf_failure_says_the_session_may_have_expired(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page = _assert_friendly(
        client.post(reverse("logout")), 403, "The form could not be sent", "may have expired"
    )
    assert "Back button" in page
    assert "CSRF" not in page  # Django's technical wording stays in the log


def test_csrf_failure_in_vietnamese(alice):
    client = _vietnamese(Client(enforce_csrf_checks=True))
    client.force_login(alice)
    _assert_friendly(client.post(reverse("logout")), 403, "Không thể gửi biểu mẫu")


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Something went wrong"), ("vi", "Đã xảy ra lỗi")]
)
def test_server_error_page_answers_without_the_database(client, alice, language, heading):
    """The database goes away: reading the session fails, and so would any page that looks
    up the user. The 500 page still answers, translated."""
    client.force_login(alice)
    client.cookies["django_language"] = language
    client.raise_request_exception = False
    down = OperationalError("the database is not answering")
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=down):
        response = client.get(HOME)
    page = _assert_friendly(response, 500, heading)
    assert 'data-testid="user-name"' not in page
    assert f'<html lang="{language}">' in page
    assert "no-store" in response["Cache-Control"]
