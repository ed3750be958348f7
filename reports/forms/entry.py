"""The entry form of one questionnaire section, built from its layout (questions are data).

Every item posts its answer under its key (``q12-p3``: the field's name, ``id_q12-p3`` its
id), an optional ``<key>-other`` text, and ``<key>-base``: the revision and digest of the
value it was loaded with (``3:9f86d081884c7d65``, one hidden input per item), for the
conflict rule of ``services.answers``. The next-steps question is a formset of rows under
the item's key. No field is required: saving never is; submission checks (``reports.quality``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..labels import item_label, length_hint_now
from ..layout import Item, SectionLayout
from ..models import QuestionKind
from ..resolution import Resolution
from ..services.answers import (
    AnswerInput,
    Conflict,
    RowInput,
    stored_digest,
)
from ..undecodable import undecodable_error
from .display import FieldView, field_view
from .fields import (
    AnswerTextField,
    BaseField,
    ItemCheckboxes,
    ItemRadioSelect,
    base_value,
)
from .next_steps import NextStepFormSet, row_initial
from .row_conflicts import row_resolve_view

TEXT_KINDS = (QuestionKind.TEXT, QuestionKind.TEXT_PER_PRIORITY, QuestionKind.TEXT_PER_NEXT_STEP)


@dataclass(frozen=True)
class ResolveView:
    """The fields of a conflict's box (``reports/entry/_conflict.html``)."""

    choice: FieldView
    theirs: FieldView
    combined: FieldView | None


@dataclass
class Entry:
    """One item as the template renders it."""

    item: Item
    widget: str  # text | choice | rating | multiple | next_steps | (read-only) display
    field: FieldView | None = None
    other: FieldView | None = None
    # The item's one hidden input: what it was loaded with (``BaseField``).
    base: FieldView | None = None
    formset: NextStepFormSet | None = None
    conflict: Conflict | None = None
    # A conflict's choices, when there is one.
    resolve: ResolveView | None = None
    # Set by the view: the item's review threads (reports.services.comments).
    threads: list = dataclasses.field(default_factory=list)
    # Set by the view: last cycle's answer to this item (reports.selectors.previous).
    previous: object | None = None
    # Set with it, for a text answer: what the page says around it (labels.previous_answer_labels).
    previous_labels: dict[str, str] | None = None

    @property
    def rows(self) -> list[forms.Form]:
        """The formset's rows, each with ``conflict`` set (or None) for the template."""
        return self.formset.forms if self.formset is not None else []


