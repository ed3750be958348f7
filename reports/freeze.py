"""Handed-in means frozen, whatever wrote it.

A report handed in (submitted, returned, accepted, or imported as history) states its
roadmap version, the names and units of its indicators and the texts of its
questionnaire. From then on those stay as the report states them: a change goes into a new
roadmap version, a new indicator, or a copy of the questionnaire.

Why here, and how:

- **Where the data is written, not in one transition.** The freeze used to be set by the
  submit transition only, so the demo, the history import and any script that wrote a
  handed-in report left everything editable. Now the model layer sets it: a receiver of
  ``post_save`` on ``Report`` (any ``save``: the workflow, ``seed_demo``, ``import_report``,
  the admin's add form, a factory, ``loaddata``) and of ``reports_bulk_written`` (sent by
  ``ReportQuerySet.update`` and ``bulk_create``, which send no ``post_save``) calls the one
  function ``freeze_handed_in``; a value saved into a handed-in report freezes its
  indicator the same way. Signals rather than ``Report.save``: the bulk paths need them
  anyway, and this module can then import the models it freezes without a cycle.
- **A stored marker** (``frozen_at`` on roadmaps, indicators and questionnaires): cheap to
  read for every admin page, and it stays when a report is later removed by hand.
- **A derived check as the safety net**: every refusal also asks "has a handed-in report"
  (``roadmap.models.relied_on`` for the roadmap app, which imports nothing of this one;
  ``questionnaire_is_frozen`` here), so a report handed in by a path that skipped the
  model layer (raw SQL, a future bulk write) still freezes what it states.
- **Questionnaires are guarded at the model layer** by ``pre_save`` and ``pre_delete``
  receivers (a delete of a questionnaire cascades to its sections, questions and choices
  without calling their ``delete``, but with their signals): texts, order, codes, kinds,
  conditions and choices of a frozen questionnaire are neither changed, added, moved nor
  deleted. Translations stay correctable, as for frozen roadmaps.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmap.models import Area, Indicator, Roadmap, changed_fields, relied_on

from .models import (
    HANDING_IN_FIELDS,
    Activity,
    Choice,
    IndicatorValue,
    IndicatorValuePart,
    Question,
    Questionnaire,
    Report,
    ReportState,
    Section,
    parts_writing,
    reports_bulk_written,
)

# Handed in: anything but a draft, and a draft that was ever submitted (none is today).
HANDED_IN = ~Q(state=ReportState.DRAFT) | Q(submitted_at__isnull=False)

QUESTIONNAIRE_FROZEN_MESSAGE = _(
    "Reports written on this questionnaire were handed in, so its texts and structure stay "
    "as those reports state them. To change the form, copy it to a new questionnaire: open "
    "the questionnaire and choose “Copy to another cycle”, then edit the copy."
)
QUESTIONNAIRE_TRANSLATIONS_EDITABLE = _(
    "Its translations into other languages can still be corrected here: they say the same "
    "question in another language."
)


def freeze_handed_in(*, reports: models.QuerySet[Report]) -> None:
    """Freeze what those of ``reports`` that are handed in state: their roadmap versions,
    the indicators they give values of, and their cycles' questionnaires. Idempotent: what
    is frozen keeps the date it was frozen on."""
    handed_in = reports.filter(HANDED_IN)
    now = timezone.now()
    Roadmap.objects.filter(frozen_at__isnull=True, pk__in=handed_in.values("roadmap_id")).update(
        frozen_at=now
    )
    Indicator.objects.filter(
        frozen_at__isnull=True,
        pk__in=IndicatorValue.objects.filter(report__in=handed_in).values("indicator_id"),
    ).update(frozen_at=now)
    Questionnaire.objects.filter(
        frozen_at__isnull=True, cycle_id__in=handed_in.values("cycle_id")
    ).update(frozen_at=now)


@receiver(post_save, sender=Report, dispatch_uid="freeze-report-saved")
def report_saved(sender, instance: Report, update_fields=None, **kwargs) -> None:
    if update_fields is not None and HANDING_IN_FIELDS.isdisjoint(update_fields):
        return  # a save that cannot hand the report in
    if instance.state == ReportState.DRAFT and instance.submitted_at is None:
        return  # a draft: no query
    freeze_handed_in(reports=Report.objects.filter(pk=instance.pk))


@receiver(reports_bulk_written, sender=Report, dispatch_uid="freeze-reports-bulk")
def reports_written(sender, pks: list[int], **kwargs) -> None:
    if pks:
        freeze_handed_in(reports=Report.objects.filter(pk__in=pks))


@receiver(post_save, sender=IndicatorValue, dispatch_uid="freeze-indicator-value-saved")
def indicator_value_saved(sender, instance: IndicatorValue, update_fields=None, **kwargs) -> None:
    if update_fields is not None and "indicator" not in update_fields:
        return
    Indicator.objects.filter(pk=instance.indicator_id, frozen_at__isnull=True).filter(
        Exists(Report.objects.filter(HANDED_IN, pk=instance.report_id))
    ).update(frozen_at=timezone.now())


# The safety net for the roadmap app (see roadmap.models.relied_on).


@receiver(relied_on, sender=Roadmap, dispatch_uid="freeze-roadmap-relied-on")
def roadmap_relied_on(sender, pk: int, **kwargs) -> bool:
    return Report.objects.filter(HANDED_IN, roadmap_id=pk).exists()


@receiver(relied_on, sender=Indicator, dispatch_uid="freeze-indicator-relied-on")
def indicator_relied_on(sender, pk: int, **kwargs) -> bool:
    return IndicatorValue.objects.filter(
        indicator_id=pk, report__in=Report.objects.filter(HANDED_IN)
    ).exists()


# Questionnaires: each part, the path from a questionnaire to it and to its parent, and
# what of it a frozen questionnaire keeps (every field but the translations).
PARTS: dict[type[models.Model], tuple[str, str, str, tuple[str, ...]]] = {
    Questionnaire: ("pk", "", "", ("cycle_id", "title", "intro")),
    Section: (
        "sections",
        "pk",
        "questionnaire_id",
        ("questionnaire_id", "order", "title", "intro"),
    ),
    Question: (
        "sections__questions",
        "sections",
        "section_id",
        (
            "section_id",
            "order",
            "code",
            "kind",
            "text",
            "help_text",
            "example",
            "required",
            "max_length",
            "shown_if_id",
            "shown_if_value",
        ),
    ),
    Choice: (
        "sections__questions__choices",
        "sections__questions",
        "question_id",
        ("question_id", "order", "value", "label", "asks_for_text"),
    ),
}


def frozen_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The attribute names of what a frozen questionnaire keeps of a ``model`` row."""
    return PARTS[model][3]


