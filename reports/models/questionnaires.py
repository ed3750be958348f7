"""Questionnaires held as data: a cycle's form, its sections, its questions and their
choices. What a stored choice value holds (``is_blank``) and how long an answer may be
(``MAX_ANSWER_LENGTH``) are the questions' rules, read by the answers and activities too."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from roadmap.structure import new_structure_token
from translations.translatable import Translatable

from .cycles import ReportingCycle

MAX_ANSWER_LENGTH = 20_000


def is_blank(value: object) -> bool:
    """Whether a stored choice value (an answer's, a form's, a historical one) holds
    nothing: None, "" or an empty list."""
    return value in (None, "", [])


# A queryset's bulk write of sections, questions or choices (``update``, ``bulk_create``,
# ``bulk_update``), which sends no pre_save or post_save: ``parts_writing`` before it
# (sender: the model; ``fields``, the attribute names written; ``questionnaire_ids``),
# where reports.freeze refuses a change to a frozen questionnaire; ``parts_written``
# after it, where reports.structure renews the questionnaires' structure tokens. A delete
# needs neither: a queryset's delete sends pre_delete and post_delete for each row.
parts_writing = Signal()
parts_written = Signal()


class QuestionnairePartQuerySet(models.QuerySet):
    """The bulk paths of a questionnaire's parts, held to what their saves are held to."""

    def _questionnaires(self) -> set[int]:
        return set(self.values_list(self.model.QUESTIONNAIRE_PATH, flat=True))

    def _questionnaires_of(self, parent_ids) -> set[int]:
        """The questionnaires of the parents (questionnaires, sections, questions) named by
        ``parent_ids``: the rows a bulk write creates or moves parts into."""
        parent = self.model._meta.get_field(self.model.PARENT).related_model
        if parent is Questionnaire:
            return set(parent_ids)
        rows = parent._default_manager.filter(pk__in=set(parent_ids))
        return set(rows.values_list(parent.QUESTIONNAIRE_PATH, flat=True))

    def _around(self, fields, questionnaire_ids: set[int], write):
        attnames = {self.model._meta.get_field(name).attname for name in fields}
        parts_writing.send(self.model, fields=attnames, questionnaire_ids=questionnaire_ids)
        result = write()
        parts_written.send(self.model, questionnaire_ids=questionnaire_ids)
        return result

    def update(self, **kwargs) -> int:
        ids = self._questionnaires()
        field = self.model._meta.get_field(self.model.PARENT)
        moved_to = kwargs.get(field.attname, kwargs.get(field.name))
        if moved_to is not None:
            ids |= self._questionnaires_of([getattr(moved_to, "pk", moved_to)])
        write = super().update
        return self._around(kwargs, ids, lambda: write(**kwargs))

    def bulk_create(self, objs, *args, **kwargs) -> list:
        objs = list(objs)
        attname = self.model._meta.get_field(self.model.PARENT).attname
        ids = self._questionnaires_of(getattr(obj, attname) for obj in objs)
        fields = [f.name for f in self.model._meta.concrete_fields]
        create = super().bulk_create
        return self._around(fields, ids, lambda: create(objs, *args, **kwargs))

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        objs = list(objs)
        attname = self.model._meta.get_field(self.model.PARENT).attname
        stored = self.model._default_manager.filter(pk__in=[obj.pk for obj in objs])
        ids = stored._questionnaires() | self._questionnaires_of(
            getattr(obj, attname) for obj in objs
        )
        write = super().bulk_update
        return self._around(fields, ids, lambda: write(objs, fields, *args, **kwargs))


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
    # For QuestionnairePartQuerySet: the parent, and the path to the questionnaire's id.
    PARENT = "questionnaire"
    QUESTIONNAIRE_PATH = "questionnaire_id"

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    intro = models.TextField(_("introduction"), blank=True)

    objects = QuestionnairePartQuerySet.as_manager()

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
    PARENT = "section"
    QUESTIONNAIRE_PATH = "section__questionnaire_id"

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

    objects = QuestionnairePartQuerySet.as_manager()

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
    PARENT = "question"
    QUESTIONNAIRE_PATH = "question__section__questionnaire_id"

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    value = models.SlugField(_("value"), max_length=40)
    label = models.CharField(_("label"), max_length=300)
    asks_for_text = models.BooleanField(
        _("asks for text"), default=False, help_text=_('e.g. "Other (please name)".')
    )

    objects = QuestionnairePartQuerySet.as_manager()

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
