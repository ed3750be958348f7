"""The public PDF of a publication: printed from its frozen snapshot
(``reports.publication_snapshot``), never from the live report, so it shows exactly the
revision that was published and nothing the snapshot leaves out (comments, reviewers'
notes, explanations of warnings, the reason for a delay, private evidence, people).

The snapshot gives every data text in English with ``_vi`` beside it; this module picks
the language asked and formats dates and numbers as its readers write them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Activity, EvidenceLanguage
from .contributors import snapshot_contributors
from .printer import html_to_pdf, pdf_language
from .text import css_page_counter, css_string, format_number, text_to_html

TEMPLATE = "reports/pdf/public.html"


def _in(data: dict, key: str, language: str) -> Any:
    """``data[key]`` in ``language`` (``key_vi``), the English where none is given."""
    return data.get(f"{key}_{language}", data.get(key)) if language != "en" else data.get(key)


def _date(value: str | None) -> str:
    return date_format(dt.date.fromisoformat(value[:10]), "DATE_FORMAT") if value else ""


def _number(value: str | int | None) -> str:
    if value in (None, ""):
        return "–"
    try:
        return format_number(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


def _files(rows: list) -> list[dict[str, str]]:
    return [
        {"title": f["title"], "language": str(EvidenceLanguage(f["language"]).label)}
        for f in rows or []
        if isinstance(f, dict)
    ]


def _item(item: dict, language: str) -> dict[str, Any]:
    return {
        "number": item["number"],
        "question": _in(item, "question", language),
        "choices": _in(item, "choices", language) or [],
        "text": text_to_html(item.get("text") or ""),
        "answered": item.get("answered"),
        "next_steps": item.get("next_steps") or [],
        "evidence": _files(item.get("evidence")),
    }


def _activity(row: dict, language: str) -> dict[str, Any]:
    kinds = dict(Activity.Kind.choices)
    dates = _date(row["starts_on"])
    if row.get("ends_on") and row["ends_on"] != row["starts_on"]:
        dates = f"{dates} – {_date(row['ends_on'])}"
    places = [*(_in(row, "areas", language) or []), *(row.get("unlisted_areas") or [])]
    return {
        "title": row["title"],
        "kind": str(kinds.get(row["kind"], row["kind"])),
        "dates": dates,
        "places": ", ".join(places),
        "organisers": row.get("organisers") or "",
        "partners": row.get("partners") or "",
        "women": _number(row["participants"]["women"]),
        "men": _number(row["participants"]["men"]),
        "total": _number(row["participants"]["total"]),
        "priorities": ", ".join(row.get("priority_keys") or []),
        "evidence": _files(row.get("evidence")),
    }


def _value(row: dict, language: str) -> dict[str, Any]:
    return {
        "indicator": _in(row, "indicator", language),
        "unit": _in(row, "unit", language),
        "value": _number(row["value"]),
        "breakdown": "; ".join(
            f"{part['label']}: {_number(part['amount'])}" for part in row.get("breakdown") or []
        ),
        "source": row.get("source") or "",
        "note": row.get("note") or "",
        "evidence": _files(row.get("evidence")),
    }


def public_context(snapshot: dict, *, revision: int, published_at: dt.datetime) -> dict:
    """What ``reports/pdf/public.html`` prints, in the active language."""
    language = pdf_language(translation.get_language())
    country = _in(snapshot["country"], "name", language)
    cycle = snapshot["cycle"]
    framework = _in(snapshot["framework"], "name", language)
    roadmap = snapshot["roadmap"]
    return {
        "lang": language,
        "country": country,
        "cycle": cycle,
        "framework": framework,
        "roadmap_title": _in(roadmap, "title", language),
        "roadmap_version": roadmap.get("version"),
        "revision": revision,
        "published_on": date_format(published_at, "DATE_FORMAT"),
        "accepted_on": _date(snapshot.get("accepted_at")),
        "sections": [
            {
                "number": section["number"],
                "title": _in(section, "title", language),
                "items": [_item(item, language) for item in section["items"]],
            }
            for section in snapshot["sections"]
        ],
        "activities": [_activity(row, language) for row in snapshot["activities"]],
        "values": [_value(row, language) for row in snapshot["indicator_values"]],
        # Annex C: the agencies that wrote parts of it, as the snapshot says (no person).
        "contributors": snapshot_contributors(snapshot, language),
        "period": f"{_date(cycle['starts_on'])} – {_date(cycle['ends_on'])}",
        "css_header": css_string(f"{country} · {cycle['code']}"),
        "css_title": css_string(framework),
        "css_page": css_page_counter(_("Page %(page)s of %(pages)s")),
        "css_draft": css_string(""),
    }


def render_public_pdf(
    snapshot: dict, *, language: str, revision: int, published_at: dt.datetime
) -> bytes:
    with translation.override(pdf_language(language)):
        context = public_context(snapshot, revision=revision, published_at=published_at)
        return html_to_pdf(render_to_string(TEMPLATE, context))
