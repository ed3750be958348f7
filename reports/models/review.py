"""The review of a report: the recorded steps of its workflow (transitions), and the
comment threads anchored on what it says, with their comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roadmap.models import Priority

from .answers import NextStep
from .questionnaires import Question
from .report import Report, ReportState


class TransitionAction(models.TextChoices):
    """The steps of the workflow (``reports.workflow.RULES`` says who takes each, from
    which state to which)."""

    SUBMIT = "submit", _("Submit")
    RETURN = "return", _("Return for revision")
    ACCEPT = "accept", _("Accept")
    REOPEN = "reopen", _("Reopen")
    # Not a step anyone takes on a page: a past year's Word report loaded by an admin.
    IMPORT_HISTORY = "import_history", _("Imported as history")
    # Publishing an accepted report on the public pages (reports.workflow): the state
    # stays "accepted"; the row records who decided, when, why, and of which revision.
    PUBLISH = "publish", _("Publish")
    WITHDRAW = "withdraw", _("Withdraw from public pages")
    CONSENT = "consent", _("Consent to publication")


class Transition(models.Model):
    """A recorded change of a report's state: who, when, why. Written only by
    ``reports.workflow``. ``snapshot`` keeps the answers as submitted, for the diff a
    reviewer sees after a resubmission."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=20, choices=TransitionAction.choices)
    from_state = models.CharField(max_length=20, choices=ReportState.choices)
    to_state = models.CharField(max_length=20, choices=ReportState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.PROTECT,
        related_name="report_transitions",
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True, max_length=5000)
    snapshot = models.JSONField(null=True, blank=True)
    # The report's revision the step was taken on: a consent is to publish that revision
    # only, and a publication names the revision it froze. Null on older rows.
    revision = models.PositiveIntegerField(_("revision"), null=True, blank=True)

    class Meta:
        ordering = ["report", "at", "pk"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return f"{self.report}: {self.from_state} → {self.to_state}"


class CommentThread(models.Model):
    """A conversation anchored on exactly one thing of a report: a question (and priority
    or next step), an activity, or an indicator value (a figure with its break-down)."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="threads"
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="threads",
    )
    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.PROTECT, null=True, blank=True
    )
    next_step = models.ForeignKey(
        NextStep, verbose_name=_("next step"), on_delete=models.CASCADE, null=True, blank=True
    )
    # As a thread on a next step: it goes with the row it is about.
    activity = models.ForeignKey(
        "Activity",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="threads",
    )
    indicator_value = models.ForeignKey(
        "IndicatorValue",
        verbose_name=_("indicator value"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="threads",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["report", "created_at"]
        verbose_name = _("comment thread")
        verbose_name_plural = _("comment threads")
        constraints = [
            # One target: a question (with at most its priority or next step), or an
            # activity, or an indicator value; never two, never none.
            models.CheckConstraint(
                condition=Q(
                    question__isnull=False, activity__isnull=True, indicator_value__isnull=True
                )
                | Q(
                    question__isnull=True,
                    priority__isnull=True,
                    next_step__isnull=True,
                    activity__isnull=False,
                    indicator_value__isnull=True,
                )
                | Q(
                    question__isnull=True,
                    priority__isnull=True,
                    next_step__isnull=True,
                    activity__isnull=True,
                    indicator_value__isnull=False,
                ),
                name="thread_on_one_target",
            )
        ]

    def __str__(self) -> str:
        if self.activity_id:
            return f"{self.report} · activity {self.activity_id}"
        if self.indicator_value_id:
            return f"{self.report} · indicator value {self.indicator_value_id}"
        return f"{self.report} · {self.question.code}"

    def get_absolute_url(self) -> str:
        """The thread in the report's reading view, where every thread is shown."""
        return reverse("reports:read", args=[self.report_id]) + f"#thread-{self.pk}"


class Comment(models.Model):
    thread = models.ForeignKey(
        CommentThread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    # As NextStep.client_key: the comment form's key, so a form sent twice (a retried
    # request, a double click) posts one comment, or opens one thread, and sends one mail.
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["thread", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="comment_not_empty"),
            # Per author: a key someone else sent can never stand for their comment.
            models.UniqueConstraint(
                fields=["author", "client_key"], name="one_comment_per_client_key"
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]
