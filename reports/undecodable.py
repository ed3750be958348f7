"""Telling bytes that are not UTF-8 from a replacement character someone pasted.

Django decodes a POST with ``errors="replace"``: invalid bytes become U+FFFD and the
answer would be stored damaged without a word. U+FFFD alone cannot say what happened: text
copied from a PDF can carry real ones (``quality.garbled_answers`` flags those at
submission, and they must stay savable). So the entry views read their POST through a
codec that marks each undecodable byte as a lone surrogate (Python's "surrogateescape",
U+DC80-U+DCFF), which no valid UTF-8 can produce. ``split_undecodable`` then names the
fields that held such bytes, for a message at each, and hands on a copy where the marks
are U+FFFD again: lone surrogates can be neither rendered nor stored.

Both ways a page posts are covered. The Save button posts urlencoded: Django keeps that
body, which is read again with the codec. entry.js's autosave posts multipart
``FormData``, which Django parses from the stream without keeping it: the codec must be
set before anything reads ``request.POST``, and the CSRF middleware does, hence
``UndecodableBytesMiddleware`` (listed before ``CsrfViewMiddleware``) for the views
wrapped in ``marks_undecodable_bytes``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

MARKED = "utf8_marked"
_SURROGATES = re.compile("[\udc80-\udcff]")


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") != MARKED:
        return None
    # The errors argument Django passes ("replace") is ignored on purpose: the point of
    # this codec is to keep the evidence.
    return codecs.CodecInfo(
        name=MARKED,
        encode=lambda text, errors="strict": codecs.utf_8_encode(text, "surrogateescape"),
        decode=lambda data, errors="strict": codecs.utf_8_decode(data, "surrogateescape", True),
    )


codecs.register(_search)


def marks_undecodable_bytes(view: Callable) -> Callable:
    """Let ``UndecodableBytesMiddleware`` read this view's POST with the marking codec."""
    view.marks_undecodable_bytes = True  # type: ignore[attr-defined]
    return view


class UndecodableBytesMiddleware:
    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        # Multipart only: Django refuses any encoding but UTF-8 for urlencoded bodies, and
        # keeps those bodies, so ``split_undecodable`` reads them again itself.
        if (
            request.method == "POST"
            and request.content_type == "multipart/form-data"
            and getattr(view_func, "marks_undecodable_bytes", False)
        ):
            request.encoding = MARKED


def split_undecodable(request: HttpRequest) -> tuple[QueryDict, set[str]]:
    """The request's POST safe to render and store, and the names whose values held bytes
    that were not UTF-8 (shown as U+FFFD, the person's other characters kept)."""
    if request.content_type == "application/x-www-form-urlencoded":
        data = QueryDict(request.body, encoding=MARKED)
    else:
        data = request.POST
    clean = QueryDict(mutable=True)
    damaged: set[str] = set()
    for key, values in data.lists():
        name = _SURROGATES.sub("\ufffd", key)
        fixed = [_SURROGATES.sub("\ufffd", v) if isinstance(v, str) else v for v in values]
        if fixed != values or name != key:
            damaged.add(name)
        clean.setlist(name, fixed)
    return clean, damaged


def undecodable_error() -> ValidationError:
    """The message at a field whose value held bytes that were not UTF-8."""
    return ValidationError(
        _(
            "This text arrived damaged (it was not sent as UTF-8), so it was not saved and "
            "the saved answer is kept. Please type or paste it again."
        ),
        code="undecodable",
    )


def undecodable_comment_error() -> ValidationError:
    """The message at a comment whose text held bytes that were not UTF-8."""
    return ValidationError(
        _(
            "This text arrived damaged (it was not sent as UTF-8), so it was not posted. "
            "Please type or paste it again."
        ),
        code="undecodable",
    )
