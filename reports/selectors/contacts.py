"""Whom the help page names when no help address is configured: the portal's admins."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


def admin_contacts(*, limit: int = 5) -> list[Contact]:
    """Active superusers with an address, by name (at most ``limit``). One query."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=True)
        .exclude(email="")
        .order_by("first_name", "last_name", "username")
        .only("first_name", "last_name", "username", "email")[:limit]
    )
    return [Contact(u.get_full_name() or u.get_username(), u.email) for u in users]
