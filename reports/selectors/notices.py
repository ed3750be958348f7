"""Reads for a person's notifications page."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from ..models import MailPreference, Notice

NOTICES_PER_PAGE = 25


def notices_page(*, user, page: str | int | None) -> Page:
    """The mail sent to ``user``, newest first (two queries: count and page)."""
    notices = (
        Notice.objects.filter(recipient=user, sent_at__isnull=False)
        .select_related("country", "report__cycle")
        .order_by("-sent_at", "-pk")
    )
    return Paginator(notices, NOTICES_PER_PAGE).get_page(page)


def mail_preference_of(*, user) -> MailPreference:
    """The person's preference, or the defaults when they never chose (not saved)."""
    return MailPreference.objects.filter(user=user).first() or MailPreference(user=user)
