"""Indicators: the figures a country tracks across cycles. Once a handed-in report gives a
value of one, its name and unit stay as that report states them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from translations.translatable import Translatable

from .countries import Country, WorkArea
from .frozen import changed_fields, held_by_others

INDICATOR_FROZEN_MESSAGE = _(
    "Handed-in reports give values of this indicator, so its name and unit stay as those "
    "reports state them. For a different figure, add a new indicator."
)


def indicator_is_frozen(indicator_id: int | None) -> bool:
    if not indicator_id:
        return False
    stored = Indicator.objects.filter(pk=indicator_id, frozen_at__isnull=False).exists()
    return stored or held_by_others(Indicator, indicator_id)


class Indicator(Translatable):
    """A monitoring figure a country tracks across cycles (values live in ``reports``)."""

    TRANSLATED_FIELDS = ("name", "unit", "source")

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. calls, people, courses"))
    source = models.CharField(_("usual source"), max_length=300, blank=True)
    work_area = models.CharField(
        _("work area"), max_length=30, choices=WorkArea.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # Set once a handed-in report holds a value of it: its name and unit are then part of
    # what that report says and no longer change (see FROZEN_INDICATOR_FIELDS).
    frozen_at = models.DateTimeField(_("frozen since"), null=True, blank=True, editable=False)
    # The last change of the row (the API's ``updated_since``).
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["country__name", "order", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="unique_indicator_name")
        ]

    def __str__(self) -> str:
        return f"{self.shown_name} ({self.shown_unit})"

    @property
    def shown_name(self) -> str:
        return self.tr("name")

    @property
    def shown_unit(self) -> str:
        return self.tr("unit")

    @property
    def shown_source(self) -> str:
        return self.tr("source")

    def save(self, *args, **kwargs) -> None:
        self.check_not_frozen()
        super().save(*args, **kwargs)

    FROZEN_FIELDS = ("name", "unit")

    @property
    def is_frozen(self) -> bool:
        # Read from the row (and the reports relying on it): an instance loaded before the
        # freeze still says no.
        return indicator_is_frozen(self.pk)

    def check_not_frozen(self) -> None:
        if self.pk is None:
            return
        if changed_fields(self, self.FROZEN_FIELDS) and self.is_frozen:
            raise ValidationError(INDICATOR_FROZEN_MESSAGE, code="indicator_frozen")

    def clean(self) -> None:
        self.check_not_frozen()
