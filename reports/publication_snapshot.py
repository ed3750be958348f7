"""What a publication freezes: the public part of an accepted report, as plain JSON.

``public_snapshot(report)`` is the export structure (``reports.export_data.report_data``,
docs/export-schema.md, schema 4: every data text in English with ``_vi`` beside it) plus
``"roadmap"`` (the report's roadmap version: its themes and priorities, keys like "1.2")
and ``"framework"`` (slug and names), minus everything private. What was checked, key by
key, of ``report_data``:

- ``evidence`` (of an item, an activity, an indicator value): the export gives every
  file's title; here only files the country marked ``is_public``, each as
  ``{"id", "title", "language"}`` (the public pages link them by id). A private file's
  title never appears.
- Never in ``report_data`` at all, so never here: comment threads and reviewers' notes
  (``Transition.reason``), warning explanations (``WarningExplanation``), late reasons,
  and any person (uploaders, submitters, reviewers: no name, username or e-mail; the
  tests seed markers in each and look for them in the snapshot).
- Kept as typed by the country (they are the report): answers, next steps, activities
  (organisers and partners are organisations), indicator values with source and note.
"""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Prefetch
from django.utils import translation
from django.utils.functional import Promise

from roadmap.models import Framework, Priority, Roadmap
from translations.translatable import SOURCE_LANGUAGE, other_languages

from .export_data import SCHEMA_VERSION, report_data
from .models import Evidence, Report

# The snapshot's own version, on top of the export's schema_version: a public page or the
# open data reads old snapshots too, so a change of shape raises it.
SNAPSHOT_VERSION = 1


def _public_file(evidence: Evidence) -> dict[str, Any] | None:
    if not evidence.is_public:
        return None
    return {"id": evidence.pk, "title": evidence.title, "language": evidence.language}


def _in_languages(row, field: str, key: str | None = None) -> dict[str, str]:
    """``{key: English, key_vi: Vietnamese, ...}`` of a translatable row's field."""
    key = key or field
    data = {}
    for code in [SOURCE_LANGUAGE, *other_languages()]:
        # Active, so that a lazily translated default ("Theme") is said in that language.
        with translation.override(code):
            data[key if code == SOURCE_LANGUAGE else f"{key}_{code}"] = str(row.tr(field, code))
    return data


def _roadmap(roadmap: Roadmap) -> dict[str, Any]:
    """The roadmap version as written against: themes in order, their priorities with
    the keys the export uses ("2.1")."""
    roadmap = Roadmap.objects.prefetch_related(
        "themes",
        Prefetch("priorities", queryset=Priority.objects.order_by("theme__number", "number")),
    ).get(pk=roadmap.pk)
    by_theme: dict[int, list[dict[str, Any]]] = {}
    for priority in roadmap.priorities.all():
        by_theme.setdefault(priority.theme_id, []).append(priority)
    themes = []
    for theme in roadmap.themes.all():
        priorities = [
            {
                "key": f"{theme.number}.{p.number}",
                "number": p.number,
                "active": p.is_active,
                **_in_languages(p, "text"),
            }
            for p in by_theme.get(theme.pk, [])
        ]
        themes.append(
            {"number": theme.number, **_in_languages(theme, "name"), "priorities": priorities}
        )
    return {
        "version": roadmap.version,
        **_in_languages(roadmap, "title"),
        **_in_languages(roadmap, "goal"),
        "adopted_on": roadmap.adopted_on.isoformat() if roadmap.adopted_on else None,
        "themes": themes,
    }


def _framework(framework: Framework) -> dict[str, Any]:
    return {
        "slug": framework.slug,
        **_in_languages(framework, "name"),
        **_in_languages(framework, "theme_label"),
        **_in_languages(framework, "priority_label"),
    }


def public_snapshot(report: Report) -> dict[str, Any]:
    """The public data of ``report`` as it is now (its current revision), plain JSON."""
    data = report_data(report, file_entry=_public_file)
    data["schema_version"] = SCHEMA_VERSION
    data["snapshot_version"] = SNAPSHOT_VERSION
    data["roadmap"] = _roadmap(report.roadmap)
    data["framework"] = _framework(report.cycle.framework)
    # Plain JSON, checked: a value that is not (a date, a Decimal) fails here, not later
    # in a public page.
    return json.loads(json.dumps(data, ensure_ascii=False, default=_plain))


def _plain(value: object) -> str:
    # A lazily translated label (a choice's, a default's) is text; anything else that is
    # not plain JSON (a date, a Decimal) is a bug here, not something to guess at.
    if isinstance(value, Promise):
        return str(value)
    raise TypeError(f"Not plain JSON: {type(value).__name__}")
