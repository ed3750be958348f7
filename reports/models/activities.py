"""What a report counts: its activities (where they were held, who took part, the
priorities they serve) and its indicator values with their break-downs."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roadmap.models import Area, Indicator, Priority

from .. import activity_dates
from .questionnaires import MAX_ANSWER_LENGTH
from .report import Report


class AreaCoverage(models.TextChoices):
    """Where an activity was held. "Areas": the areas picked from the country's list and
    any names typed that are not in it; "national" and "not given" name none, so the
    database refuses them with typed names (and the save service with picked areas)."""

    AREAS = "areas", _("In the areas named")
    NATIONAL = "national", _("National")
    NOT_GIVEN = "not_given", _("Not given")


class Activity(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        WORKSHOP = "workshop", _("Workshop")
        FORUM = "forum", _("Forum or conference")
        CAMPAIGN = "campaign", _("Campaign or communication")
        STUDY = "study", _("Study or assessment")
        SERVICE = "service", _("Service delivery")
        OTHER = "other", _("Other")

    # What a person fills in about an activity (besides the priorities it serves), in form
    # order: the entry form, the admin, the audit trail and the save service share it.
    DESCRIBING_FIELDS = (
        "title",
        "kind",
        "starts_on",
        "ends_on",
        "coverage",
        "unlisted_areas",
        "organisers",
        "partners",
        "participants_women",
        "participants_men",
        "participants_total",
        "description",
    )

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    coverage = models.CharField(
        _("where"), max_length=10, choices=AreaCoverage.choices, default=AreaCoverage.NOT_GIVEN
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("provinces"), blank=True, related_name="activities"
    )
    # Names typed that are not (yet) in the country's list: kept as typed, never lost;
    # shown as "not in the list" and mapped when the list gains them (load_areas).
    unlisted_areas = models.JSONField(_("not in the list"), default=list, blank=True)
    organisers = models.CharField(_("organisers"), max_length=500, blank=True)
    partners = models.CharField(_("partners"), max_length=500, blank=True)
    participants_women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    participants_men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    participants_total = models.PositiveIntegerField(_("total participants"), null=True, blank=True)
    priorities = models.ManyToManyField(
        Priority, verbose_name=_("priorities served"), blank=True, related_name="activities"
    )
    description = models.TextField(_("description"), blank=True, max_length=MAX_ANSWER_LENGTH)
    # Which agency wrote it (issue 24): a contributor's, set by the write services from
    # their membership; null for the country's own staff ("Country team").
    agency = models.ForeignKey(
        "roadmap.Agency",
        verbose_name=_("contributed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revision = models.PositiveIntegerField(default=1)
    # As NextStep.client_key: the add form's key, so a resent form adds one activity.
    client_key = models.UUIDField(null=True, blank=True, editable=False)
    # The last change of the row (the API's ``updated_since``): an analyst's refresh takes
    # only what changed.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)
    history = HistoricalRecords(m2m_fields=[priorities, areas], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["report", "starts_on", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="activity_ends_after_start",
                violation_error_message=_("An activity cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(participants_total__isnull=True)
                | Q(participants_women__isnull=True)
                | Q(participants_men__isnull=True)
                | Q(participants_total__gte=F("participants_women") + F("participants_men")),
                name="activity_participants_add_up",
                violation_error_message=_("Women and men together cannot exceed the total."),
            ),
            models.UniqueConstraint(
                fields=["report", "client_key"], name="one_activity_per_client_key"
            ),
            models.CheckConstraint(
                condition=Q(coverage__in=AreaCoverage.values)
                & (Q(coverage=AreaCoverage.AREAS) | Q(unlisted_areas=[])),
                name="activity_coverage_without_names",
                violation_error_message=_(
                    "An activity that is national, or whose place is not given, names no province."
                ),
            ),
            # The outer bound any path must keep (``activity_dates``: the form and the
            # save service hold a report's activities to its period, give or take a year).
            models.CheckConstraint(
                condition=Q(starts_on__range=(activity_dates.EARLIEST, activity_dates.LATEST))
                & (
                    Q(ends_on__isnull=True)
                    | Q(ends_on__range=(activity_dates.EARLIEST, activity_dates.LATEST))
                ),
                name="activity_dates_in_range",
                violation_error_message=_("An activity's dates must lie between 1990 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # Dates within the report's period are the framework's rule (reports.validation),
    # applied by the save service; the database holds only the outer bound above.

    @property
    def people_reached(self) -> int:
        """The total, or women + men when no total was given: every page and the PDF
        count an activity the same way."""
        if self.participants_total is not None:
            return self.participants_total
        return (self.participants_women or 0) + (self.participants_men or 0)


class IndicatorValue(models.Model):
    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    # The break-down is in ``parts`` (IndicatorValuePart): one row per label and amount.
    breakdown_partial = models.BooleanField(
        _("the parts do not cover the whole value"),
        default=False,
        help_text=_("Tick when the parts leave some of the value out."),
    )
    # Free text of an old break-down that did not read "label: number" (migration 0021):
    # kept word for word, shown beside the parts, never guessed at.
    breakdown_text = models.TextField(_("break-down as first typed"), blank=True, max_length=5000)
    source = models.CharField(_("source"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=5000)
    # Which agency wrote it (issue 24): a contributor's, set by the write services from
    # their membership; null for the country's own staff ("Country team").
    agency = models.ForeignKey(
        "roadmap.Agency",
        verbose_name=_("contributed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revision = models.PositiveIntegerField(default=1)
    # The last change of the row (the API's ``updated_since``): an analyst's refresh takes
    # only what changed.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["report", "indicator__order", "indicator__name"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="one_value_per_indicator_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.shown_name}: {self.value}"

    @property
    def shown_source(self) -> str:
        """The source as typed; when it is the indicator's usual source word for word, that
        source in the reader's language (so a Vietnamese page does not quote the English)."""
        if self.source and self.source == self.indicator.source:
            return self.indicator.shown_source
        return self.source

    def breakdown_amounts(self) -> tuple[list[Decimal], bool]:
        """The parts' amounts in order and whether they are partial (the rule "the parts
        add up to the value" holds only when they are not). Uses ``parts`` as prefetched."""
        return [part.amount for part in self.parts.all()], self.breakdown_partial


class IndicatorValuePart(models.Model):
    """One part of an indicator value's break-down ("counselling": 541). Frozen with the
    report once it is handed in (``reports.freeze``)."""

    value = models.ForeignKey(
        IndicatorValue,
        verbose_name=_("indicator value"),
        on_delete=models.CASCADE,
        related_name="parts",
    )
    label = models.CharField(_("label"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["value", "order", "pk"]
        verbose_name = _("break-down part")
        verbose_name_plural = _("break-down parts")
        constraints = [
            models.UniqueConstraint(
                fields=["value", "label"],
                name="one_part_per_label",
                violation_error_message=_("Each part of a break-down has its own label."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="part_amount_not_negative",
                violation_error_message=_("A part of a break-down cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.amount}"
