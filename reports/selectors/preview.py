"""A questionnaire as a country would see it, before a cycle opens (the admin's preview).

Built from the entry pages' own layout (``layout.build_preview``), so the numbers, the
questions asked once per priority of the chosen roadmap and the filled placeholders are
the ones a report on that roadmap would get; every text is read in the chosen language
here, so the page renders without a query. Nothing is written: no report is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext

from roadmap.models import Roadmap

from ..labels import length_hint_now
from ..layout import Item, build_preview
from ..models import Question, QuestionKind, Questionnaire

TEXT_KINDS = (QuestionKind.TEXT, QuestionKind.TEXT_PER_PRIORITY, QuestionKind.TEXT_PER_NEXT_STEP)


@dataclass
class PreviewItem:
    number: str  # "12", "21.2"; "" for a question with nothing to ask it about
    text: str
    required: bool
    widget: str  # text | choice | multiple | rating | next_steps | none
    guidance: str = ""
    hint: str = ""  # the length limit, as the entry page says it
    choices: list[str] = field(default_factory=list)
    theme: str = ""  # the theme heading above a per-priority item
    condition: str = ""  # "Asked only when the answer to question 5 is “Yes”."


@dataclass
class PreviewSection:
    title: str
    intro: str
    items: list[PreviewItem]


@dataclass
class Preview:
    language: str
    title: str
    intro: str
    country: str
    roadmap: str
    priorities: int
    sections: list[PreviewSection]


def _widget(question: Question) -> str:
    if question.kind in TEXT_KINDS:
        return "text"
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return "multiple"
    if question.kind == QuestionKind.RATING:
        return "rating"
    if question.kind == QuestionKind.NEXT_STEPS:
        return "next_steps"
    return "choice"


def _condition(question: Question, asked: dict[int, tuple[str, Question]]) -> str:
    if not question.shown_if_id or question.shown_if_id not in asked:
        return ""
    number, shown_if = asked[question.shown_if_id]
    labels = shown_if.labels_of(question.shown_if_value)
    return gettext("Asked only when the answer to question %(number)s is “%(value)s”.") % {
        "number": number,
        "value": labels[0] if labels else question.shown_if_value,
    }


def _item(item: Item, asked: dict[int, tuple[str, Question]]) -> PreviewItem:
    question = item.question
    widget = _widget(question)
    return PreviewItem(
        number=item.display_number,
        text=item.text,
        required=question.required,
        widget=widget,
        guidance=question.shown_help_text,
        hint=length_hint_now(question.max_length) if widget == "text" else "",
        choices=[c.shown_label for c in question.choices.all()],
        theme=item.priority.theme.shown_name if item.priority else "",
        condition=_condition(question, asked),
    )


def _not_asked(question: Question) -> PreviewItem:
    """A per-priority or per-next-step question with nothing to ask it about: shown, so
    the preview does not hide it, with why it has no item."""
    if question.is_per_priority:
        why = gettext("Asked once per active priority of the roadmap: this roadmap has none.")
    else:
        why = gettext(
            "Asked once per next step carried over from this country's report of the "
            "previous cycle: there is none."
        )
    return PreviewItem(
        number="",
        text=question.tr("text"),
        required=question.required,
        widget="none",
        guidance=why,
    )


def questionnaire_preview(
    *, questionnaire: Questionnaire, roadmap: Roadmap, language: str
) -> Preview:
    """``questionnaire`` laid out for ``roadmap``'s country in ``language``: the layout's
    queries (six) and none more; ``roadmap`` should come with its country."""
    with translation.override(language):
        layout = build_preview(questionnaire, roadmap)
        # The number and question of each question asked once: what a condition names.
        asked = {
            item.question.pk: (item.display_number, item.question)
            for item in layout.items()
            if item.priority is None and item.next_step is None
        }
        sections = []
        for section in layout.sections:
            by_question: dict[int, list[Item]] = {}
            for item in section.items:
                by_question.setdefault(item.question.pk, []).append(item)
            items = []
            for question in section.section.questions.all():
                laid_out = by_question.get(question.pk)
                if laid_out:
                    items.extend(_item(item, asked) for item in laid_out)
                else:
                    items.append(_not_asked(question))
            sections.append(PreviewSection(title=section.title, intro=section.intro, items=items))
        priorities = len({item.priority.pk for item in layout.items() if item.priority})
        return Preview(
            language=language,
            title=questionnaire.shown_title,
            intro=questionnaire.shown_intro,
            country=roadmap.country.shown_name,
            roadmap=str(roadmap),
            priorities=priorities,
            sections=sections,
        )
