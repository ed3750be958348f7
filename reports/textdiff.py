"""Texts compared word by word: what changed since a submission (``word_diff``), and for a
person settling a conflict the two versions marked (``marked_diff``) and the combined text
they start from (``combined_start``).

The text is split into words, punctuation and runs of white space, so that the marked-up
result keeps the answer's spacing and paragraphs, and every token is escaped before
changes are wrapped in ``<ins>`` and ``<del>``: what a country typed can never become
markup. Below the diffs of reports and rows and the answer states, which all use it.
"""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def _is_bridge(text: str) -> bool:
    return not text.strip() or (len(text) == 1 and not text.isalnum())


def _grouped(a: list[str], b: list[str]) -> list[tuple[str, str, str]]:
    """(op, old text, new text) runs, op "equal" or "change". Changes separated only by
    white space or a lone punctuation mark are merged into one: "<del>from MOLISA</del>
    <ins>took part</ins>" reads better than four alternating fragments."""
    result: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            result.append(("equal", old, new))
            continue
        if len(result) >= 2 and result[-1][0] == "equal" and _is_bridge(result[-1][1]):
            if result[-2][0] == "change":
                _eq, bridge_old, bridge_new = result.pop()
                _ch, prev_old, prev_new = result.pop()
                old, new = prev_old + bridge_old + old, prev_new + bridge_new + new
        elif result and result[-1][0] == "change":
            _ch, prev_old, prev_new = result.pop()
            old, new = prev_old + old, prev_new + new
        result.append(("change", old, new))
    return result


def word_diff(old: str, new: str) -> SafeString:
    """``new`` as HTML with the words removed since ``old`` in ``<del>`` and the words
    added in ``<ins>``. Unchanged text is kept as it is (escaped)."""
    out: list[str] = []
    for op, removed, added in _grouped(tokens(old), tokens(new)):
        if op == "equal":
            out.append(escape(added))
            continue
        if removed:
            out.append(f"<del>{escape(removed)}</del>")
        if added:
            out.append(f"<ins>{escape(added)}</ins>")
    # Safe: every piece above went through escape().
    return mark_safe("".join(out))


def marked_diff(theirs: str, yours: str, *, theirs_label: str, yours_label: str) -> SafeString:
    """Two versions of one answer in one text, for a person settling a conflict: the words
    only in ``theirs`` in ``<del>``, those only in ``yours`` in ``<ins>``, each opened by a
    visually hidden label so that a screen reader (and anyone not seeing the colours and
    strokes) hears whose words they are."""
    out: list[str] = []
    for op, only_theirs, only_yours in _grouped(tokens(theirs), tokens(yours)):
        if op == "equal":
            out.append(escape(only_yours))
            continue
        if only_theirs:
            out.append(
                f'<del><span class="visually-hidden">[{escape(theirs_label)} </span>'
                f'{escape(only_theirs)}<span class="visually-hidden">]</span></del>'
            )
        if only_yours:
            out.append(
                f'<ins><span class="visually-hidden">[{escape(yours_label)} </span>'
                f'{escape(only_yours)}<span class="visually-hidden">]</span></ins>'
            )
    # Safe: every piece of text above went through escape().
    return mark_safe("".join(out))


def combined_start(yours: str, theirs: str) -> str:
    """The text a combined version starts from: both versions word by word, what they
    share once, what only one has kept (yours first where both changed the same words),
    so that nothing either person typed is missing before the person edits it."""
    if not theirs.strip():
        return yours
    if not yours.strip():
        return theirs
    out: list[str] = []
    for op, only_theirs, only_yours in _grouped(tokens(theirs), tokens(yours)):
        if op == "equal":
            out.append(only_yours)
        elif only_theirs and only_yours:
            separator = "\n" if "\n" in only_theirs + only_yours else " "
            out.append(only_yours.rstrip() + separator + only_theirs.lstrip())
        else:
            out.append(only_yours or only_theirs)
    return "".join(out)