class SectionForm(forms.Form):
    """Every item of one section, fields added from the layout."""

    def __init__(
        self,
        data=None,
        *,
        section: SectionLayout,
        undecodable: Collection[str] = (),
        unresolved: Collection[str] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(data, **kwargs)
        self.section = section
        # Items whose conflict box came back without a choice: found in the posted data,
        # or given (the page shown again after the save, whose data carries every box).
        self._given_unresolved = None if unresolved is None else frozenset(unresolved)
        self.unresolved: set[str] = set()
        # Names whose posted value held bytes that were not UTF-8 (reports.undecodable).
        self.undecodable = frozenset(undecodable)
        self.formsets: dict[str, NextStepFormSet] = {}
        self._kinds: dict[str, str] = {}
        for item in section.items:
            self._add(item)

    def _add(self, item: Item) -> None:
        question, key, answer = item.question, item.key, item.answer
        label = item_label(item)
        if question.kind == QuestionKind.NEXT_STEPS:
            self._kinds[key] = "next_steps"
            self.formsets[key] = NextStepFormSet(
                self.data if self.is_bound else None,
                prefix=key,
                initial=None if self.is_bound else [row_initial(s) for s in item.rows or []],
            )
            return
        help_text = question.shown_help_text
        if question.kind in TEXT_KINDS:
            self._kinds[key] = "text"
            self.fields[key] = AnswerTextField(
                label=label,
                required=False,
                max_length=question.max_length,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=" ".join(filter(None, [help_text, length_hint_now(question.max_length)])),
                initial=answer.text if answer else "",
            )
        else:
            choices = [(c.value, c.shown_label) for c in question.choices.all()]
            value = answer.value if answer else None
            if question.kind == QuestionKind.MULTIPLE_CHOICE:
                self._kinds[key] = "multiple"
                self.fields[key] = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    required=False,
                    widget=ItemCheckboxes,
                    help_text=help_text,
                    initial=value or [],
                )
                other = [c for c in question.choices.all() if c.asks_for_text]
                if other:
                    self.fields[f"{key}-other"] = forms.CharField(
                        label=_("%(choice)s: please name them") % {"choice": other[0].shown_label},
                        required=False,
                        max_length=question.max_length,
                        initial=answer.text if answer else "",
                    )
            else:
                self._kinds[key] = "rating" if question.kind == QuestionKind.RATING else "choice"
                self.fields[key] = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    required=False,
                    widget=ItemRadioSelect,
                    help_text=help_text,
                    initial=value,
                )
        self.fields[f"{key}-base"] = BaseField(
            initial=base_value(answer.revision if answer else 0, stored_digest(answer))
        )
        if self.is_bound:
            # A conflict's box exists only after a save (a bound form, the page shown
            # again or autosave's reply): the plain page never renders these fields, and
            # making them was a third of the form's cost (issue 25).
            self._add_resolution(item)

    def _add_resolution(self, item: Item) -> None:
        """What settles a conflict (``reports.resolution``), posted only from a conflict's
        box: the choice, the colleague's revision and digest it was made from, and for a
        text the combined text."""
        key, question = item.key, item.question
        text = self._kinds[key] == "text"
        choices = Resolution.choices if text else Resolution.choices[:2]
        # Several conflicts on one page: each control named with its question for a
        # screen reader, as the page's other per-question buttons are.
        which = format_html(
            '<span class="visually-hidden"> ({})</span>',
            _("question %(number)s") % {"number": item.display_number},
        )
        self.fields[f"{key}-resolution"] = forms.ChoiceField(
            label=format_html("{}{}", _("How do you want to settle this?"), which),
            choices=choices,
            required=False,
            widget=ItemRadioSelect,
        )
        self.fields[f"{key}-theirs"] = BaseField()
        if text:
            self.fields[f"{key}-combined"] = AnswerTextField(
                label=format_html(
                    "{}{}", _("Combined text (starts from both versions: edit it)"), which
                ),
                required=False,
                max_length=question.max_length,
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    # -- reading what was posted ---------------------------------------------------------

    def full_clean(self) -> None:
        super().full_clean()
        for formset in self.formsets.values():
            formset.full_clean()
        if not self.is_bound:
            return
        for formset in self.formsets.values():
            formset.mark_unresolved(self._given_unresolved)
            self.unresolved |= formset.unresolved
        for key in self._kinds:
            if self._given_unresolved is not None:
                missing = key in self._given_unresolved
            else:
                theirs = self.cleaned_data.get(f"{key}-theirs")
                chosen = self.cleaned_data.get(f"{key}-resolution")
                missing = bool(theirs and theirs[1] and not chosen)
            if missing and f"{key}-resolution" in self.fields:
                # A conflict's box sent back without a choice: it is shown again, as it
                # was, with this message beside the choices.
                self.unresolved.add(key)
                self.add_error(
                    f"{key}-resolution",
                    forms.ValidationError(
                        _(
                            "Choose how to settle the conflict: keep your text, take "
                            "their text, or save a combined text."
                        ),
                        code="no_resolution",
                    ),
                )
        if not self.undecodable:
            return
        # An error leaves the item (or row) out of the save: the stored answer stays whole
        # rather than taking U+FFFD where the unreadable bytes were.
        for name in self.fields:
            if name in self.undecodable:
                self.add_error(name, undecodable_error())
        for formset in self.formsets.values():
            for row in formset.forms:
                for name in row.fields:
                    if row.add_prefix(name) in self.undecodable:
                        row.add_error(name, undecodable_error())

    def is_valid(self) -> bool:
        own = super().is_valid()
        return all([own, *(f.is_valid() for f in self.formsets.values())])

    def _item_fields(self, key: str) -> list[str]:
        return [name for name in (key, f"{key}-other", f"{key}-base") if name in self.fields]

    def answer_inputs(self) -> list[AnswerInput]:
        """Valid items as service input; an item with an error is left out whole."""
        inputs = []
        for item in self.section.items:
            key = item.key
            if self._kinds[key] == "next_steps":
                continue
            names = self._item_fields(key)
            if any(name in self.errors for name in names):
                continue
            data = self.cleaned_data
            kind = self._kinds[key]
            if kind == "text":
                text, value = data.get(key, ""), None
            else:
                text, value = data.get(f"{key}-other", ""), data.get(key) or None
                if kind == "multiple" and value:
                    order = [c.value for c in item.question.choices.all()]
                    value = sorted(value, key=order.index)
            revision, original = data.get(f"{key}-base") or (0, "")
            resolution = self._resolution(key)
            if resolution:
                revision, original = data[f"{key}-theirs"]
                if resolution == Resolution.COMBINED:
                    text = data.get(f"{key}-combined", "")
            inputs.append(
                AnswerInput(
                    key=key,
                    text=text,
                    value=value,
                    revision=revision,
                    original=original,
                    resolution=resolution,
                )
            )
        return inputs

    def _resolution(self, key: str) -> str:
        """The choice that settles a conflict on ``key``, if one was posted whole; else ""
        (the item is then saved as a plain save, and is a conflict again)."""
        if any(name in self.errors for name in self._resolution_fields(key)):
            return ""
        theirs = self.cleaned_data.get(f"{key}-theirs")
        if not theirs or not theirs[1]:
            return ""
        return self.cleaned_data.get(f"{key}-resolution") or ""

    def _resolution_fields(self, key: str) -> list[str]:
        names = (f"{key}-resolution", f"{key}-theirs", f"{key}-combined")
        return [name for name in names if name in self.fields]

    def row_inputs(self) -> list[RowInput]:
        return [row for formset in self.formsets.values() for row in formset.rows()]

    # -- rendering ----------------------------------------------------------------------

    def entries(
        self,
        conflicts: dict[str, Conflict] | None = None,
        row_conflicts: dict[str, Conflict] | None = None,
    ) -> list[Entry]:
        conflicts, row_conflicts = conflicts or {}, row_conflicts or {}
        entries = []
        for item in self.section.items:
            key = item.key
            kind = self._kinds[key]
            if kind == "next_steps":
                formset = self.formsets[key]
                for form in formset.forms:
                    form.conflict = row_conflicts.get(form.prefix)
                    form.resolve = row_resolve_view(form)
                entries.append(Entry(item, kind, formset=formset))
                continue
            other = f"{key}-other"
            conflict = conflicts.get(key)
            entries.append(
                Entry(
                    item,
                    kind,
                    field=field_view(self[key], with_options=kind != "text"),
                    other=field_view(self[other]) if other in self.fields else None,
                    base=field_view(self[f"{key}-base"]),
                    conflict=conflict,
                    resolve=self.resolve_view(key) if conflict else None,
                )
            )
        return entries

    def kind(self, key: str) -> str:
        """The widget of item ``key``: text, choice, rating, multiple or next_steps."""
        return self._kinds[key]

    def resolve_view(self, key: str) -> ResolveView:
        """The fields of a conflict's box on ``key``, as its template renders them."""
        combined = f"{key}-combined"
        return ResolveView(
            choice=field_view(self[f"{key}-resolution"], with_options=True),
            theirs=field_view(self[f"{key}-theirs"]),
            combined=field_view(self[combined]) if combined in self.fields else None,
        )

    def error_list(self) -> list[dict[str, str]]:
        """Every error as {id: the field's id, label: where, message}: the error summary
        links to ``id``; autosave shows ``message`` beside it."""
        found: list[dict[str, str]] = []
        if not self.is_bound:
            return found
        for item in self.section.items:
            key, where = item.key, f"{item.display_number}."
            if key in self.formsets:
                formset = self.formsets[key]
                for error in formset.non_form_errors():
                    found.append({"id": f"id_{key}", "label": where, "message": str(error)})
                for index, form in enumerate(formset.forms, start=1):
                    for name, errors in form.errors.items():
                        known = name in form.fields
                        label = f"{where} #{index} {form.fields[name].label}" if known else where
                        target = form[name].auto_id if known else f"id_{key}"
                        found.extend(
                            {"id": target, "label": label, "message": str(e)} for e in errors
                        )
                continue
            for name in self._item_fields(key) + self._resolution_fields(key):
                # Errors on the hidden revision fields (a crafted POST) point at the item.
                shown = (key, f"{key}-other", f"{key}-resolution", f"{key}-combined")
                target = f"id_{name}" if name in shown else f"id_{key}"
                for error in self.errors.get(name, []):
                    found.append({"id": target, "label": where, "message": str(error)})
        return found
