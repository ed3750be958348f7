"""A person's access token. The database keeps the SHA-256 of the token, never the token:
a copy of the database (a backup, a leaked dump) opens nothing. The prefix, stored in the
clear, names the token in lists and finds its row without a scan."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DEFAULT_DAYS = 90
MAX_DAYS = 365
PREFIX = "pf_"
PREFIX_LENGTH = len(PREFIX) + 8


class Scope(models.TextChoices):
    # The only scope: a token reads. Named so that a later write scope is a migration,
    # not a change of meaning of the tokens already given out.
    READ = "read", _("read only")


class TokenStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("token status", "active")
    EXPIRED = "expired", pgettext_lazy("token status", "expired")
    REVOKED = "revoked", pgettext_lazy("token status", "revoked")


class PersonalToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_tokens",
        verbose_name=_("person"),
    )
    label = models.CharField(
        _("label"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Power BI at the secretariat”."),
    )
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    lifetime_days = models.PositiveSmallIntegerField(
        _("valid for (days)"),
        default=DEFAULT_DAYS,
        # The same rule as the constraint, so a form shows it next to its field.
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DAYS)],
        help_text=_("Between 1 and 365 days."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # Always created_at + lifetime_days (save()): the lifetime carries the constraint, this
    # field the index the authentication reads.
    expires_at = models.DateTimeField(_("expires"), editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("revoked by"),
    )
    # The form's key: the same form posted twice (a double click, a retried request)
    # creates one token.
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(lifetime_days__gte=1, lifetime_days__lte=MAX_DAYS),
                name="token_lifetime_at_most_a_year",
                violation_error_message=_("A token is valid for 1 to 365 days."),
            ),
            models.CheckConstraint(
                condition=Q(scope=Scope.READ),
                name="token_read_only",
                violation_error_message=_("A token can only read."),
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="token_expires_after_creation",
                violation_error_message=_("A token must expire after it is created."),
            ),
            models.UniqueConstraint(
                fields=["user", "client_key"],
                name="token_one_per_client_key",
                violation_error_message=_("This form was already sent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.label})"

    def save(self, *args, **kwargs) -> None:
        self.expires_at = self.created_at + dt.timedelta(days=self.lifetime_days or 0)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if not self.label.strip():
            raise ValidationError({"label": _("Give the token a label.")})

    def status_at(self, now: dt.datetime) -> str:
        if self.revoked_at is not None:
            return TokenStatus.REVOKED
        if self.expires_at <= now:
            return TokenStatus.EXPIRED
        return TokenStatus.ACTIVE

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return TokenStatus(self.status).label
