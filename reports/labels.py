"""What the pages and the PDF say around a question: its label, the required mark, the
length hint. Below the forms, the selectors and the template tags, which all use them."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from .layout import Item


def length_hint_now(limit: int) -> str:
    return gettext("Maximum %(n)s characters.") % {"n": number_format(limit, force_grouping=True)}


# Lazy: class-level fields are built at import, before a request picks the language (and
# the number's grouping: 20,000 in English, 20.000 in Vietnamese).
length_hint = lazy(length_hint_now, str)


def required_mark() -> SafeString:
    """The mark of a required question, as every page and the PDF show it (also as
    ``{% required_mark %}``, reports.templatetags.report_marks): a star
    for the eye, "(required)" for screen readers. Saving never requires it (submitting
    does), so the fields themselves are not ``required``."""
    return format_html(
        ' <span class="text-danger pf-required" title="{}" aria-hidden="true">*</span>'
        '<span class="visually-hidden">{}</span>',
        gettext("required"),
        gettext("(required)"),
    )


def item_label(item: Item) -> str:
    label = f"{item.display_number}. {item.text}"
    if item.question.required:
        return format_html("{}{}", label, required_mark())
    return label


def previous_answer_labels(number: str, cycle_label: str) -> dict[str, str]:
    """What the entry page says around last cycle's answer to question ``number``: made
    here once per item rather than by five ``blocktranslate`` tags (issue 25)."""
    values = {"number": number, "cycle": cycle_label}
    return {
        "summary": gettext("Last cycle's answer to question %(number)s (%(cycle)s)") % values,
        "copied": gettext(
            "Last cycle's answer was added at the end of your answer to question %(number)s."
        )
        % values,
        "already": gettext(
            "Last cycle's answer is already in your answer to question %(number)s: it was not "
            "added again."
        )
        % values,
        "question": gettext("question %(number)s") % values,
    }
