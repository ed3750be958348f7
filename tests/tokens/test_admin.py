"""Admins see every token (never a secret) and revoke any."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, personal_token
from tokens.models import PersonalToken

pytestmark = pytest.mark.django_db


def test_admin_sees_every_token_without_its_secret(client, admin_user):
    tokens = [personal_token(UserFactory(), label=f"Token {n}") for n in range(3)]
    client.force_login(admin_user)
    page = client.get("/admin/tokens/personaltoken/").content.decode()
    for token, raw in tokens:
        assert token.prefix in page and raw not in page and token.secret_hash not in page
    change = client.get(f"/admin/tokens/personaltoken/{tokens[0][0].pk}/change/")
    assert change.status_code == 200 and tokens[0][0].secret_hash not in change.content.decode()


def test_admin_revokes_tokens_with_the_action(client, admin_user):
    (first, _r1), (second, _r2) = personal_token(UserFactory()), personal_token(UserFactory())
    client.force_login(admin_user)
    response = client.post(
        "/admin/tokens/personaltoken/",
        {"action": "revoke", "_selected_action": [first.pk]},
        follow=True,
    )
    assert "1 token revoked." in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.revoked_by == admin_user and second.revoked_at is None


def test_admin_cannot_create_a_token(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/tokens/personaltoken/add/").status_code == 403
    assert not PersonalToken.objects.exists()
