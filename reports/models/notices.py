"""Mail: the notices sent (or being sent) to a person, and how each person wants mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roadmap.models import Country

from .report import Report


class NoticeKind(models.TextChoices):
    TRANSITION = "transition", _("Report state changed")
    COMMENT = "comment", _("Comment")
    REMINDER = "reminder", _("Deadline reminder")
    OVERDUE = "overdue", _("Overdue notice")
    # A reporter's word that the report is ready for the focal point (issue 24).
    HANDOVER = "handover", _("Report ready for the focal point")


class Notice(models.Model):
    """A mail sent (or being sent) to one person. The row is written before the mail goes:
    ``key`` names the event and step ("reminder:3:12:due-7", "transition:41"), unique per
    person, so a re-run or a second worker finds it taken and sends nothing twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    key = models.CharField(max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="+"
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
    )
    language = models.CharField(max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Pending until the mail server took it: then ``sent_at``. While pending, the process
    # sending it ("host:pid:start", jobs.workers) and since when: a notice whose sender
    # died, or that stays pending past the lease, is sent again from this row
    # (``notifications.notices_recover``); one that keeps failing gets ``failed_at`` and is
    # listed under Failed jobs.
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sending_by = models.CharField(max_length=200, blank=True)
    sending_since = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_notice_per_person_step"),
            models.CheckConstraint(
                condition=Q(kind__in=NoticeKind.values), name="notice_kind_valid"
            ),
        ]
        # The notifications page reads one person's sent mail, newest first.
        indexes = [
            models.Index(fields=["recipient", "-sent_at"], name="notice_inbox"),
            # The recovery reads the few notices still pending, every minute.
            models.Index(
                fields=["sending_since"], condition=Q(sent_at__isnull=True), name="notice_pending"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.subject}"


class MailPreference(models.Model):
    """How a person wants mail: in which language, and whether deadline reminders come
    (mail about their reports' state and comments always does)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="mail_preference",
    )
    language = models.CharField(
        _("language of mail"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: your country's language."),
    )
    reminders = models.BooleanField(_("send me deadline reminders"), default=True)

    class Meta:
        verbose_name = _("mail preference")
        verbose_name_plural = _("mail preferences")

    def __str__(self) -> str:
        return str(self.user)
