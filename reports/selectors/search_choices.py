"""What the search page's filters offer: only what the person may read. Every option comes
from the reports ``permissions.visible_reports`` gives them (a reviewer never sees the
name of a country, cycle or priority they read nothing of), in the reader's language.
Four queries whatever the number of reports: the reports with their country and cycle,
then the themes, priorities and questions of those reports' roadmaps and cycles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from roadmap.models import Priority, Region, Theme

from .. import permissions
from ..models import Question, ReportState

PLACEHOLDER = re.compile(r"\{\w+\}")

# (value, label), or (group label, [(value, label), ...]) for a select's <optgroup>.
Choices = list[tuple[object, object]]


@dataclass(frozen=True)
class SearchChoices:
    frameworks: Choices = field(default_factory=list)
    countries: Choices = field(default_factory=list)
    regions: Choices = field(default_factory=list)
    cycles: Choices = field(default_factory=list)
    themes: Choices = field(default_factory=list)
    priorities: Choices = field(default_factory=list)
    questions: Choices = field(default_factory=list)
    states: Choices = field(default_factory=list)
    # Cycle ids from the oldest to the newest: the column order of the hit table, whose
    # headings are the cycles' short codes ("2022-2023": a phone's column stays narrow).
    cycle_order: tuple[int, ...] = ()
    cycle_codes: dict[int, str] = field(default_factory=dict)


def search_filter_choices(*, user: permissions.AnyUser) -> SearchChoices:
    """The options of each filter of the search page for ``user``."""
    reports = list(
        permissions.visible_reports(user)
        .select_related("country", "cycle__framework")
        .only(
            "state",
            "roadmap_id",
            "country__name",
            "country__region",
            "country__translations",
            "cycle__starts_on",
            "cycle__ends_on",
            "cycle__framework__name",
            "cycle__framework__translations",
        )
        .order_by()
    )
    if not reports:
        return SearchChoices()
    frameworks = {r.cycle.framework_id: r.cycle.framework for r in reports}
    countries = {r.country_id: r.country for r in reports}
    cycles = sorted({r.cycle_id: r.cycle for r in reports}.values(), key=lambda c: c.starts_on)
    several = len(frameworks) > 1
    regions = {r.country.region for r in reports if r.country.region}
    states = {r.state for r in reports}
    roadmaps = {r.roadmap_id for r in reports}
    return SearchChoices(
        frameworks=sorted(((f.pk, f.shown_name) for f in frameworks.values()), key=_by_label),
        countries=sorted(((c.pk, c.shown_name) for c in countries.values()), key=_by_label),
        regions=[(value, label) for value, label in Region.choices if value in regions],
        # Newest first in the select; a cycle's label names its framework when there are
        # several (an annual cycle and a programme's quarter may share months).
        cycles=[
            (c.pk, f"{c.label} · {c.framework.shown_name}" if several else c.label)
            for c in reversed(cycles)
        ],
        themes=_grouped_themes(roadmaps),
        priorities=_grouped_priorities(roadmaps),
        questions=_grouped_questions({c.pk: c for c in cycles}),
        states=[(value, label) for value, label in ReportState.choices if value in states],
        cycle_order=tuple(c.pk for c in cycles),
        cycle_codes={c.pk: c.code for c in cycles},
    )


def _by_label(option: tuple[object, str]) -> str:
    return str(option[1]).casefold()


def _grouped_themes(roadmaps: set[int]) -> Choices:
    """Themes under their roadmap's country (each country numbers its own)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    themes = (
        Theme.objects.filter(roadmap_id__in=roadmaps)
        .select_related("roadmap__country")
        .order_by("roadmap__country__name", "roadmap_id", "number")
    )
    for theme in themes:
        country = theme.roadmap.country.shown_name
        groups.setdefault(country, []).append((theme.pk, f"{theme.number}. {theme.shown_name}"))
    return list(groups.items())


def _grouped_priorities(roadmaps: set[int]) -> Choices:
    groups: dict[str, list[tuple[int, str]]] = {}
    priorities = (
        Priority.objects.filter(roadmap_id__in=roadmaps)
        .select_related("theme", "roadmap__country")
        .order_by("roadmap__country__name", "roadmap_id", "theme__number", "order", "number")
    )
    for priority in priorities:
        country = priority.roadmap.country.shown_name
        label = f"{priority.short_label}. {_short(priority.shown_text)}"
        groups.setdefault(country, []).append((priority.pk, label))
    return list(groups.items())


def _grouped_questions(cycles: dict[int, object]) -> Choices:
    """Questions under their cycle (each cycle has its own copy of the form)."""
    groups: dict[int, list[tuple[int, str]]] = {}
    questions = Question.objects.filter(section__questionnaire__cycle_id__in=cycles).values_list(
        "pk", "code", "text", "translations", "section__questionnaire__cycle_id"
    )
    for pk, code, text, translations, cycle_id in questions.order_by(
        "section__questionnaire__cycle_id", "section__order", "order"
    ):
        # The placeholders a report fills ({priority}, {n}...) mean nothing in a list.
        shown = PLACEHOLDER.sub("…", Question(text=text, translations=translations).tr("text"))
        groups.setdefault(cycle_id, []).append((pk, f"{code}: {_short(shown)}"))
    return [
        (cycles[cycle_id].label, groups[cycle_id])
        for cycle_id in sorted(groups, key=lambda c: cycles[c].starts_on, reverse=True)
    ]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
