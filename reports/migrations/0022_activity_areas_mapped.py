"""Load the shipped area lists for the countries here and map every activity's typed
provinces onto them: a name matching an area (any language or other spelling; case,
accents, đ and spacing ignored) becomes that area, the rest stays as typed ("not in the
list"). Nothing is lost: every old name is an area or kept text. Reversed, the areas'
names (in the country's language, as its people typed them) go back before the kept text."""

from django.db import migrations

from roadmap.areas import fold, parse_area_list, shipped_lists, split_aliases


def _load_shipped(Area, Country) -> None:
    here = {c.code: c for c in Country.objects.all()}
    for path in shipped_lists():
        for row in parse_area_list(path.read_text(encoding="utf-8")).rows:
            country = here.get(row.country)
            if country is None:
                continue
            Area.objects.update_or_create(
                country=country,
                code=row.code,
                defaults={
                    "name": row.name_en,
                    "translations": {"vi": {"name": row.name_vi}} if row.name_vi else {},
                    "aliases": "; ".join(row.aliases),
                    "order": row.order,
                },
            )


def _matchers(Area) -> dict[int, dict[str, object]]:
    by_country: dict[int, dict[str, object]] = {}
    for area in Area.objects.order_by("-is_active", "order"):
        names = [area.name, *(t.get("name", "") for t in (area.translations or {}).values())]
        names += split_aliases(area.aliases)
        keys = by_country.setdefault(area.country_id, {})
        for name in names:
            if fold(name):
                keys.setdefault(fold(name), area)
    return by_country


def forwards(apps, schema_editor) -> None:
    Area = apps.get_model("roadmap", "Area")
    Country = apps.get_model("roadmap", "Country")
    Activity = apps.get_model("reports", "Activity")
    _load_shipped(Area, Country)
    matchers = _matchers(Area)
    for activity in Activity.objects.select_related("report").iterator():
        names = activity.unlisted_areas or []
        keys = matchers.get(activity.report.country_id, {})
        found, kept, seen = [], [], set()
        for name in names:
            area = keys.get(fold(name))
            if area is not None:
                if area not in found:
                    found.append(area)
            elif fold(name) and fold(name) not in seen:
                seen.add(fold(name))
                kept.append(name)
        activity.unlisted_areas = kept
        activity.coverage = "areas" if (found or kept) else "not_given"
        activity.save(update_fields=["unlisted_areas", "coverage"])
        activity.areas.set(found)


def backwards(apps, schema_editor) -> None:
    Activity = apps.get_model("reports", "Activity")
    activities = Activity.objects.select_related("report__country").prefetch_related("areas")
    for activity in activities.iterator(chunk_size=500):
        language = activity.report.country.language
        names = [
            (a.translations or {}).get(language, {}).get("name") or a.name
            for a in sorted(activity.areas.all(), key=lambda a: a.order)
        ]
        activity.unlisted_areas = names + list(activity.unlisted_areas or [])
        activity.save(update_fields=["unlisted_areas"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0021_activity_areas"), ("roadmap", "0007_area")]

    operations = [migrations.RunPython(forwards, backwards)]
