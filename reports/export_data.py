"""Reports as plain data, the one structure every export format is written from
(JSON schema in docs/export-schema.md). Built from ``build_layout``, so the formats number
and word items exactly as the PDF does.

Text from the portal's data (country, section, question, priority, choice labels,
indicator, unit) comes in every language: the plain key in English, the source, and
``<key>_<language>`` beside it ("text_vi"). What the country typed comes once, as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone, translation

from roadmap.models import Agency
from roadmap.progress import Point, Status
from roadmap.selectors.targets import NO_FIGURES, Figures, roadmap_figures
from translations.translatable import SOURCE_LANGUAGE, other_languages

from .layout import Item, _Blank, _placeholders, build_layout
from .models import Evidence, QuestionKind, Report
from .selectors.activities import report_activities
from .selectors.evidence import evidence_by_target, report_evidence
from .selectors.reading import report_agencies

# 2: data texts in English plus "_vi" (version 1 gave them in the reader's language).
# 3: an activity's "provinces" (free text) became coverage, area_codes, areas(_vi) and
# unlisted_areas (issue 20: areas from the country's list).
# 4: an indicator value's break-down as a list of parts (version 3 and before:
# "disaggregation", an object of label to number).
SCHEMA_VERSION = 4


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _next_step(step) -> dict[str, Any]:
    return {
        "title": step.title,
        "targets": step.targets,
        "evidence": step.evidence,
        "work_areas": list(step.work_areas or []),
    }


def _areas(activity) -> list:
    return sorted(activity.areas.all(), key=lambda area: (area.order, area.code))


def _languages(key: str, text_in: Callable[[str], Any]) -> dict[str, Any]:
    """``{key: text_in("en"), key_vi: text_in("vi"), ...}``, each worked out with that
    language active (so dates and choice labels follow it too). No query."""
    data: dict[str, Any] = {}
    for code in [SOURCE_LANGUAGE, *other_languages()]:
        with translation.override(code):
            data[key if code == SOURCE_LANGUAGE else f"{key}_{code}"] = text_in(code)
    return data


def _priority(priority) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": f"{priority.theme.number}.{priority.number}",
        "theme_number": priority.theme.number,
        "number": priority.number,
    }
    data |= _languages("theme", lambda code: priority.theme.tr("name", code))
    data |= _languages("text", lambda code: priority.tr("text", code))
    return data


def _contributed_by(agencies: dict[int, Agency], agency_id: int | None) -> dict[str, Any]:
    """``{"contributed_by": English name, "contributed_by_vi": ...}`` of the agency that
    wrote a thing (issue 24); None in each for the country team. An agency is an
    organisation, never a person, so the public snapshot may carry it too. No query."""
    agency = agencies.get(agency_id) if agency_id is not None else None
    return _languages(
        "contributed_by", lambda code: agency.tr("name", code) if agency is not None else None
    )


def _titles(files: dict, kind: str, pk: int) -> list[Any]:
    """The evidence files attached to one thing (``selectors.evidence``), as
    ``report_data``'s ``file_entry`` gives each (its title, for the exports)."""
    return files.get((kind, pk), [])


def _file_title(evidence: Evidence) -> str:
    return evidence.title


def _item(
    item: Item, index: int, report: Report, files: dict, agencies: dict[int, Agency]
) -> dict[str, Any]:
    """``index``: the item's position among its question's items (the form's "#{n}")."""
    question = item.question
    answer = item.answer
    value = answer.value if answer is not None and item.values else None

    def question_text(code: str) -> str:
        # As build_layout words it, in ``code`` (no query: all is loaded).
        values = _Blank(_placeholders(report), n=str(index))
        if item.priority is not None:
            values["priority"] = item.priority.label
        if item.next_step is not None:
            values["next_step"] = item.next_step.title
        return question.tr("text", code).format_map(values)

    data: dict[str, Any] = {
        "number": item.display_number,
        "question_code": question.code,
        "kind": question.kind,
    }
    data |= _languages("question", question_text)
    data |= {
        "required": question.required,
        "priority": _priority(item.priority) if item.priority is not None else None,
        "next_step": {"title": item.next_step.title} if item.next_step is not None else None,
        "answered": item.is_answered,
        "value": value,
    }
    data |= _languages("choices", lambda code: item.labels)
    data |= {
        "evidence": _titles(files, "question", question.pk),
        "text": item.answer_text,
        "next_steps": (
            [_next_step(s) for s in item.rows or []]
            if question.kind == QuestionKind.NEXT_STEPS
            else None
        ),
    }
    data |= _contributed_by(agencies, getattr(answer, "agency_id", None))
    return data


def _section(section, report: Report, files: dict, agencies: dict[int, Agency]) -> dict[str, Any]:
    data: dict[str, Any] = {"number": section.number}
    # The placeholders (a month, "April 2024") made inside each language's override, not
    # once outside it: else the Vietnamese title reads "đến April 2024".
    data |= _languages(
        "title",
        lambda code: section.section.tr("title", code).format_map(_Blank(_placeholders(report))),
    )
    seen: dict[int, int] = {}
    items = []
    for item in section.items:
        seen[item.question.pk] = seen.get(item.question.pk, 0) + 1
        items.append(_item(item, seen[item.question.pk], report, files, agencies))
    data["items"] = items
    return data


