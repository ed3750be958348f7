"""The columns of the open-data CSV files: name, Table Schema type, and the title and
description the data package gives in English and Vietnamese. Texts the data API already
has (``api.field_texts``, already translated) are reused under the same column name, so a
column means the same in both places."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from api.field_texts import FIELD_TEXTS, IN_VIETNAMESE


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema: string, integer, number, date, datetime
    title: Promise | str
    description: Promise | str
    unit: str = ""

    def title_text(self) -> str:
        """The title in the active language; a ``_vi`` column's says it is Vietnamese."""
        if self.name.endswith("_vi"):
            return str(IN_VIETNAMESE % {"title": self.title})
        return str(self.title)


OWN_TEXTS = {
    "country_code": (_("Country"), _("The country's ISO 3166-1 alpha-2 code, e.g. VN.")),
    "country_name": (_("Country name"), _("The country's name.")),
    "cycle": FIELD_TEXTS["cycle"],
    "indicator": (
        _("Indicator"),
        _("The indicator's name in English; unique within a country, it is the key."),
    ),
    "part": (
        _("Part"),
        _("0 for the whole value; 1, 2... for the parts of its break-down, in order."),
    ),
    "series": (
        _("Series"),
        _("Empty for the whole value; else the part of the break-down, as the country named it."),
    ),
    "value": (_("Value"), _("The figure, in the row's unit.")),
    "baseline": (_("Baseline"), _("The roadmap's baseline value, in the row's unit.")),
    "baseline_year": (_("Baseline year"), _("The year of the baseline.")),
    "target": (_("Target"), _("The roadmap's target the value is measured against.")),
    "target_year": (_("Target year"), _("The year of the target.")),
    "status": (
        _("Status"),
        _("Against the target: reached, on_track, behind, no_target or no_value."),
    ),
    "status_label": (_("Status label"), _("The status in words.")),
    "revision": (_("Revision"), _("The revision of the report that was published.")),
    "published_at": (_("Published at"), _("When this version was published (ISO 8601, UTC).")),
    "activity": (_("Activity"), _("The activity's number within its report, in order.")),
    "kind_label": (_("Kind label"), _("The kind in words.")),
    "areas": (_("Area names"), _("The names of the areas where the activity took place.")),
    "priorities": (_("Priorities served"), _("The priorities it serves, with their theme.")),
    "section": (_("Section"), _("The section of the form, numbered as printed.")),
    "number": (_("Number"), _("The item's number as printed in the report.")),
    "question": (_("Question"), _("The question as the form words it.")),
    "priority": (_("Priority"), _("The roadmap priority the answer is about, with its theme.")),
    "answer": (_("Answer"), _("The text the country wrote, as written.")),
}


def _texts(base: str):
    return OWN_TEXTS.get(base) or FIELD_TEXTS[base]


def column(name: str, type_: str = "string", *, unit: str = "") -> Column:
    title, description = _texts(name)
    return Column(name, type_, title, description, unit)


def bilingual(name: str) -> list[Column]:
    """``name`` in English, then ``name_vi``: the same text in Vietnamese."""
    title, description = _texts(name)
    return [
        Column(name, "string", title, description),
        Column(f"{name}_vi", "string", title, description),
    ]
