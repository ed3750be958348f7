"""Writes on roadmaps."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from .models import Indicator, IndicatorBaseline, IndicatorTarget, Priority, Roadmap, Theme


@transaction.atomic
def roadmap_revise(*, roadmap: Roadmap) -> Roadmap:
    """Start a new version of ``roadmap`` with the same themes and priorities, to edit.
    Reports written on the old version keep pointing at it, so they keep their
    priorities as they stood in their cycle."""
    latest = (
        Roadmap.objects.filter(country=roadmap.country, framework=roadmap.framework)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    new = Roadmap.objects.create(
        country=roadmap.country,
        framework=roadmap.framework,
        version=latest + 1,
        title=roadmap.title,
        goal=roadmap.goal,
        translations=roadmap.translations,
    )
    themes = {
        theme.pk: Theme.objects.create(
            roadmap=new, number=theme.number, name=theme.name, translations=theme.translations
        )
        for theme in roadmap.themes.all()
    }
    Priority.objects.bulk_create(
        Priority(
            roadmap=new,
            theme=themes[p.theme_id],
            number=p.number,
            text=p.text,
            translations=p.translations,
            order=p.order,
            is_active=p.is_active,
        )
        for p in roadmap.priorities.all()
    )
    # Baselines and targets go on into the new version, to be moved there if need be.
    for baseline in IndicatorBaseline.objects.filter(roadmap=roadmap):
        baseline.pk, baseline.roadmap = None, new
        baseline.save()
    for target in IndicatorTarget.objects.filter(roadmap=roadmap):
        target.pk, target.roadmap = None, new
        target.save()
    return new


@transaction.atomic
def indicator_figures_set(
    *,
    roadmap: Roadmap,
    indicator: Indicator,
    baseline: tuple[int, Decimal, dict[str, str]],
    targets: dict[int, Decimal],
) -> IndicatorBaseline:
    """Set ``indicator``'s baseline ((year, value, source in every language: {"en": …,
    "vi": …})) and its targets (year -> value) in ``roadmap``; targets of other years are
    removed. Through the models' ``full_clean`` and ``save``: the same checks as the
    admin (years, country, a frozen roadmap version refuses)."""
    year, value, source = baseline
    translations = {code: {"source": text} for code, text in source.items() if code != "en"}
    row = IndicatorBaseline.objects.filter(roadmap=roadmap, indicator=indicator).first()
    row = row or IndicatorBaseline(roadmap=roadmap, indicator=indicator)
    row.year, row.value = year, Decimal(value)
    row.source, row.translations = source.get("en", ""), translations
    # Targets first out of the way, so that a baseline moving later is not refused by a
    # target that is about to go.
    for old in IndicatorTarget.objects.filter(roadmap=roadmap, indicator=indicator).exclude(
        year__in=list(targets)
    ):
        old.delete()
    row.full_clean()
    row.save()
    for target_year, target_value in sorted(targets.items()):
        target = IndicatorTarget.objects.filter(
            roadmap=roadmap, indicator=indicator, year=target_year
        ).first() or IndicatorTarget(roadmap=roadmap, indicator=indicator, year=target_year)
        target.value = Decimal(target_value)
        target.full_clean()
        target.save()
    return row
