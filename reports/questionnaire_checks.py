"""Checks on a questionnaire being edited in the admin: the form is data, so the admin is
where a slip would otherwise reach every report (a placeholder the layout cannot fill, a
choice question without choices, a condition on a question of another form)."""

from __future__ import annotations

from string import Formatter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Question, QuestionKind

PLACEHOLDERS = {"n", "period_start", "period_end", "next_period_end"}
PER_PRIORITY_PLACEHOLDERS = {"priority"}
PER_NEXT_STEP_PLACEHOLDERS = {"next_step"}


def text_placeholders(text: str) -> set[str]:
    """The {names} in ``text``; ValidationError if its braces do not pair up."""
    try:
        return {name for _, name, _, _ in Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ValidationError(
            _("Braces must pair up, as in {priority}: %(problem)s") % {"problem": exc},
            code="unbalanced_braces",
        ) from exc


def check_text(text: str, kind: str) -> None:
    allowed = set(PLACEHOLDERS)
    if kind in Question.PER_PRIORITY_KINDS:
        allowed |= PER_PRIORITY_PLACEHOLDERS
    if kind in Question.PER_NEXT_STEP_KINDS:
        allowed |= PER_NEXT_STEP_PLACEHOLDERS
    unknown = sorted(text_placeholders(text) - allowed)
    if unknown:
        raise ValidationError(
            _("This question cannot fill %(names)s. It can use: %(allowed)s.")
            % {
                "names": ", ".join("{" + n + "}" for n in unknown),
                "allowed": ", ".join("{" + n + "}" for n in sorted(allowed)),
            },
            code="unknown_placeholder",
        )


def check_translations(translations: object, kind: str, fields: tuple[str, ...]) -> None:
    """``{"vi": {"text": "…"}}``: known languages and fields, and texts whose
    placeholders the layout can fill, as in the English."""
    if translations in (None, ""):
        return
    if not isinstance(translations, dict):
        raise ValidationError(_('Write translations as {"vi": {"text": "…"}}.'), code="bad_shape")
    languages = {code for code, _name in settings.LANGUAGES}
    for language, texts in translations.items():
        if language not in languages or not isinstance(texts, dict):
            raise ValidationError(
                _("Unknown language “%(language)s”: use one of %(languages)s.")
                % {"language": language, "languages": ", ".join(sorted(languages))},
                code="unknown_language",
            )
        unknown = sorted(set(texts) - set(fields))
        if unknown:
            raise ValidationError(
                _("Only these texts can be translated here: %(fields)s.")
                % {"fields": ", ".join(fields)},
                code="unknown_field",
            )
        if isinstance(texts.get("text"), str):
            check_text(texts["text"], kind)


def check_condition(question: Question, shown_if: Question | None, value: str) -> dict:
    """Errors by field for the "shown only if" pair; empty when fine."""
    errors: dict[str, ValidationError] = {}
    if shown_if is None:
        if value:
            errors["shown_if"] = ValidationError(
                _("Choose the question whose answer shows this one."), code="condition_incomplete"
            )
        return errors
    if not value:
        errors["shown_if_value"] = ValidationError(
            _("Give the answer that shows this question."), code="condition_incomplete"
        )
    if (
        question.section_id
        and shown_if.section.questionnaire_id != question.section.questionnaire_id
    ):
        errors["shown_if"] = ValidationError(
            _("The condition must be a question of the same questionnaire."),
            code="condition_elsewhere",
        )
    elif shown_if.kind not in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        errors["shown_if"] = ValidationError(
            _("Only a single or multiple choice question can show another question."),
            code="condition_not_choice",
        )
    elif value and not shown_if.choices.filter(value=value).exists():
        errors["shown_if_value"] = ValidationError(
            _("“%(value)s” is not one of that question's choices (%(values)s).")
            % {
                "value": value,
                "values": ", ".join(shown_if.choices.values_list("value", flat=True)),
            },
            code="condition_unknown_value",
        )
    return errors


def check_choice_count(kind: str, count: int) -> None:
    if kind in Question.CHOICE_KINDS and count < 2:
        raise ValidationError(
            _("A question of this kind needs at least two choices."), code="too_few_choices"
        )
    if kind not in Question.CHOICE_KINDS and count:
        raise ValidationError(
            _("A question of this kind has no choices: remove them or change its kind."),
            code="choices_not_used",
        )
