"""A country's administrative areas (provinces, regions): the list an activity's "where"
is picked from. Reading a list and recognising typed names is ``roadmap.areas``."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from translations.translatable import Translatable

from ..areas import split_aliases
from .countries import Country
from .frozen import changed_fields, held_by_others

AREA_CODE_FROZEN_MESSAGE = _(
    "A handed-in report names this area, so its code and country stay as they are: reports "
    "and trends group by the code. Correct its names, or add a new area."
)


class AreaQuerySet(models.QuerySet["Area"]):
    def active(self) -> AreaQuerySet:
        return self.filter(is_active=True)

    def valid_during(self, starts_on: dt.date, ends_on: dt.date) -> AreaQuerySet:
        return self.filter(valid_during(starts_on, ends_on))


def valid_during(starts_on: dt.date, ends_on: dt.date) -> models.Q:
    """Areas valid on at least one day from ``starts_on`` to ``ends_on``."""
    return (models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=ends_on)) & (
        models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=starts_on)
    )


class Area(Translatable):
    """A first-level administrative area of a country (a province or city of Viet Nam, a
    region of Chile): what an activity's "where" is picked from, so "Ha Noi" and "Hà Nội"
    are one row of every table. Loaded from a CSV (``load_areas``); the code is ISO
    3166-2 where the area has one. Grouping is by code, so once a handed-in report names
    an area, its code and country stay (``relied_on``); its names may still be corrected."""

    TRANSLATED_FIELDS = ("name",)

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="areas"
    )
    code = models.CharField(
        _("code"), max_length=6, help_text=_("ISO 3166-2 where there is one, e.g. VN-HN.")
    )
    name = models.CharField(_("name"), max_length=100)
    aliases = models.CharField(
        _("other spellings"),
        max_length=500,
        blank=True,
        help_text=_(
            "Separated by semicolons, e.g. “Hanoi; Ha Noi”. Used to recognise typed names; "
            "case, accents and spaces are ignored anyway."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # A list is of its time (Viet Nam's 63 provinces became 34 on 1 July 2025): a report
    # is offered the areas valid in its cycle, so a later list can sit beside the old one.
    # Empty: no bound.
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # The last change of the row (the API's ``updated_since``).
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    objects = AreaQuerySet.as_manager()

    FROZEN_FIELDS = ("country_id", "code")

    class Meta:
        ordering = ["country__name", "order", "name"]
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"],
                name="unique_area_code_per_country",
                violation_error_message=_("This country already has an area with this code."),
            ),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}-[A-Z0-9]{1,3}$"),
                name="area_code_shape",
                violation_error_message=_(
                    "The code is the country's code, a hyphen and up to three letters or "
                    "digits, e.g. VN-HN."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="area_valid_in_order",
                violation_error_message=_("An area cannot stop being valid before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        return self.tr("name")

    def spellings(self) -> list[str]:
        """Every name it may be typed as: its name in each language and its aliases."""
        return [*self.in_every_language("name").values(), *split_aliases(self.aliases)]

    def is_relied_on(self) -> bool:
        return self.pk is not None and held_by_others(Area, self.pk)

    def check_not_frozen(self) -> None:
        changed = self.pk is not None and changed_fields(self, self.FROZEN_FIELDS)
        if changed and self.is_relied_on():
            raise ValidationError(AREA_CODE_FROZEN_MESSAGE, code="area_frozen")

    def clean(self) -> None:
        super().clean()
        self.code = (self.code or "").upper()
        if self.country_id and self.code and not self.code.startswith(self.country.code + "-"):
            raise ValidationError(
                {"code": _("The code starts with the country's code, e.g. VN-HN for Viet Nam.")},
                code="area_code_country",
            )
        self.check_not_frozen()

    def save(self, *args, **kwargs) -> None:
        self.check_not_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_relied_on():
            raise ValidationError(AREA_CODE_FROZEN_MESSAGE, code="area_frozen")
        return super().delete(*args, **kwargs)
