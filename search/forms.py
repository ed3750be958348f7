"""The search page's form: the query and its filters. Each filter offers only what the
person may read (``reports.selectors.search_choices``); a value it does not offer (a stale
link, an id typed by hand) is an error said at its field, never a 500 and never a search
wider or narrower than the one asked for."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.selectors.search_choices import SearchChoices

from .selectors import SearchFilters

# Filter name → (label, "all" option, attribute of SearchChoices, type of its value).
FILTERS = {
    "framework": (_("Framework"), _("All frameworks"), "frameworks", int),
    "country": (_("Country"), _("All countries"), "countries", int),
    "region": (_("Region"), _("All regions"), "regions", str),
    "cycle": (_("Cycle"), _("All cycles"), "cycles", int),
    "theme": (_("Theme"), _("All themes"), "themes", int),
    "priority": (_("Priority"), _("All priorities"), "priorities", int),
    "question": (_("Question"), _("All questions"), "questions", int),
    "state": (_("State"), _("Any state"), "states", str),
}


def _to_int(value: str) -> int:
    return int(value)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        # No length limit here: the engine cuts a very long query and says so
        # (``search.query``), keeping what was typed in the box.
        required=False,
        strip=True,
        help_text=_(
            "Words in any order, in English or Vietnamese, with or without accents. "
            'Put a phrase in quotes, a minus before a word to exclude it: "hotline 111", '
            "birth registration -training."
        ),
    )

    def __init__(self, *args, choices: SearchChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"class": "form-control", "type": "search", "aria-describedby": "id_q_helptext"}
        )
        for name, (label, everything, attribute, kind) in FILTERS.items():
            options = getattr(choices, attribute)
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=[("", everything), *options],
                coerce=_to_int if kind is int else str,
                empty_value=None,
                required=False,
                error_messages={
                    "invalid_choice": _(
                        "This choice is not one you can search in; choose another from the list."
                    )
                },
            )
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def full_clean(self) -> None:
        super().full_clean()
        # A refused filter says so at its select: marked invalid, its message read with it.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{name}_error"

    @property
    def query(self) -> str:
        """The query as typed (stripped); "" before validation or for an unbound form."""
        return (getattr(self, "cleaned_data", None) or {}).get("q") or ""

    def filters(self) -> SearchFilters:
        """The valid form's filters, as the engine takes them."""
        return SearchFilters(**{name: self.cleaned_data.get(name) for name in FILTERS})

    def active_filters(self) -> int:
        return sum(1 for name in FILTERS if self.cleaned_data.get(name) is not None)
