"""Baselines and targets of a country's indicators, kept per roadmap version.

Why per roadmap version: a roadmap states where a country starts from and where it aims
to be; a revised roadmap may move a target, while the reports written on the old version
keep being read against what that version said. So they are frozen with their roadmap
version (``roadmap_is_frozen``): once a report on it was handed in, they are neither
changed, added nor deleted (translations of the baseline's source stay correctable, as
for the roadmap's other texts). ``roadmap_revise`` copies them into the new version.

Imported at the end of ``roadmap.models`` so Django registers them with this app.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from translations.translatable import Translatable

from .models import Indicator, Roadmap, changed_fields, roadmap_is_frozen

# Years an indicator's figures can sensibly be about: SDG target 8.7 dates from 2015 and
# the Alliance's figures go back to the 2000 ILO estimates; no roadmap looks past 2100.
FIRST_YEAR, LAST_YEAR = 2000, 2100

TARGETS_FROZEN_MESSAGE = _(
    "A report on this roadmap version was handed in, so its baselines and targets stay as "
    "that report was read against. To change them, make a new roadmap version: select the "
    "roadmap in the list of roadmaps and choose “Start a new version of the selected "
    "roadmaps”."
)
YEAR_RANGE_MESSAGE = _("The year must be between 2000 and 2100.")


def _year_in_range(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
        name=name,
        violation_error_message=YEAR_RANGE_MESSAGE,
    )


class RoadmapFigure(Translatable):
    """What a baseline and a target share: an indicator of the roadmap's own country, in
    one roadmap version, frozen with it."""

    FROZEN_FIELDS: tuple[str, ...] = ()

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="%(class)ss"
    )
    roadmap = models.ForeignKey(
        Roadmap,
        verbose_name=_("roadmap version"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    # Validators as well as the constraint: they put the reason beside the field.
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[
            MinValueValidator(FIRST_YEAR, message=YEAR_RANGE_MESSAGE),
            MaxValueValidator(LAST_YEAR, message=YEAR_RANGE_MESSAGE),
        ],
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    # The last change of the row (the API's ``updated_since``).
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    class Meta:
        abstract = True

    def check_not_frozen(self) -> None:
        changed = changed_fields(self, self.FROZEN_FIELDS)
        if not changed:
            return
        versions = {self.roadmap_id}
        if self.pk is not None:  # moved out of a frozen version: removed from it
            stored = type(self)._default_manager.filter(pk=self.pk)
            versions |= set(stored.values_list("roadmap_id", flat=True))
        if any(roadmap_is_frozen(version) for version in versions):
            raise ValidationError(TARGETS_FROZEN_MESSAGE, code="targets_frozen")

    def check_country(self) -> None:
        if not (self.indicator_id and self.roadmap_id):
            return
        if self.indicator.country_id != self.roadmap.country_id:
            message = _("This indicator belongs to another country than the roadmap.")
            raise ValidationError({"indicator": ValidationError(message, code="foreign_indicator")})

    def check_years(self) -> None:
        """Baseline before targets: a target is a later year the figure should reach."""

    def clean(self) -> None:
        self.check_country()
        self.check_years()
        self.check_not_frozen()

    def save(self, *args, **kwargs) -> None:
        # The last guard: admin inlines, the demo, scripts and revise all come through here.
        self.check_country()
        self.check_years()
        self.check_not_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if roadmap_is_frozen(self.roadmap_id):
            raise ValidationError(TARGETS_FROZEN_MESSAGE, code="targets_frozen")
        return super().delete(*args, **kwargs)


class IndicatorBaseline(RoadmapFigure):
    """Where the indicator stood when the roadmap was set: the value of a year, and where
    that figure comes from."""

    TRANSLATED_FIELDS = ("source",)
    FROZEN_FIELDS = ("indicator_id", "roadmap_id", "year", "value", "source")

    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["roadmap", "indicator__order", "indicator__name"]
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "roadmap"],
                name="one_baseline_per_indicator_roadmap",
                violation_error_message=_(
                    "This indicator already has a baseline in this roadmap version."
                ),
            ),
            _year_in_range("baseline_year_sensible"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.shown_name}: {self.value} ({self.year})"

    @property
    def shown_source(self) -> str:
        return self.tr("source")

    def check_years(self) -> None:
        if not (self.indicator_id and self.roadmap_id and self.year):
            return
        earliest = (
            IndicatorTarget.objects.filter(
                indicator_id=self.indicator_id, roadmap_id=self.roadmap_id
            )
            .order_by("year")
            .values_list("year", flat=True)
            .first()
        )
        if earliest is not None and self.year >= earliest:
            message = _("The baseline must come before the first target (%(year)s).")
            raise ValidationError(
                {"year": ValidationError(message % {"year": earliest}, code="baseline_late")}
            )


class IndicatorTarget(RoadmapFigure):
    """The value the indicator should reach by the end of a year (several years: a path,
    e.g. 2023 and the roadmap's end year 2025)."""

    FROZEN_FIELDS = ("indicator_id", "roadmap_id", "year", "value")

    class Meta:
        ordering = ["roadmap", "indicator__order", "indicator__name", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "roadmap", "year"],
                name="one_target_per_indicator_roadmap_year",
                violation_error_message=_(
                    "This indicator already has a target for this year in this roadmap version."
                ),
            ),
            _year_in_range("target_year_sensible"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.shown_name}: {self.value} ({self.year})"

    def check_years(self) -> None:
        if not (self.indicator_id and self.roadmap_id and self.year):
            return
        baseline = (
            IndicatorBaseline.objects.filter(
                indicator_id=self.indicator_id, roadmap_id=self.roadmap_id
            )
            .values_list("year", flat=True)
            .first()
        )
        if baseline is not None and self.year <= baseline:
            message = _("A target must come after the baseline year (%(year)s).")
            raise ValidationError(
                {"year": ValidationError(message % {"year": baseline}, code="target_early")}
            )
