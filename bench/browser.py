"""What the browser does on an entry page, for the benches that drive the real server:
read the form's fields (``form[data-autosave-url]``), post them all as ``new FormData(form)``
does, and apply the autosave's JSON answer as ``static/js/entry.js`` does (each item's new
revision and digest; a conflict's stored revision and digest, so the next save is the
person's merge and goes through: "keep my version" from the conflict's box).

No third-party parser: ``html.parser`` reads the fields, whatever the templates' layout.
"""

from __future__ import annotations

import secrets
import string
from html.parser import HTMLParser

Fields = dict[str, list[str]]


def csrf_secret() -> str:
    """A CSRF cookie value made here: Django accepts its unmasked secret as the token too
    (32 letters and digits), so a simulated browser needs no page to post."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(32))


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.action = ""
        self.fields: Fields = {}
        self.textareas: list[str] = []
        self._in_form = False
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._select_multiple = False
        self._select_chosen = False
        self._first_option: str | None = None

    def _add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and "data-autosave-url" in a:
            self._in_form, self.action = True, a["data-autosave-url"]
            return
        if not self._in_form or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._add(name, a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in a
            self._select_chosen, self._first_option = False, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._add(self._select, value)
                self._select_chosen = True

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # As browsers do: one newline right after <textarea> is not part of the value.
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self.textareas.append(self._textarea)
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._select_chosen and not self._select_multiple and self._first_option:
                self._add(self._select, self._first_option)
            self._select = None


class EntryForm:
    """An entry page's form as a browser holds it."""

    def __init__(self, html: str) -> None:
        reader = _FormReader()
        reader.feed(html)
        reader.close()
        self.action = reader.action
        self.fields = reader.fields
        # The answer texts (next-step rows aside): the fields a person types in.
        self.texts = [name for name in reader.textareas if f"{name}-base" in self.fields]

    def body(self) -> list[tuple[str, str]]:
        return [(name, value) for name, values in self.fields.items() for value in values]

    def set(self, name: str, value: str) -> None:
        self.fields[name] = [value]

    def apply(self, reply: dict) -> None:
        """entry.js ``apply``: nothing typed while the request was out."""
        for key, state in (reply.get("items") or {}).items():
            self.set(f"{key}-base", f"{state['rev']}:{state['orig']}")
            self.fields.pop(f"{key}-resolution", None)  # a settled conflict's choice
            self.fields.pop(f"{key}-theirs", None)
            if state.get("refresh"):
                self.set(key, state["refresh"]["text"] or "")
        for prefix, state in (reply.get("rows") or {}).items():
            self.fields.pop(f"{prefix}-resolution", None)  # as for items
            self.fields.pop(f"{prefix}-theirs", None)
            deleted = state.get("deleted")
            self.set(f"{prefix}-id", "" if deleted else str(state["id"] or ""))
            self.set(f"{prefix}-rev", "0" if deleted else str(state["rev"]))
            self.set(f"{prefix}-orig", "" if deleted else state["orig"])
        for key, conflict in (reply.get("conflicts") or {}).items():
            if not conflict.get("orig"):
                continue
            # An item or a next-step row alike: the person keeps their version.
            self.set(f"{key}-theirs", f"{conflict['rev']}:{conflict['orig']}")
            self.set(f"{key}-resolution", "mine")
