"""Reading what a person typed into the search box, whatever it is.

The syntax: words (all must occur), "phrases in quotes", -word and -"a phrase" to leave
out. Everything else (operators, brackets, stars, SQL) is punctuation and dropped: the
backends never see the typed text, only the folded words of a ``ParsedQuery``, each
quoted for its database (``search.backends``). A quote left open is closed at the end,
and said; a query of exclusions only finds nothing, and says why; a query longer than
``MAX_QUERY`` characters is cut, and said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .folding import WORD, fold, normalize

MAX_QUERY = 500
MAX_TERMS = 20

# A group: an optional minus, then a quoted phrase (closed or not) or a bare word run.
_GROUP = re.compile(r'(-?)"([^"]*)("?)|(-?)([^\s"]+)')


@dataclass(frozen=True)
class ParsedQuery:
    # Each term is a tuple of folded words: one word, or a phrase's words in order.
    include: tuple[tuple[str, ...], ...] = ()
    exclude: tuple[tuple[str, ...], ...] = ()
    messages: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.include

    @property
    def terms(self) -> tuple[str, ...]:
        """The folded words and phrases to mark in a text (``folding.mark``)."""
        return tuple(" ".join(words) for words in self.include)

    @property
    def message(self) -> str:
        return " ".join(self.messages)


def parse(raw: str) -> ParsedQuery:
    """``raw`` as typed (any length, any characters) as a ``ParsedQuery``."""
    messages: list[str] = []
    text = normalize(raw or "").strip()
    if len(text) > MAX_QUERY:
        text = text[:MAX_QUERY]
        messages.append(_("The query was cut to its first %(n)s characters.") % {"n": MAX_QUERY})
    include: list[tuple[str, ...]] = []
    exclude: list[tuple[str, ...]] = []
    unclosed = False
    for match in _GROUP.finditer(text):
        phrase_minus, phrase, closed, word_minus, word = match.groups()
        if phrase is not None and match.group(0).lstrip("-").startswith('"'):
            words = tuple(WORD.findall(fold(phrase)))
            minus = bool(phrase_minus)
            unclosed = unclosed or not closed
        else:
            words = tuple(WORD.findall(fold(word or "")))
            minus = bool(word_minus)
        if not words:
            continue
        target = exclude if minus else include
        if phrase is None or not match.group(0).lstrip("-").startswith('"'):
            # "child-labour" or "8.7" typed as one word is a phrase of its parts.
            target.append(words)
        else:
            target.append(words)
    if unclosed:
        messages.append(_("A quote was not closed: it was closed at the end of the query."))
    include = list(dict.fromkeys(include))[:MAX_TERMS]
    exclude = [t for t in dict.fromkeys(exclude) if t not in include][:MAX_TERMS]
    if not include:
        if exclude:
            messages.append(
                _("Add a word to look for: words with a minus are only left out of results.")
            )
        elif text:
            messages.append(_("The query has no word to look for."))
        exclude = []
    return ParsedQuery(tuple(include), tuple(exclude), tuple(messages))
