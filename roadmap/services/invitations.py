"""Invitations of contributors from other agencies (issue 24): send, accept, ask again.

Who may invite is decided by ``reports.permissions.can_invite_contributors`` in the page
that calls ``invitation_send`` (this app imports nothing of ``reports``); admins invite
from the admin, through this same service.

The token exists only in the mail's link: the row keeps its SHA-256. A link works once
and until it expires; a used or expired link leads to a page that can ask the country's
focal points for a new one (``invitation_renew_request``), at most once an hour per
link, and says the same whatever the link was, so it tells nobody which addresses exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Agency, Country, Invitation, Membership, Role

# The same invitation sent again within this time (a double click, a retried POST) is
# the first one: no second row, no second mail.
RESEND_WINDOW = dt.timedelta(minutes=5)
RENEW_EVERY = 60 * 60  # seconds between two "ask for a new link" notices for one link


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def agency_for(*, country: Country, agency: Agency | None, new_name: str = "") -> Agency:
    """The agency chosen, or the one named (made if the country has none of that name,
    whatever its case)."""
    if agency is not None:
        if agency.country_id != country.pk:
            raise ValidationError({"agency": _("Choose an agency of this country.")})
        return agency
    name = " ".join(new_name.split())
    if not name:
        raise ValidationError({"agency": _("Choose the agency, or name a new one.")})
    found = Agency.objects.filter(country=country, name__iexact=name).first()
    return found or Agency.objects.create(country=country, name=name)


@dataclass(frozen=True)
class Sent:
    invitation: Invitation
    link: str  # empty when the same invitation was sent moments ago (no second mail)


@transaction.atomic
def invitation_send(
    *,
    country: Country,
    email: str,
    name: str,
    language: str,
    invited_by,
    agency: Agency | None = None,
    new_agency: str = "",
) -> Sent:
    """Invite ``email`` to contribute to ``country``'s reports, from an agency: a mail in
    ``language`` with a link that works once, for ``settings.INVITATION_DAYS`` days."""
    email = get_user_model().objects.normalize_email(email.strip()).lower()
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose the language of the mail.")})
    chosen = agency_for(country=country, agency=agency, new_name=new_agency)
    now = timezone.now()
    recent = Invitation.objects.filter(
        country=country,
        email=email,
        agency=chosen,
        invited_by=invited_by,
        used_at__isnull=True,
        created_at__gte=now - RESEND_WINDOW,
    ).first()
    if recent is not None:
        return Sent(recent, "")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        name=name.strip(),
        country=country,
        agency=chosen,
        language=language,
        token_hash=token_hash(token),
        invited_by=invited_by,
        expires_at=now + dt.timedelta(days=settings.INVITATION_DAYS),
    )
    link = settings.SITE_URL.rstrip("/") + reverse("reports:invitation", args=[token])
    transaction.on_commit(lambda: _mail_invitation(invitation, link))
    return Sent(invitation, link)


def _mail_invitation(invitation: Invitation, link: str) -> None:
    with translation.override(invitation.language):
        context = {"invitation": invitation, "link": link, "days": settings.INVITATION_DAYS}
        subject = " ".join(render_to_string("emails/invitation_subject.txt", context).split())
        body = render_to_string("emails/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


def invitation_for_token(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("country", "agency")
        .filter(token_hash=token_hash(token))
        .first()
    )


class InvitationClosed(Exception):
    """The link was used already, or expired."""


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """``user`` takes the invitation: a contributor's membership of the country with the
    agency. Someone who already holds a role in the country keeps it (an invitation never
    lowers a reporter to a contributor). Once: a second use is refused."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.used_at is not None:
        if locked.used_by_id == user.pk:
            return Membership.objects.get(user=user, country_id=locked.country_id)  # sent twice
        raise InvitationClosed(_("This invitation link was used already."))
    if locked.is_expired:
        raise InvitationClosed(_("This invitation link has expired."))
    membership, _created = Membership.objects.get_or_create(
        user=user,
        country_id=locked.country_id,
        defaults={"role": Role.CONTRIBUTOR, "agency_id": locked.agency_id},
    )
    if membership.agency_id is None:
        membership.agency_id = locked.agency_id
        membership.save(update_fields=["agency"])
    locked.used_at, locked.used_by = timezone.now(), user
    locked.save(update_fields=["used_at", "used_by"])
    return membership


@transaction.atomic
def invitation_accept_new(
    *, invitation: Invitation, first_name: str, last_name: str, password: str
):
    """A new account for the invited address (its username), then ``invitation_accept``.
    Refused if an account with that address exists: its owner signs in instead."""
    users = get_user_model().objects
    if users.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account with this e-mail address exists: sign in to accept."))
    if invitation.used_at is not None or invitation.is_expired:
        raise InvitationClosed(_("This invitation link can no longer be used."))
    user = users.create_user(
        username=invitation.email,
        email=invitation.email,
        password=password,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    invitation_accept(invitation=invitation, user=user)
    return user


def invitation_renew_request(*, token: str) -> None:
    """Someone holding a used or expired link asks for a new one: the country's focal
    points are told by mail (in their country's language), at most once an hour per link.
    Silent whatever the link was: the page says the same in every case."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return
    if not cache.add(f"invitation-renew-{invitation.pk}", 1, RENEW_EVERY):
        return
    focal_points = list(
        Membership.objects.filter(
            country_id=invitation.country_id, role=Role.FOCAL_POINT, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not focal_points:
        return
    with translation.override(invitation.country.language):
        context = {"invitation": invitation}
        subject = " ".join(render_to_string("emails/invitation_renew_subject.txt", context).split())
        body = render_to_string("emails/invitation_renew.txt", context)
    send_mail(subject, body, None, focal_points)
