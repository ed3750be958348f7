"""Validation rules held as data, and the explanations a country writes for a warning.

Imported by ``reports.models`` (so Django finds them); it imports nothing of that module
(the report's rows are named by string), so the two never import each other.

A rule belongs to a framework: the Alliance 8.7 annual report and a donor programme may
judge the same figures differently. Every framework gets the default rules
(``reports.services.validation_rules``), which an admin then tunes: severity, message,
the factor of a jump, on or off. The engine that applies them is ``reports.validation``.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roadmap.models import Framework
from translations.translatable import Translatable


class RuleKind(models.TextChoices):
    ACTIVITY_IN_CYCLE = "activity_in_cycle", _("Activity dates inside the report's cycle")
    ACTIVITY_END_AFTER_START = "activity_end_after_start", _("Activity end not before its start")
    PARTICIPANTS_ADD_UP = "participants_add_up", _("Women and men not more than the total")
    BREAKDOWN_ADDS_UP = "breakdown_adds_up", _("An indicator's break-down adds up to its value")
    VALUE_JUMP = "value_jump", _("A value moving more than N-fold from the previous cycle")
    VALUE_SOURCE = "value_source", _("An indicator value gives its source")


# What the database refuses from any path already (Activity's check constraints): such a
# rule can only be an error; it gives the message the person reads.
DATABASE_ENFORCED = (RuleKind.ACTIVITY_END_AFTER_START, RuleKind.PARTICIPANTS_ADD_UP)
ACTIVITY_KINDS = (
    RuleKind.ACTIVITY_IN_CYCLE,
    RuleKind.ACTIVITY_END_AFTER_START,
    RuleKind.PARTICIPANTS_ADD_UP,
)


class Severity(models.TextChoices):
    ERROR = "error", _("Error: the value is not saved")
    WARNING = "warning", _("Warning: saved, explained before submitting")


MESSAGE_HELP = _(
    "What the person reads at the field. Parameters, written %(name)s: dates rule: "
    "%(start)s and %(end)s (the cycle's first and last day); participants rule: %(women)s, "
    "%(men)s, %(total)s; break-down rule: %(parts)s (their sum) and %(value)s; jump rule: "
    "%(previous)s, %(value)s and %(factor)s; source rule: %(indicator)s. A rule the "
    "database already enforces (end before start, participants) is always an error: "
    "the rule only gives its message."
)


class ValidationRule(Translatable):
    TRANSLATED_FIELDS = ("message",)

    framework = models.ForeignKey(
        Framework,
        verbose_name=_("reporting framework"),
        on_delete=models.CASCADE,
        related_name="validation_rules",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=RuleKind.choices)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.WARNING
    )
    message = models.CharField(_("message"), max_length=500, help_text=MESSAGE_HELP)
    factor = models.DecimalField(
        _("factor (N)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Jump rule only: a value more than N times, or less than 1/N of, the last."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["framework", "kind"]
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "kind"],
                name="one_rule_per_kind_framework",
                violation_error_message=_("This framework already has a rule of this kind."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=RuleKind.VALUE_JUMP) | Q(factor__gt=1),
                name="jump_rule_factor_above_one",
                violation_error_message=_("A jump rule needs a factor greater than 1."),
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=DATABASE_ENFORCED) | Q(severity=Severity.ERROR),
                name="database_rule_is_error",
                violation_error_message=_(
                    "The database refuses this always: its rule can only be an error."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RuleKind.values) & Q(severity__in=Severity.values),
                name="rule_kind_and_severity_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework} · {self.get_kind_display()}"

    @property
    def shown_message(self) -> str:
        return self.tr("message")

    def clean(self) -> None:
        super().clean()
        # The message is formatted with %(name)s parameters: a stray % would break it.
        try:
            self.message % _Any()
            for texts in (self.translations or {}).values():
                if texts.get("message"):
                    texts["message"] % _Any()
        except (KeyError, ValueError, TypeError) as exc:
            raise ValidationError(
                {"message": _("Write a parameter as %(name)s and a percent sign as %%.")}
            ) from exc


class _Any(dict):
    """Every parameter name formats (for checking a message's syntax)."""

    def __missing__(self, key: str) -> str:
        return ""


class WarningExplanation(models.Model):
    """Why a figure that drew a warning is right, written by the country before it
    submits. Anchored on one thing, an activity or an indicator value (as a comment
    thread), and one rule kind; it goes with the row it explains."""

    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="explanations",
    )
    activity = models.ForeignKey(
        "reports.Activity",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="explanations",
    )
    indicator_value = models.ForeignKey(
        "reports.IndicatorValue",
        verbose_name=_("indicator value"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="explanations",
    )
    kind = models.CharField(_("rule"), max_length=40, choices=RuleKind.choices)
    text = models.TextField(_("explanation"), max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT
    )
    written_at = models.DateTimeField(_("written at"), auto_now=True)
    # The audit trail keeps every version of an explanation (as of the figures).
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("explanation of a warning")
        verbose_name_plural = _("explanations of warnings")
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False, indicator_value__isnull=True)
                | Q(activity__isnull=True, indicator_value__isnull=False),
                name="explanation_on_one_target",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="explanation_not_empty"),
            # One per warning: a retried submission updates it, never adds a second.
            models.UniqueConstraint(
                fields=["activity", "kind"], name="one_explanation_per_activity_rule"
            ),
            models.UniqueConstraint(
                fields=["indicator_value", "kind"], name="one_explanation_per_value_rule"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def save(self, *args, **kwargs) -> None:
        self.check_report_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.check_report_editable()
        return super().delete(*args, **kwargs)

    @property
    def target_key(self) -> str:
        if self.activity_id:
            return f"activity-{self.activity_id}"
        return f"value-{self.indicator_value_id}"

    def check_report_editable(self) -> None:
        # Handed in means frozen (reports.freeze), whatever writes it: the service, the
        # admin, a script. Returned reports are editable again.
        report = apps.get_model("reports", "Report").objects.only("state").get(pk=self.report_id)
        if not report.is_editable_state:
            raise ValidationError(
                _("This report has been handed in and can no longer be changed."),
                code="report_locked",
            )
