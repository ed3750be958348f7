"""A report as a .docx that reads like the printed form: numbered questions, choices with
☐/☒ boxes, the star rating, next-step blocks, in the reader's language, pre-filled with
the current answers, for drafting offline and uploading back.

Each question paragraph carries a bookmark naming its item (``pf_q12_p3``), and the
file's properties name the country, cycle and revision: on the way back in, the matcher
maps by those first, so a file written here maps exactly whatever was edited in Word.
Nothing typed is interpreted: answers go in as plain runs.
"""

from __future__ import annotations

import io
import re

import docx
from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from roadmap.models import WorkArea

from ..layout import Item, ReportLayout, build_layout
from ..models import QuestionKind, Report
from .reader import BOOKMARK_PREFIX

QUESTION_STYLE = "PF Question"
CHOICE_STYLE = "PF Choice"
GUIDANCE_STYLE = "PF Guidance"
CHOSEN, NOT_CHOSEN = "☒", "☐"
STAR, NO_STAR = "★", "☆"
IDENTIFIER_PREFIX = "pathfinder"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# XML 1.0 forbids these; an answer pasted from elsewhere may hold them.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def identifier(report: Report) -> str:
    """``pathfinder:VN:2022-2023``: which report a file belongs to."""
    return f"{IDENTIFIER_PREFIX}:{report.country.code}:{report.cycle.code}"


def next_step_labels() -> dict[str, str]:
    """The labels of a next-step block in the active language (the reader accepts these
    in every language)."""
    return {
        "title": _("Next step %(n)s"),
        "targets": _("Targets"),
        "evidence": _("Evidence"),
        "work_areas": _("Work areas"),
    }


def clean(text: str) -> str:
    return NOT_XML.sub("", text or "")


