"""The token's rules live in the model and the database: a lifetime of 1 to 365 days,
90 by default, read-only, expiry computed from the lifetime."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import UserFactory, personal_token
from tokens.models import PersonalToken, TokenStatus
from tokens.services import token_create

pytestmark = pytest.mark.django_db


def test_token_expires_after_ninety_days_by_default():
    token, _raw = token_create(user=UserFactory(), label="R scripts")
    assert token.lifetime_days == 90
    assert token.expires_at - token.created_at == dt.timedelta(days=90)


def test_token_valid_for_a_year_at_most_is_refused_at_the_field():
    with pytest.raises(ValidationError) as error:
        token_create(user=UserFactory(), label="Too long", days=366)
    assert "lifetime_days" in error.value.message_dict
    assert not PersonalToken.objects.exists()


def test_database_refuses_a_lifetime_over_a_year():
    token, _raw = personal_token(UserFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalToken.objects.filter(pk=token.pk).update(lifetime_days=400)


def test_database_refuses_a_scope_that_writes():
    token, _raw = personal_token(UserFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalToken.objects.filter(pk=token.pk).update(scope="write")


def test_blank_label_is_refused():
    with pytest.raises(ValidationError) as error:
        token_create(user=UserFactory(), label="   ")
    assert "label" in error.value.message_dict


def test_status_says_active_expired_or_revoked():
    token, _raw = personal_token(UserFactory(), days=1)
    assert token.status == TokenStatus.ACTIVE
    assert token.status_at(token.expires_at) == TokenStatus.EXPIRED
    token.revoked_at = token.created_at
    assert token.status_at(token.created_at) == TokenStatus.REVOKED
