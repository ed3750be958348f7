"""Reads of tokens: a person's list, one of theirs, and the lookup by prefix."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .models import PREFIX, PREFIX_LENGTH, PersonalToken


def tokens_of(*, user) -> QuerySet[PersonalToken]:
    """Every token of the person, newest first, revoked and expired ones included (the
    list says which), so a person sees what they gave out."""
    return PersonalToken.objects.filter(user=user).order_by("-created_at", "-pk")


def token_of(*, user, pk: int) -> PersonalToken:
    """One of the person's own tokens. Someone else's answers 404, as if it did not
    exist: a token's existence is nobody else's business."""
    token = tokens_of(user=user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def token_by_prefix(*, raw: str) -> PersonalToken | None:
    """The row whose prefix starts ``raw``, with its person (one query): the caller
    compares the hash. None for anything not shaped like a token."""
    if not raw.startswith(PREFIX) or len(raw) <= PREFIX_LENGTH + 1 or len(raw) > 200:
        return None
    if raw[PREFIX_LENGTH] != "_":
        return None
    return PersonalToken.objects.select_related("user").filter(prefix=raw[:PREFIX_LENGTH]).first()