def questionnaire_is_frozen(part: models.Model) -> bool:
    """Whether the questionnaire ``part`` is in (as stored, and as it would be saved) is
    frozen: marked so, or with a handed-in report of its cycle (the safety net)."""
    path, parent_path, parent_attr, _fields = PARTS[type(part)]
    where = Q(pk__in=[])
    if part.pk is not None:
        where |= Q(**{path: part.pk})
    parent = getattr(part, parent_attr) if parent_attr else None
    if parent is not None:
        where |= Q(**{parent_path: parent})
    handed_in = Report.objects.filter(HANDED_IN, cycle_id=OuterRef("cycle_id"))
    return (
        Questionnaire.objects.filter(where)
        .filter(Q(frozen_at__isnull=False) | Exists(handed_in))
        .exists()
    )


def check_questionnaire_part(part: models.Model, fields: tuple[str, ...] | None = None) -> None:
    """Refuse (ValidationError) a change of ``fields`` (default: all it keeps) to a part of
    a frozen questionnaire, or a new part in one."""
    kept = frozen_fields(type(part))
    if fields is not None:
        kept = tuple(name for name in kept if name in fields)
    if changed_fields(part, kept) and questionnaire_is_frozen(part):
        raise ValidationError(QUESTIONNAIRE_FROZEN_MESSAGE, code="questionnaire_frozen")


