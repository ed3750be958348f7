"""Agencies and invitations: how people of other agencies come to write parts of a
country's report (issue 24).

Imported by ``roadmap.models`` (so Django registers them); it imports nothing of that
module at load time (the country is named by string), so the two never import each other.

An invitation keeps only the SHA-256 of its token: the link in the mail is the one place
the token exists, so a copy of the database lets no one in. It works once
(``used_at``) and until ``expires_at`` (``settings.INVITATION_DAYS`` after it was made).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from translations.translatable import Translatable


class Agency(Translatable):
    """An organisation of a country that contributes to its report: the Ministry of Public
    Security, the General Statistics Office. Named in both languages (``translations``)."""

    TRANSLATED_FIELDS = ("name",)

    country = models.ForeignKey(
        "roadmap.Country",
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="agencies",
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            # Case-blind: "General Statistics Office" typed twice in two cases is one agency.
            models.UniqueConstraint(
                "country",
                Lower("name"),
                name="unique_agency_name_per_country",
                violation_error_message=_("This country already has an agency of that name."),
            ),
            models.CheckConstraint(condition=~Q(name=""), name="agency_named"),
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        return self.tr("name")


class Invitation(models.Model):
    """An invitation to contribute to a country's reports, sent by e-mail."""

    email = models.EmailField(_("e-mail address"))
    # The name the focal point gave; the invitee may change it when accepting.
    name = models.CharField(_("name"), max_length=150, blank=True)
    country = models.ForeignKey(
        "roadmap.Country",
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="invitations"
    )
    # One role today: reporters and focal points are added by admins, as before.
    role = models.CharField(_("role"), max_length=20, default="contributor", editable=False)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    token_hash = models.CharField(_("token (hashed)"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("used by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(condition=Q(role="contributor"), name="invitation_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.country}"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
