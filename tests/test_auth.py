import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_sign_in_leads_home(client):
    UserFactory(username="alice")
    response = sign_in(client, "alice", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_wrong_password_is_refused_with_a_message(client):
    UserFactory(username="alice")
    response = sign_in(client, "alice", "nope")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_repeated_failures_lock_the_account(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="alice")
    for _ in range(3):
        sign_in(client, "alice", "wrong")
    response = sign_in(client, "alice", PASSWORD)  # even the right password now
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lock_applies_to_the_account_not_to_others(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="alice")
    UserFactory(username="bob")
    for _ in range(3):
        sign_in(client, "alice", "wrong")
    assert sign_in(client, "bob", PASSWORD).status_code == 302


def test_password_reset_sends_a_link(client):
    UserFactory(username="alice", email="alice@example.org")
    response = client.post(reverse("password_reset"), {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_change_needs_the_old_password(client):
    user = UserFactory(username="alice")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "a-Long-new-pass-42",
            "new_password2": "a-Long-new-pass-42",
        },
    )
    assert response.status_code == 200
    assert "old password was entered incorrectly" in response.content.decode()


def test_sign_out_is_a_post(client):
    client.force_login(UserFactory())
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302
