"""The report: one country's report for one cycle, its states, and its queryset, which
tells ``reports.freeze`` of bulk writes that may hand reports in."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from roadmap.models import Country, Roadmap

from .cycles import ReportingCycle


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted")


# A report open to changes (``Report.is_editable_state``): not yet handed in, or returned.
EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)

# Sent (sender: Report, ``pks``) after a bulk write that may hand reports in: an
# ``update`` of their state, submission date, roadmap or cycle, or a ``bulk_create``.
# ``Model.save`` sends post_save; these do not, and reports.freeze must hear of both.
reports_bulk_written = Signal()
HANDING_IN_FIELDS = frozenset(
    {"state", "submitted_at", "roadmap", "roadmap_id", "cycle", "cycle_id"}
)


class ReportQuerySet(models.QuerySet["Report"]):
    def with_context(self) -> ReportQuerySet:
        # The questionnaire too: its structure token keys the cached layout (structure.py).
        return self.select_related(
            "country", "cycle", "cycle__framework", "cycle__questionnaire", "roadmap"
        )

    def update(self, **kwargs) -> int:
        if HANDING_IN_FIELDS.isdisjoint(kwargs):
            return super().update(**kwargs)  # a revision bump: nothing handed in
        # The rows, before the update may move them out of this queryset's filter.
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        reports_bulk_written.send(sender=Report, pks=pks)
        return count

    def bulk_create(self, objs, *args, **kwargs) -> list:
        created = super().bulk_create(objs, *args, **kwargs)
        reports_bulk_written.send(sender=Report, pks=[r.pk for r in created if r.pk])
        return created


class Report(models.Model):
    """One country's report for one cycle. ``revision`` grows with every change to the
    report or anything in it; it keys the rendered PDF and guards concurrent edits."""

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="reports"
    )
    cycle = models.ForeignKey(
        ReportingCycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="reports"
    )
    roadmap = models.ForeignKey(
        Roadmap,
        verbose_name=_("roadmap"),
        on_delete=models.PROTECT,
        related_name="reports",
        help_text=_("The roadmap version this report was written against."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    # Its kept PDFs go with it.
    documents = GenericRelation(
        "KeptDocument", content_type_field="subject_type", object_id_field="subject_id"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-cycle__starts_on", "country__name"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "cycle"],
                name="one_report_per_country_cycle",
                violation_error_message=_("This country already has a report for this cycle."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values), name="report_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.cycle.label}"

    @property
    def is_editable_state(self) -> bool:
        return self.state in EDITABLE_STATES
