"""What is written in a report's questions: the answers, and the next steps one report
names for the following cycle.

Client keys: a new next step or activity carries a UUID made by the browser (or, without
script, by the page that offered the blank row), unique per report. A save that is sent
again (entry.js resends after a network failure; a person presses Submit twice) finds the
row the first attempt made instead of adding a second. The key is nullable: rows made
before keys existed, and rows made by the demo data or the next cycle's carry-over, never
came from a request that could be resent, and NULLs never collide.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roadmap.models import Priority

from .questionnaires import MAX_ANSWER_LENGTH, Question
from .report import Report


class NextStep(models.Model):
    """A next step identified in one report (question 41) for the following cycle; the
    next cycle's report gives it a status (questions 16-21) with no retyping."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="next_steps"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title of next step"), max_length=500)
    targets = models.TextField(
        _("targets for this next step (please be precise)"), blank=True, max_length=5000
    )
    evidence = models.TextField(
        _("evidence you would use to show the step is achieved"), blank=True, max_length=5000
    )
    work_areas = models.JSONField(_("work areas"), default=list)
    revision = models.PositiveIntegerField(default=1)
    # Made by the browser for a new row (see "Client keys" above): a retried save finds the
    # row its first attempt made instead of adding it twice.
    client_key = models.UUIDField(null=True, blank=True, editable=False)
    # The last change of the row (the API's ``updated_since``): an analyst's refresh takes
    # only what changed.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)
    # The audit trail dates each change itself (history_date): the column is not repeated.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="next_step_titled"),
            models.UniqueConstraint(
                fields=["report", "client_key"], name="one_next_step_per_client_key"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Answer(models.Model):
    """The answer to one question, or to one question for one priority or next step.
    ``text`` holds long text (and the "other" text of a choice); ``value`` holds the
    choice value(s) or rating."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
    )
    next_step = models.ForeignKey(
        NextStep,
        verbose_name=_("next step"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
    )
    text = models.TextField(_("answer"), blank=True, max_length=MAX_ANSWER_LENGTH)
    value = models.JSONField(_("choice"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "question"],
                condition=Q(priority__isnull=True, next_step__isnull=True),
                name="one_answer_per_question",
            ),
            models.UniqueConstraint(
                fields=["report", "question", "priority"],
                condition=Q(priority__isnull=False),
                name="one_answer_per_question_priority",
            ),
            models.UniqueConstraint(
                fields=["report", "question", "next_step"],
                condition=Q(next_step__isnull=False),
                name="one_answer_per_question_next_step",
            ),
            models.CheckConstraint(
                condition=Q(priority__isnull=True) | Q(next_step__isnull=True),
                name="answer_anchored_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.question.code}"

    def get_absolute_url(self) -> str:
        """The thread in the report's reading view, where every thread is shown."""
        return reverse("reports:read", args=[self.report_id]) + f"#thread-{self.pk}"
