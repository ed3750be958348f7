"""The entry pages' side navigation, made in Python once per page (issue 25): a row per
section with its link, its counts and their words, so the template only writes them out
(thirteen sections of ``blocktranslate`` and ``url`` tags cost more than the form)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..layout import ReportLayout, SectionLayout


@dataclass(frozen=True)
class NavRow:
    order: int
    title: str
    href: str
    current: bool
    unresolved: int
    unresolved_label: str
    count: str  # "answered/total": entry.js rewrites it after each autosave
    required_label: str


def count_label(section: SectionLayout) -> str:
    """A section's "answered/total", as the navigation and the autosave's reply say it."""
    return _("%(answered)s/%(total)s") % {
        "answered": section.answered_count,
        "total": len(section.items),
    }


def section_nav(layout: ReportLayout, current: SectionLayout) -> list[NavRow]:
    rows = []
    for section in layout.sections:
        unresolved = section.unresolved
        required = len(section.required_items)
        rows.append(
            NavRow(
                order=section.section.order,
                title=f"{section.number}. {section.heading}",
                href=reverse("reports:section", args=[layout.report.pk, section.section.order]),
                current=section.section.pk == current.section.pk,
                unresolved=unresolved,
                unresolved_label=ngettext(
                    "%(counter)s open comment", "%(counter)s open comments", unresolved
                )
                % {"counter": unresolved},
                count=count_label(section),
                required_label=ngettext("%(counter)s required", "%(counter)s required", required)
                % {"counter": required}
                if required
                else "",
            )
        )
    return rows
