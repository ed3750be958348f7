"""Writes on roadmaps."""

from __future__ import annotations

from django.db import transaction

from .models import Priority, Roadmap, Theme


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
    return new
