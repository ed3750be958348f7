"""Writes on roadmaps, their indicators' baselines and targets, and administrative areas."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from ..areas import AreaRow, ParsedList, parse_area_list, shipped_lists
from ..models import (
    Area,
    Country,
    Indicator,
    IndicatorBaseline,
    IndicatorTarget,
    Priority,
    Roadmap,
    Theme,
)


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


@dataclass
class AreasLoaded:
    """What ``areas_load`` did (or, on a dry run, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)


def _area_values(row: AreaRow) -> dict:
    return {
        "name": row.name_en,
        "translations": {"vi": {"name": row.name_vi}} if row.name_vi else {},
        "aliases": "; ".join(row.aliases),
        "order": row.order,
        "valid_from": row.valid_from,
        "valid_until": row.valid_until,
    }


@transaction.atomic
def areas_load(*, parsed: ParsedList, dry_run: bool = False) -> AreasLoaded:
    """Upsert the areas of ``parsed`` by (country, code): all of them, or, when any line
    is bad (in the file, or naming a country that is not here), none. An area keeps its
    code; names, other spellings and order follow the file."""
    result = AreasLoaded(errors=list(parsed.errors))
    countries = {
        c.code: c for c in Country.objects.filter(code__in={r.country for r in parsed.rows})
    }
    for row in parsed.rows:
        if row.country not in countries:
            result.errors.append(
                _("line %(line)d: there is no country with the code %(code)s.")
                % {"line": row.line, "code": row.country}
            )
    if result.errors:
        return result
    stored = {
        (a.country_id, a.code): a
        for a in Area.objects.filter(country__in=countries.values()).select_related("country")
    }
    for row in parsed.rows:
        country = countries[row.country]
        values = _area_values(row)
        area = stored.get((country.pk, row.code))
        if area is None:
            result.created += 1
            if not dry_run:
                Area.objects.create(country=country, code=row.code, **values)
        elif any(getattr(area, k) != v for k, v in values.items()):
            result.updated += 1
            if not dry_run:
                for name, value in values.items():
                    setattr(area, name, value)
                area.save()
        else:
            result.unchanged += 1
    result.countries = sorted(countries.values(), key=lambda c: c.code)
    return result


def shipped_areas_load(*, country_codes: set[str]) -> AreasLoaded:
    """Load the shipped lists (roadmap/data/areas/<code>.csv) of those of
    ``country_codes`` that are here: the demo does it this way."""
    here = set(Country.objects.filter(code__in=country_codes).values_list("code", flat=True))
    rows: list[AreaRow] = []
    errors: list[str] = []
    for path in shipped_lists():
        if path.stem.upper() in here:
            parsed = parse_area_list(path.read_text(encoding="utf-8"))
            rows += parsed.rows
            errors += [f"{path.name}: {error}" for error in parsed.errors]
    return areas_load(parsed=ParsedList(rows, errors))


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
