"""Reporting: cycles, questionnaires held as data, reports and everything written in them.

Rules that are absolute are database constraints; rules that need a person's judgement
(quality flags) live in ``reports.quality``. State changes happen only in
``reports.workflow``; multi-model writes only in ``reports.services``.

Client keys: a new next step or activity carries a UUID made by the browser (or, without
script, by the page that offered the blank row), unique per report. A save that is sent
again (entry.js resends after a network failure; a person presses Submit twice) finds the
row the first attempt made instead of adding a second. The key is nullable: rows made
before keys existed, and rows made by the demo data or the next cycle's carry-over, never
came from a request that could be resent, and NULLs never collide.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roadmap.models import Area, Country, Framework, Indicator, Priority, Roadmap
from roadmap.structure import new_structure_token
from translations.translatable import Translatable

from . import activity_dates
from .storage import documents_storage

MAX_ANSWER_LENGTH = 20_000


def is_blank(value: object) -> bool:
    """Whether a stored choice value (an answer's, a form's, a historical one) holds
    nothing: None, "" or an empty list."""
    return value in (None, "", [])


class CycleQuerySet(models.QuerySet["ReportingCycle"]):
    def get_by_code(self, code: str) -> ReportingCycle:
        """Find a cycle by the code people use on the command line: "2022-2023" for a
        cycle across two years, "2003-10" for one starting in October 2003 within a year."""
        code = code.strip()
        if match := re.fullmatch(r"(\d{4})-(\d{4})", code):
            return self.get(starts_on__year=int(match[1]), ends_on__year=int(match[2]))
        if match := re.fullmatch(r"(\d{4})-(\d{2})", code):
            return self.get(starts_on__year=int(match[1]), starts_on__month=int(match[2]))
        raise self.model.DoesNotExist(f"Not a cycle code: {code!r} (expected e.g. 2022-2023)")


class ReportingCycle(models.Model):
    """A reporting period (May to April for the annual report; a quarter for a programme).
    Its label and code are derived from its dates, never typed."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="cycles"
    )
    starts_on = models.DateField(_("period starts on"))
    ends_on = models.DateField(_("period ends on"))
    opens_on = models.DateField(_("reporting opens on"))
    deadline = models.DateField(_("deadline"))
    # The last change of the row (the API's ``updated_since``): an analyst's refresh takes
    # only what changed.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "-starts_on"]
        get_latest_by = "starts_on"
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        constraints = [
            models.UniqueConstraint(fields=["framework", "starts_on"], name="unique_cycle_start"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="cycle_ends_after_start",
                violation_error_message=_("The period must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("opens_on")),
                name="cycle_deadline_after_opening",
                violation_error_message=_("The deadline cannot be before reporting opens."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        """ "May 2022 – April 2023", in the active language."""
        return (
            f"{date_format(self.starts_on, 'YEAR_MONTH_FORMAT')} – "
            f"{date_format(self.ends_on, 'YEAR_MONTH_FORMAT')}"
        )

    @property
    def code(self) -> str:
        if self.starts_on.year == self.ends_on.year:
            return f"{self.starts_on:%Y-%m}"
        return f"{self.starts_on:%Y}-{self.ends_on:%Y}"

    def is_late(self, on: dt.date) -> bool:
        return on > self.deadline

    def takes_new_reports(self, on: dt.date) -> bool:
        """Reporting has opened and the deadline is not further behind than overdue
        notices go (a late report is still taken): a country may open its report."""
        overdue = dt.timedelta(weeks=settings.REMINDER_OVERDUE_WEEKS)
        return self.opens_on <= on <= self.deadline + overdue


class Questionnaire(Translatable):
    """The form of one cycle. Copy it to the next cycle (``services.questionnaire_copy``)
    rather than editing a form that reports were written on."""

    TRANSLATED_FIELDS = ("title", "intro")

    cycle = models.OneToOneField(
        ReportingCycle,
        verbose_name=_("cycle"),
        on_delete=models.PROTECT,
        related_name="questionnaire",
    )
    title = models.CharField(_("title"), max_length=300)
    intro = models.TextField(_("introduction"), blank=True)
    # Set once a report written on it is handed in (reports.freeze): from then on its
    # texts and structure are what those reports state; a change goes into a copy.
    frozen_at = models.DateTimeField(_("frozen since"), null=True, blank=True, editable=False)
    # New with every write to it, its sections, questions or choices (``reports.structure``):
    # the cache key of its laid-out sections, read with the report at no extra query.
    structure_token = models.CharField(max_length=32, default=new_structure_token, editable=False)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return f"{self.title} ({self.cycle.label})"

    @property
    def shown_title(self) -> str:
        return self.tr("title")

    @property
    def shown_intro(self) -> str:
        return self.tr("intro")


class Section(Translatable):
    TRANSLATED_FIELDS = ("title", "intro")

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        ordering = ["questionnaire", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "order"], name="unique_section_order")
        ]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Long text")
    TEXT_PER_PRIORITY = "text_per_priority", _("Long text per roadmap priority")
    CHOICE_PER_PRIORITY = (
        "choice_per_priority",
        _("Choice per roadmap priority (e.g. the status of each output)"),
    )
    STATUS_PER_NEXT_STEP = "status_per_next_step", _("Status of each carried-over next step")
    TEXT_PER_NEXT_STEP = "text_per_next_step", _("Long text per carried-over next step")
    SINGLE_CHOICE = "single_choice", _("Single choice (e.g. yes / no / not applicable)")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    RATING = "rating", _("Rating (stars)")
    NEXT_STEPS = "next_steps", _("Next steps for the coming cycle (repeatable)")


class Question(Translatable):
    """One question of a questionnaire. Its text may hold placeholders filled per report:
    {n} (the question's number), {priority}, {next_step}, {period_start}, {period_end},
    {next_period_end}."""

    TRANSLATED_FIELDS = ("text", "help_text", "example")

    PER_PRIORITY_KINDS = (QuestionKind.TEXT_PER_PRIORITY, QuestionKind.CHOICE_PER_PRIORITY)
    PER_NEXT_STEP_KINDS = (QuestionKind.STATUS_PER_NEXT_STEP, QuestionKind.TEXT_PER_NEXT_STEP)
    CHOICE_KINDS = (
        QuestionKind.SINGLE_CHOICE,
        QuestionKind.CHOICE_PER_PRIORITY,
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.RATING,
        QuestionKind.STATUS_PER_NEXT_STEP,
    )

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Stable key used in exports, e.g. q22.")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=QuestionKind.choices)
    text = models.TextField(_("text"))
    help_text = models.TextField(_("guidance"), blank=True)
    # The printed form's "► Example:" hint: shown beside the field, in the reading view
    # and the PDF, never taken as an answer (not posted, not imported from Word).
    example = models.TextField(
        _("example"), blank=True, help_text=_("An example answer, shown as a hint.")
    )
    required = models.BooleanField(_("required for submission"), default=False)
    max_length = models.PositiveIntegerField(_("maximum length"), default=MAX_ANSWER_LENGTH)
    shown_if = models.ForeignKey(
        "self",
        verbose_name=_("shown only if question"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
    )
    shown_if_value = models.CharField(
        _("has the value"), max_length=40, blank=True, help_text=_("A choice value, e.g. yes.")
    )

    class Meta:
        ordering = ["section__order", "order"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["section", "order"], name="unique_question_order"),
            models.UniqueConstraint(fields=["section", "code"], name="unique_question_code"),
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="question_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:80]}"

    @property
    def shown_help_text(self) -> str:
        return self.tr("help_text")

    @property
    def shown_example(self) -> str:
        return self.tr("example")

    def labels_of(self, value: object) -> list[str]:
        """Stored choice value(s) as their labels in the active language (with the
        choices prefetched, as the layout has them: no query)."""
        if is_blank(value):
            return []
        values = value if isinstance(value, list) else [value]
        labels = {c.value: c.shown_label for c in self.choices.all()}
        return [labels.get(str(v), str(v)) for v in values]

    @property
    def is_per_priority(self) -> bool:
        return self.kind in self.PER_PRIORITY_KINDS

    @property
    def is_per_next_step(self) -> bool:
        return self.kind in self.PER_NEXT_STEP_KINDS

    @property
    def has_choices(self) -> bool:
        return self.kind in self.CHOICE_KINDS


class Choice(Translatable):
    TRANSLATED_FIELDS = ("label",)

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    value = models.SlugField(_("value"), max_length=40)
    label = models.CharField(_("label"), max_length=300)
    asks_for_text = models.BooleanField(
        _("asks for text"), default=False, help_text=_('e.g. "Other (please name)".')
    )

    class Meta:
        ordering = ["question", "order"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="unique_choice_value"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def shown_label(self) -> str:
        return self.tr("label")


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


class DocumentKind(models.TextChoices):
    """What a kept document is. Its subject says of what: a report's PDF is about a report;
    a cycle's synthesis would be about a cycle."""

    REPORT_PDF = "report_pdf", _("report PDF")
    SYNTHESIS_PDF = "synthesis_pdf", _("synthesis PDF of a cycle")


class KeptDocument(models.Model):
    """A document made once and kept (a report's PDF costs ~1.5 s to render), keyed by
    what it is, what it is about, the subject's revision it shows and its language: the
    secretariat reads English, the ministry Vietnamese. ``reports.documents.store`` writes
    and reads these rows; the row is published only once its file is complete."""

    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), on_delete=models.CASCADE
    )
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    revision = models.PositiveIntegerField()
    language = models.CharField(max_length=10)
    # The MIME type served with the file ("content type"; named so to stay clear of
    # Django's ContentType above).
    media_type = models.CharField(max_length=100)
    # The name a download gets: "VN-2022-2023-r17-vi.pdf".
    filename = models.CharField(max_length=200)
    # Blank while no file could be written for this key (a full disk): the row then
    # records the failure, so a download says "cannot be produced now" instead of
    # "being prepared" forever. The next successful write fills it and clears it.
    file = models.FileField(storage=documents_storage, max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("kept document")
        verbose_name_plural = _("kept documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "revision", "language"],
                name="one_document_per_revision_language",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="kept_document_kind_valid"
            ),
            # A row is a kept file or a recorded failure, never neither.
            models.CheckConstraint(
                condition=~Q(file="") | Q(failed_at__isnull=False),
                name="kept_document_file_or_failure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.subject} · revision {self.revision}"


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


class PendingWordImport(models.Model):
    """A Word import between upload and confirmation (``reports.word.pending``): what
    was read from the file, never the file, under a random token, for the person who
    uploaded it and that report only. Kept here rather than in the session: a large file's
    answers would otherwise be read and written with every later request of that person.
    Deleted when imported, cancelled or expired."""

    token = models.CharField(max_length=43, unique=True)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=200)
    from_portal = models.BooleanField(default=False)
    file_revision = models.CharField(max_length=50, blank=True)
    proposals = models.JSONField(default=dict)
    unmatched = models.JSONField(default=list)
    # Paragraphs answering no question that were read but not kept (beyond what is shown).
    unmatched_left_out = models.PositiveIntegerField(default=0)
    # The file held more text than any report: its end was not read (reader.read_docx).
    file_cut = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("pending Word import")
        verbose_name_plural = _("pending Word imports")

    def __str__(self) -> str:
        return self.source


# Validation rules and explanations of warnings live in their own module (this one is
# long enough); imported here so Django registers them with the app.
# Evidence files live in their own module (reports.evidence.model); imported here so that
# Django registers the model with the app.
from .assignment_models import (  # noqa: E402, F401
    Assignment,
    AssignmentAction,
    AssignmentEvent,
    AssignmentState,
    AssignmentTarget,
)
from .evidence.model import Evidence, EvidenceLanguage, EvidenceType  # noqa: E402, F401
from .handover_models import ReadyForFocalPoint  # noqa: E402, F401
from .publication_models import Publication  # noqa: E402, F401
from .validation_models import ValidationRule, WarningExplanation  # noqa: E402, F401
