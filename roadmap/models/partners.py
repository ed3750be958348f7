"""The organisations a country works with."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .countries import Country


class Partner(models.Model):
    """An organisation a country works with (questions 32-37 of the annual form)."""

    class Scope(models.TextChoices):
        INTERNATIONAL = "international", _("International")
        DOMESTIC = "domestic", _("Domestic")

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=200)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    description = models.TextField(_("collaboration"), blank=True)

    class Meta:
        ordering = ["country__name", "scope", "name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="unique_partner_per_country")
        ]

    def __str__(self) -> str:
        return self.name
