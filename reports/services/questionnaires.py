"""Questionnaires as data (load, copy) and report creation. Keyword-only, typed, atomic.
State changes live in ``reports.workflow``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roadmap.models import Country, Roadmap

from ..models import Choice, Question, QuestionKind, Questionnaire, Report, ReportingCycle, Section


@transaction.atomic
def questionnaire_load(*, cycle: ReportingCycle, data: dict[str, Any]) -> Questionnaire:
    """Create ``cycle``'s questionnaire from its data description (see reports/data/)."""
    questionnaire = Questionnaire.objects.create(
        cycle=cycle,
        title=data["title"],
        intro=data.get("intro", ""),
        translations=data.get("translations", {}),
    )
    by_code: dict[str, Question] = {}
    pending_conditions: list[tuple[Question, dict[str, str]]] = []
    choices: list[Choice] = []
    for s_order, s_data in enumerate(data["sections"], start=1):
        section = Section.objects.create(
            questionnaire=questionnaire,
            order=s_order,
            title=s_data["title"],
            intro=s_data.get("intro", ""),
            translations=s_data.get("translations", {}),
        )
        for q_order, q_data in enumerate(s_data["questions"], start=1):
            if q_data["kind"] not in QuestionKind.values:
                raise ValidationError(
                    _("Unknown question kind %(kind)s.") % {"kind": q_data["kind"]},
                    code="unknown_kind",
                )
            question = Question.objects.create(
                section=section,
                order=q_order,
                code=q_data["code"],
                kind=q_data["kind"],
                text=q_data["text"],
                help_text=q_data.get("help_text", ""),
                example=q_data.get("example", ""),
                required=q_data.get("required", False),
                translations=q_data.get("translations", {}),
            )
            choices.extend(
                Choice(
                    question=question,
                    order=c_order,
                    value=c["value"],
                    label=c["label"],
                    asks_for_text=c.get("asks_for_text", False),
                    translations=c.get("translations", {}),
                )
                for c_order, c in enumerate(q_data.get("choices", []), start=1)
            )
            if q_data["code"] in by_code:
                raise ValidationError(
                    _("Question code %(code)s is used twice.") % {"code": q_data["code"]},
                    code="duplicate_code",
                )
            by_code[q_data["code"]] = question
            if "shown_if" in q_data:
                pending_conditions.append((question, q_data["shown_if"]))
    # One bulk write for every choice: each one checks the freeze and renews the token.
    Choice.objects.bulk_create(choices)
    for question, condition in pending_conditions:
        question.shown_if = by_code[condition["code"]]
        question.shown_if_value = condition["value"]
        question.save(update_fields=["shown_if", "shown_if_value"])
    return questionnaire


@transaction.atomic
def questionnaire_copy(*, source: Questionnaire, cycle: ReportingCycle) -> Questionnaire:
    """Copy ``source`` to ``cycle``: a new, independent tree the admin can then edit
    without touching the reports already written on the old one."""
    if Questionnaire.objects.filter(cycle=cycle).exists():
        raise ValidationError(
            _("The cycle %(cycle)s already has a questionnaire.") % {"cycle": cycle.label},
            code="cycle_has_questionnaire",
        )
    copy = Questionnaire.objects.create(
        cycle=cycle, title=source.title, intro=source.intro, translations=source.translations
    )
    mapping: dict[int, Question] = {}
    conditions: list[tuple[Question, int, str]] = []
    choices: list[Choice] = []
    for section in source.sections.prefetch_related("questions__choices").order_by("order"):
        new_section = Section.objects.create(
            questionnaire=copy,
            order=section.order,
            title=section.title,
            intro=section.intro,
            translations=section.translations,
        )
        for question in section.questions.all():
            new_question = Question.objects.create(
                section=new_section,
                order=question.order,
                code=question.code,
                kind=question.kind,
                text=question.text,
                help_text=question.help_text,
                example=question.example,
                required=question.required,
                max_length=question.max_length,
                translations=question.translations,
            )
            mapping[question.pk] = new_question
            if question.shown_if_id:
                conditions.append((new_question, question.shown_if_id, question.shown_if_value))
            choices.extend(
                Choice(
                    question=new_question,
                    order=c.order,
                    value=c.value,
                    label=c.label,
                    asks_for_text=c.asks_for_text,
                    translations=c.translations,
                )
                for c in question.choices.all()
            )
    Choice.objects.bulk_create(choices)  # once, as in questionnaire_load
    for new_question, old_target, value in conditions:
        new_question.shown_if = mapping[old_target]
        new_question.shown_if_value = value
        new_question.save(update_fields=["shown_if", "shown_if_value"])
    return copy


def current_roadmap(*, country: Country, cycle: ReportingCycle) -> Roadmap:
    """The country's latest roadmap version of the cycle's framework."""
    roadmap = (
        Roadmap.objects.filter(country=country, framework_id=cycle.framework_id)
        .order_by("-version")
        .first()
    )
    if roadmap is None:
        raise ValidationError(
            _("%(country)s has no roadmap for this framework yet.") % {"country": country},
            code="no_roadmap",
        )
    return roadmap


@transaction.atomic
def report_create(*, country: Country, cycle: ReportingCycle) -> Report:
    if Report.objects.filter(country=country, cycle=cycle).exists():
        raise ValidationError(
            _("This country already has a report for this cycle."), code="duplicate_report"
        )
    return Report.objects.create(
        country=country, cycle=cycle, roadmap=current_roadmap(country=country, cycle=cycle)
    )


def report_open(*, country: Country, cycle: ReportingCycle, today: dt.date) -> tuple[Report, bool]:
    """The country's report of ``cycle``, opened by its focal point: ``(report, created)``.
    Created through ``report_create`` while the cycle takes new reports; a retry, a second
    click or a colleague at the same moment gets the report already there (one report per
    country and cycle is a database constraint, so a race ends in one row)."""
    existing = Report.objects.filter(country=country, cycle=cycle).first()
    if existing is not None:
        return existing, False
    if not cycle.takes_new_reports(today):
        raise ValidationError(_("Reporting for this cycle is not open."), code="cycle_not_open")
    if not Questionnaire.objects.filter(cycle=cycle).exists():
        raise ValidationError(
            _("This cycle has no questionnaire yet: please ask a portal administrator."),
            code="cycle_without_questionnaire",
        )
    try:
        return report_create(country=country, cycle=cycle), True
    except IntegrityError:  # created by a concurrent request since the read above
        return Report.objects.get(country=country, cycle=cycle), False


@transaction.atomic
def cycle_open_reports(*, cycle: ReportingCycle) -> list[Report]:
    """Create the cycle's report for every pathfinder country that has a roadmap of the
    cycle's framework and no report yet; each on its latest roadmap version."""
    if not Questionnaire.objects.filter(cycle=cycle).exists():
        raise ValidationError(
            _("Give the cycle a questionnaire first (copy last cycle's)."),
            code="cycle_without_questionnaire",
        )
    countries = (
        Country.objects.filter(is_pathfinder=True, roadmaps__framework_id=cycle.framework_id)
        .exclude(reports__cycle=cycle)
        .distinct()
        .order_by("name")
    )
    return [report_create(country=country, cycle=cycle) for country in countries]