def _against_targets(figures: Figures, latest: Point) -> dict[str, Any]:
    """A value against its roadmap version's baseline and target (roadmap.progress)."""
    progress = figures.progress(latest)
    baseline, target = figures.baseline, progress.target
    data: dict[str, Any] = {
        "baseline": None,
        "target": {"value": str(target.value), "year": target.year} if target else None,
        "share_percent": progress.percent,
        "status": str(progress.status),
    }
    if baseline is not None:
        data["baseline"] = {"value": str(baseline.value), "year": baseline.year}
        data["baseline"] |= _languages("source", lambda code: baseline.tr("source", code))
    data |= _languages("status_label", lambda code: str(Status(progress.status).label))
    return data


def _indicator_values(
    report: Report, files: dict, agencies: dict[int, Agency]
) -> list[dict[str, Any]]:
    """The report's indicator values, each against its roadmap version's baseline and
    target (four queries)."""
    values = (
        report.indicator_values.select_related("indicator")
        .prefetch_related("parts")
        .order_by("indicator__order", "indicator__name")
    )
    figures = roadmap_figures(roadmap_ids=[report.roadmap_id])
    year = report.cycle.starts_on.year  # the year a cycle's figures are of (roadmap.progress)
    return [
        {
            **_languages("indicator", lambda code, v=v: v.indicator.tr("name", code)),
            **_languages("unit", lambda code, v=v: v.indicator.tr("unit", code)),
            "work_area": v.indicator.work_area,
            # A string: a decimal must not turn into a float on the way.
            "value": str(v.value),
            "breakdown": [
                {"label": part.label, "amount": str(part.amount)} for part in v.parts.all()
            ],
            "breakdown_partial": v.breakdown_partial,
            "breakdown_text": v.breakdown_text,
            "source": v.source,
            "note": v.note,
            "evidence": _titles(files, "indicator_value", v.pk),
            **_contributed_by(agencies, v.agency_id),
            **_against_targets(
                figures.get((report.roadmap_id, v.indicator_id), NO_FIGURES),
                Point(year, v.value),
            ),
        }
        for v in values
    ]


def report_data(
    report: Report, *, file_entry: Callable[[Evidence], Any] = _file_title
) -> dict[str, Any]:
    """One report as plain data (the ``reports[]`` entry of the JSON schema). Each
    evidence file is given as ``file_entry`` makes it (its title); a file for which it
    gives None is left out (the public snapshot leaves out files not marked public)."""
    layout = build_layout(report)
    activities = report_activities(report=report)
    files = {
        key: [entry for f in rows if (entry := file_entry(f)) is not None]
        for key, rows in evidence_by_target(evidence=report_evidence(report=report)).items()
    }
    # Who contributed what: the country's agencies, one query per report.
    agencies = report_agencies(country_id=report.country_id)
    cycle = report.cycle
    country: dict[str, Any] = {"code": report.country.code}
    country |= _languages("name", lambda code: report.country.tr("name", code))
    return {
        "country": country,
        "cycle": {
            "code": cycle.code,
            "label": cycle.label,
            "starts_on": cycle.starts_on.isoformat(),
            "ends_on": cycle.ends_on.isoformat(),
        },
        "state": report.state,
        "revision": report.revision,
        "submitted_at": _iso(report.submitted_at),
        "accepted_at": _iso(report.accepted_at),
        "sections": [_section(section, report, files, agencies) for section in layout.sections],
        "activities": [
            {
                "title": a.title,
                "kind": a.kind,
                "starts_on": a.starts_on.isoformat(),
                "ends_on": _iso(a.ends_on),
                # Where: "areas", "national" or "not_given"; the areas by ISO 3166-2 code
                # and name in every language; names typed that are not in the list.
                "coverage": a.coverage,
                "area_codes": [area.code for area in _areas(a)],
                **_languages("areas", lambda code, a=a: [x.tr("name", code) for x in _areas(a)]),
                "unlisted_areas": list(a.unlisted_areas or []),
                "organisers": a.organisers,
                "partners": a.partners,
                "participants": {
                    "women": a.participants_women,
                    "men": a.participants_men,
                    "total": a.participants_total,
                },
                "priority_keys": [f"{p.theme.number}.{p.number}" for p in a.priorities.all()],
                **_languages("priorities", lambda code, a=a: [p.label for p in a.priorities.all()]),
                "description": a.description,
                "evidence": _titles(files, "activity", a.pk),
                **_contributed_by(agencies, a.agency_id),
            }
            for a in activities
        ],
        "indicator_values": _indicator_values(report, files, agencies),
    }


def export_data(reports: Iterable[Report]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.now().isoformat(),
        "reports": [report_data(r) for r in reports],
    }
