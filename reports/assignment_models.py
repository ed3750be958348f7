"""Assignments: who of a country writes which part of its report, and the hand-in of
each part to the focal point (issue 24).

Imported by ``reports.models`` (so Django finds them); the report's rows are named by
string, so the two modules never import each other.

A part is one question (every item of it), one priority (the items of every per-priority
question for that priority), a section (its questions), an activity or an indicator. The
focal point assigns it to one or more people with a due date and a note; each assignee
marks it ready, the focal point accepts it (then it is read-only to that assignee) or
sends it back with a note. Every change writes an ``AssignmentEvent`` in the same
transaction (``reports.services.assignments``): the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AssignmentTarget(models.TextChoices):
    QUESTION = "question", _("Question")
    PRIORITY = "priority", _("Priority (all its questions)")
    SECTION = "section", _("Section")
    ACTIVITY = "activity", _("Activity")
    INDICATOR = "indicator", _("Indicator")


# The foreign key each kind names: exactly that one is set (the check constraint below).
TARGET_FIELDS = tuple(kind.value for kind in AssignmentTarget)


class AssignmentState(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    READY = "ready", _("Ready for the focal point")
    ACCEPTED = "accepted", _("Accepted by the focal point")
    RETURNED = "returned", _("Sent back")


def _only_target(kind: str) -> Q:
    """The row of ``kind`` names its target and no other."""
    condition = Q(target=kind)
    for name in TARGET_FIELDS:
        condition &= Q(**{f"{name}__isnull": name != kind})
    return condition


class Assignment(models.Model):
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    target = models.CharField(_("part"), max_length=20, choices=AssignmentTarget.choices)
    question = models.ForeignKey(
        "reports.Question",
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    priority = models.ForeignKey(
        "roadmap.Priority",
        verbose_name=_("priority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    section = models.ForeignKey(
        "reports.Section",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # An activity removed from the report takes its assignments with it (the events stay).
    activity = models.ForeignKey(
        "reports.Activity",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
    )
    indicator = models.ForeignKey(
        "roadmap.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=5000)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=AssignmentState.choices,
        default=AssignmentState.ASSIGNED,
    )
    # The focal point's note when sending the part back.
    state_note = models.TextField(_("note from the focal point"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Grows with every change: an edit made on an older page is refused, not applied over
    # a colleague's (the house conflict rule).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["report", "due_on", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(target__in=AssignmentTarget.values), name="assignment_target_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=AssignmentState.values), name="assignment_state_valid"
            ),
            models.CheckConstraint(
                condition=_only_target(AssignmentTarget.QUESTION)
                | _only_target(AssignmentTarget.PRIORITY)
                | _only_target(AssignmentTarget.SECTION)
                | _only_target(AssignmentTarget.ACTIVITY)
                | _only_target(AssignmentTarget.INDICATOR),
                name="assignment_names_its_target_once",
            ),
            # One row per person and part: assigning again is a no-op, not a second row.
            *(
                models.UniqueConstraint(
                    fields=["report", name, "assignee"],
                    condition=Q(target=name),
                    name=f"one_assignment_per_{name}_assignee",
                )
                for name in TARGET_FIELDS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.get_target_display()} · {self.assignee}"

    @property
    def target_id(self) -> int | None:
        return getattr(self, f"{self.target}_id")


class AssignmentAction(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    REASSIGNED = "reassigned", _("Reassigned")
    REMOVED = "removed", _("Removed")
    DUE_CHANGED = "due_changed", _("Due date or note changed")
    READY = "ready", _("Marked ready")
    ACCEPTED = "accepted", _("Accepted")
    SENT_BACK = "sent_back", _("Sent back")
    REMINDED = "reminded", _("Reminded")


class AssignmentEvent(models.Model):
    """One line of the audit trail. Kept when its assignment is removed (the report
    still says who was assigned what, and when it went)."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="assignment_events",
    )
    action = models.CharField(_("action"), max_length=20, choices=AssignmentAction.choices)
    # Null: the system (a reminder run).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)
    # What the part was when the assignment row is gone (its label at the time).
    part_label = models.CharField(_("part"), max_length=300, blank=True)

    class Meta:
        ordering = ["report", "at", "pk"]
        verbose_name = _("assignment event")
        verbose_name_plural = _("assignment events")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AssignmentAction.values),
                name="assignment_event_action_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"