def _styles(document) -> None:
    styles = document.styles
    question = styles.add_style(QUESTION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    question.base_style = styles["Normal"]
    question.font.bold = True
    question.paragraph_format.space_before = Pt(12)
    question.paragraph_format.keep_with_next = True
    choice = styles.add_style(CHOICE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    choice.base_style = styles["Normal"]
    choice.paragraph_format.left_indent = Pt(18)
    choice.paragraph_format.space_after = Pt(0)
    guidance = styles.add_style(GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    guidance.base_style = styles["Normal"]
    guidance.font.italic = True
    guidance.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _bookmark(paragraph, key: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), BOOKMARK_PREFIX + key.replace("-", "_"))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _lines(document, text: str, style: str | None = None) -> None:
    """Typed text, one paragraph per line, blank lines kept: read back, it is the same."""
    for line in clean(text).split("\n"):
        document.add_paragraph(line, style=style)


def _choice_lines(document, item: Item) -> None:
    answer = item.answer
    value = answer.value if answer is not None else None
    chosen = {str(v) for v in (value if isinstance(value, list) else [value])} - {"None", ""}
    other_used = False
    for choice in item.question.choices.all():
        is_chosen = choice.value in chosen
        line = f"{CHOSEN if is_chosen else NOT_CHOSEN} {choice.shown_label}"
        if is_chosen and choice.asks_for_text and answer is not None and answer.text:
            line += f": {answer.text}"
            other_used = True
        document.add_paragraph(clean(line), style=CHOICE_STYLE)
    if answer is not None and answer.text and not other_used:
        _lines(document, answer.text)


def _rating(document, item: Item) -> None:
    choices = list(item.question.choices.all())
    value = item.answer.value if item.answer is not None else None
    chosen = next((i for i, c in enumerate(choices, 1) if c.value == str(value)), 0)
    document.add_paragraph(
        _("Colour as many stars as your rating: %(first)s … %(last)s.")
        % {"first": choices[0].shown_label, "last": choices[-1].shown_label}
        if choices
        else "",
        style=GUIDANCE_STYLE,
    )
    document.add_paragraph(STAR * chosen + NO_STAR * (len(choices) - chosen), style=CHOICE_STYLE)


def _next_steps(document, item: Item) -> None:
    labels = next_step_labels()
    document.add_paragraph(
        _(
            "For each next step: its title, targets, evidence and work areas (mark at least "
            "one with %(box)s). To add one, copy a block and number it."
        )
        % {"box": CHOSEN},
        style=GUIDANCE_STYLE,
    )
    for n, step in enumerate(item.rows or [], start=1):
        document.add_paragraph(clean(f"{labels['title'] % {'n': n}}: {step.title}"))
        _labelled(document, labels["targets"], step.targets)
        _labelled(document, labels["evidence"], step.evidence)
        boxes = "  ".join(
            f"{CHOSEN if value in step.work_areas else NOT_CHOSEN} {label}"
            for value, label in WorkArea.choices
        )
        document.add_paragraph(f"{labels['work_areas']}: {boxes}")


def _labelled(document, label: str, text: str) -> None:
    first, *rest = clean(text).split("\n")
    document.add_paragraph(f"{label}: {first}")
    for line in rest:
        document.add_paragraph(line)


def _item(document, item: Item, bookmark_id: int) -> None:
    question = item.question
    paragraph = document.add_paragraph(
        clean(f"{item.display_number}. {item.text}"), style=QUESTION_STYLE
    )
    _bookmark(paragraph, item.key, bookmark_id)
    if question.shown_help_text:
        document.add_paragraph(clean(question.shown_help_text), style=GUIDANCE_STYLE)
    if question.shown_example:
        # As the printed form gives it; the import knows it and never takes it as an answer.
        document.add_paragraph(f"► {_('Example:')}", style=GUIDANCE_STYLE)
        for line in clean(question.shown_example).split("\n"):
            document.add_paragraph(line, style=GUIDANCE_STYLE)
    if question.kind == QuestionKind.NEXT_STEPS:
        _next_steps(document, item)
    elif question.kind == QuestionKind.RATING:
        _rating(document, item)
    elif question.has_choices:
        _choice_lines(document, item)
    elif item.answer is not None and item.answer.text:
        _lines(document, item.answer.text)
    else:
        document.add_paragraph("")


def _sections(document, layout: ReportLayout) -> None:
    bookmark_id = 0
    for section in layout.sections:
        document.add_heading(clean(f"{section.number}. {section.heading}"), level=1)
        if section.intro:
            document.add_paragraph(clean(section.intro), style=GUIDANCE_STYLE)
        last_theme = None
        for item in section.items:
            if item.priority is not None and item.priority.theme_id != last_theme:
                last_theme = item.priority.theme_id
                document.add_heading(clean(item.priority.theme.shown_name), level=2)
            bookmark_id += 1
            _item(document, item, bookmark_id)


def render_docx(report: Report, language: str) -> bytes:
    """The questionnaire of ``report`` pre-filled with its answers, in ``language``."""
    with translation.override(language):
        layout = build_layout(report)
        document = docx.Document()
        _styles(document)
        questionnaire = report.cycle.questionnaire
        core = document.core_properties
        core.title = clean(questionnaire.shown_title)[:250]
        core.identifier = identifier(report)
        core.version = str(report.revision)
        core.language = language
        core.category = IDENTIFIER_PREFIX
        core.author = ""
        document.add_heading(clean(questionnaire.shown_title), level=0)
        document.add_paragraph(
            clean(f"{report.country.shown_name} · {report.cycle.label}"), style=GUIDANCE_STYLE
        )
        document.add_paragraph(
            _(
                "Write each answer below its question and keep the question numbers: the "
                "portal reads this file back and shows every change before saving it."
            ),
            style=GUIDANCE_STYLE,
        )
        if questionnaire.shown_intro:
            document.add_paragraph(clean(questionnaire.shown_intro), style=GUIDANCE_STYLE)
        _sections(document, layout)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def docx_filename(report: Report, language: str) -> str:
    return f"{report.country.code}-{report.cycle.code}-r{report.revision}-{language}.docx"
