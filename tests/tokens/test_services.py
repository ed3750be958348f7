"""Creating, revoking and noting the use of tokens (tokens.services)."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

import pytest
from django.db import connection

from tests.factories import UserFactory, personal_token
from tokens.models import PersonalToken
from tokens.selectors import token_by_prefix
from tokens.services import token_create, token_note_use, token_revoke

pytestmark = pytest.mark.django_db


def test_database_never_holds_the_token():
    token, raw = personal_token(UserFactory())
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tokens_personaltoken")
        row = " ".join(str(value) for value in cursor.fetchone())
    assert raw not in row
    assert raw.split("_", 2)[2] not in row  # not even its secret part
    assert token.secret_hash == hashlib.sha256(raw.encode()).hexdigest()


def test_token_starts_with_its_recognisable_prefix():
    token, raw = personal_token(UserFactory())
    assert token.prefix.startswith("pf_") and len(token.prefix) == 11
    assert raw.startswith(token.prefix + "_")
    assert len(raw) > 50


def test_token_is_found_by_its_prefix():
    token, raw = personal_token(UserFactory())
    personal_token(UserFactory())
    assert token_by_prefix(raw=raw) == token
    assert token_by_prefix(raw="pf_nothere_" + "x" * 40) is None
    assert token_by_prefix(raw="not a token") is None


def test_same_form_sent_twice_creates_one_token_and_shows_its_secret_once():
    user = UserFactory()
    key = uuid.uuid4()
    first, raw = token_create(user=user, label="Excel", client_key=key)
    again, raw_again = token_create(user=user, label="Excel", client_key=key)
    assert again == first and raw and raw_again is None
    assert PersonalToken.objects.filter(user=user).count() == 1


def test_revoke_records_when_and_by_whom_once():
    owner, admin = UserFactory(), UserFactory(is_staff=True)
    token, _raw = personal_token(owner)
    token_revoke(token=token, by=owner)
    first = token.revoked_at
    token_revoke(token=token, by=admin)
    assert token.revoked_at == first and token.revoked_by == owner


def test_last_use_is_written_at_most_once_a_minute(django_assert_num_queries):
    token, _raw = personal_token(UserFactory())
    now = token.created_at
    with django_assert_num_queries(1):
        token_note_use(token=token, now=now)
    with django_assert_num_queries(0):
        token_note_use(token=token, now=now + dt.timedelta(seconds=59))
    with django_assert_num_queries(1):
        token_note_use(token=token, now=now + dt.timedelta(seconds=60))
    token.refresh_from_db()
    assert token.last_used_at == now + dt.timedelta(seconds=60)
