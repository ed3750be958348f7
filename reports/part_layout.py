"""A report's layout cut down to a contributor's parts (issue 24): the entry pages and
their navigation show a contributor only the sections and items assigned to them, and
offer in the form only those they may still write (not accepted by the focal point).
Numbers stay those of the whole report, so "question 31" means the same to everyone."""

from __future__ import annotations

import dataclasses

from .layout import Item, ReportLayout, SectionLayout
from .permissions import PartSet


def covers(parts: PartSet, item: Item) -> bool:
    return parts.covers_item(
        question_id=item.question.pk,
        section_id=item.question.section_id,
        priority_id=item.priority.pk if item.priority else None,
    )


def restrict_layout(layout: ReportLayout, parts: PartSet) -> None:
    """Keep in ``layout`` only the items ``parts`` covers, and the sections holding any."""
    kept: list[SectionLayout] = []
    for section in layout.sections:
        section.items = [item for item in section.items if covers(parts, item)]
        if section.items:
            kept.append(section)
    layout.sections = kept


def writable_section(section: SectionLayout, parts: PartSet) -> SectionLayout:
    """The section with only the items ``parts`` covers (a copy: the layout keeps them
    all for the navigation's counts)."""
    return dataclasses.replace(section, items=[i for i in section.items if covers(parts, i)])