def _attnames(model: type[models.Model], update_fields) -> tuple[str, ...] | None:
    if update_fields is None:
        return None
    return tuple(model._meta.get_field(name).attname for name in update_fields)


def part_saved(sender, instance, update_fields=None, **kwargs) -> None:
    check_questionnaire_part(instance, _attnames(sender, update_fields))


def part_deleted(sender, instance, **kwargs) -> None:
    if questionnaire_is_frozen(instance):
        raise ValidationError(QUESTIONNAIRE_FROZEN_MESSAGE, code="questionnaire_frozen")


for _model in PARTS:
    pre_save.connect(part_saved, sender=_model, dispatch_uid=f"freeze-save-{_model.__name__}")
    pre_delete.connect(part_deleted, sender=_model, dispatch_uid=f"freeze-del-{_model.__name__}")


@receiver(relied_on, sender=Area, dispatch_uid="freeze-area-relied-on")
def area_relied_on(sender, pk: int, **kwargs) -> bool:
    # Reports and trends group by the area's code: a handed-in report naming it keeps it.
    return Activity.areas.through.objects.filter(
        area_id=pk, activity__report__in=Report.objects.filter(HANDED_IN)
    ).exists()


# Break-down parts: a report's own data, frozen while it is out of its authors' hands
# (submitted, accepted, imported as history): a returned report is edited again.
BREAKDOWN_FROZEN_MESSAGE = _(
    "This report has been handed in, so the break-downs of its indicator values stay as handed in."
)


def _report_open(value_id: int | None) -> bool:
    if value_id is None:
        return True
    state = (
        IndicatorValue.objects.filter(pk=value_id).values_list("report__state", flat=True).first()
    )
    return state is None or state in (ReportState.DRAFT, ReportState.RETURNED)


@receiver(pre_save, sender=IndicatorValuePart, dispatch_uid="freeze-breakdown-part-saved")
def breakdown_part_saved(sender, instance: IndicatorValuePart, raw=False, **kwargs) -> None:
    if raw:
        return  # loaddata restores a backup as it was, frozen or not
    if not _report_open(instance.value_id):
        raise ValidationError(BREAKDOWN_FROZEN_MESSAGE, code="breakdown_frozen")


@receiver(pre_delete, sender=IndicatorValuePart, dispatch_uid="freeze-breakdown-part-deleted")
def breakdown_part_deleted(sender, instance: IndicatorValuePart, origin=None, **kwargs) -> None:
    # Removing a whole report (or its cycle, its country: an admin, a test's clean-up)
    # takes its parts with it; only a deletion aimed at the parts or at their value is
    # refused.
    aimed_at = origin.model if isinstance(origin, models.QuerySet) else type(origin)
    if aimed_at not in (IndicatorValuePart, IndicatorValue):
        return
    if not _report_open(instance.value_id):
        raise ValidationError(BREAKDOWN_FROZEN_MESSAGE, code="breakdown_frozen")


@receiver(parts_writing, dispatch_uid="freeze-questionnaire-parts-bulk")
def questionnaire_parts_writing(sender, fields: set[str], questionnaire_ids: set[int], **kwargs):
    """A queryset's bulk write of sections, questions or choices (``models.questionnaires``):
    refused, as a save would be, when it writes what a frozen questionnaire keeps (a new
    part writes all of it); translations alone still may change."""
    if set(fields).isdisjoint(frozen_fields(sender)) or not questionnaire_ids:
        return
    handed_in = Report.objects.filter(HANDED_IN, cycle_id=OuterRef("cycle_id"))
    frozen = Questionnaire.objects.filter(pk__in=questionnaire_ids).filter(
        Q(frozen_at__isnull=False) | Exists(handed_in)
    )
    if frozen.exists():
        raise ValidationError(QUESTIONNAIRE_FROZEN_MESSAGE, code="questionnaire_frozen")
