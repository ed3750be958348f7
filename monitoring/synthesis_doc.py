"""The synthesis as charts, spreadsheet tables and a PDF document, all built from one
``selectors.synthesis.Synthesis`` (no query): the page, the XLSX and the PDF say the same."""

from __future__ import annotations

from functools import partial

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML

from reports.documents import store
from reports.documents.printer import pdf_language
from reports.documents.text import css_page_counter, css_string
from reports.models import DocumentKind
from reports.spreadsheets import Table
from roadmap.progress import Status

from . import exports
from .charts import Chart, fmt
from .selectors.synthesis import Synthesis
from .trend_charts import point_text, share_text


def charts(synthesis: Synthesis) -> dict[str, Chart]:
    statuses = synthesis.status_counts
    areas = synthesis.area_rows()
    lines = synthesis.handed_in
    totals = synthesis.totals
    ratings = synthesis.ratings
    handed = len(lines)
    return {
        "status": Chart(
            title=_("Reporting status"),
            summary=_("%(handed)s of %(n)s countries have handed in their report.")
            % {"handed": handed, "n": len(synthesis.lines)},
            categories=[label for label, _n in statuses],
            series=[(_("Countries"), [n for _label, n in statuses])],
            slug="synthesis-status",
            corner=_("State"),
        ),
        "areas": Chart(
            title=_("Next steps completed, per work area"),
            summary=_("%(done)s of %(set)s next steps set for this cycle were completed.")
            % {"done": fmt(totals["steps_completed"]), "set": fmt(totals["steps_set"])},
            categories=[label for label, *_rest in areas],
            series=[
                (_("Completed"), [done for _l, done, _t, _r in areas]),
                (_("Set"), [total for _l, _d, total, _r in areas]),
            ],
            slug="synthesis-areas",
            corner=_("Work area"),
            extra=[(_("Completion rate"), [_percent(rate) for *_rest, rate in areas])],
        ),
        "people": Chart(
            title=_("People reached by sex, per country"),
            summary=_("%(people)s people reached, %(women)s women and %(men)s men.")
            % {
                "people": fmt(totals["people"]),
                "women": fmt(totals["women"]),
                "men": fmt(totals["men"]),
            },
            categories=[line.country.shown_name for line in lines],
            series=[
                (_("Women"), [line.women for line in lines]),
                (_("Men"), [line.men for line in lines]),
                (_("Not given by sex"), [line.not_given_by_sex for line in lines]),
            ],
            slug="synthesis-people",
            corner=_("Country"),
            extra=[(_("Total"), [fmt(line.people) for line in lines])],
        ),
        "ratings": Chart(
            title=_("Progress ratings (stars out of 5)"),
            summary=_("How many countries gave each rating."),
            categories=[str(stars) for stars, _n in ratings],
            series=[(_("Countries"), [n for _s, n in ratings])],
            slug="synthesis-ratings",
            corner=_("Stars"),
        ),
    }


def indicator_rows(synthesis: Synthesis) -> list[dict]:
    """The indicators section as the page and the PDF show it (formatted text)."""
    return [
        {
            "country": line.country.shown_name,
            "indicator": f"{line.indicator.shown_name} ({line.indicator.shown_unit})",
            "cells": [
                point_text(line.figures.baseline_point),
                point_text(line.progress.target),
                point_text(line.latest),
                share_text(line.progress),
            ],
            "status": Status(line.progress.status).label,
        }
        for line in synthesis.indicators
    ]


def _percent(rate: int | None) -> str:
    return "—" if rate is None else f"{fmt(rate)} %"


def _indicator_sheet(synthesis: Synthesis) -> Table:
    return (
        _("Indicators"),
        [*exports.country_header(), *exports.progress_header()],
        [
            [*exports.country_cells(line.country), *exports.progress_cells(line)]
            for line in synthesis.indicators
        ],
    )


def tables(synthesis: Synthesis) -> list[Table]:
    """The synthesis as spreadsheet sheets (raw numbers, not formatted text)."""
    lines = synthesis.lines
    return [
        (
            _("Countries"),
            [
                *exports.country_header(),
                _("State"),
                _("Next steps set"),
                _("Next steps completed"),
                _("Completion rate (%)"),
                _("Women"),
                _("Men"),
                _("Not given by sex"),
                _("People reached"),
                _("Rating"),
            ],
            [
                [
                    *exports.country_cells(line.country),
                    line.status_label,
                    line.steps_set if line.handed_in else None,
                    line.steps_completed if line.handed_in else None,
                    line.completion_rate,
                    line.women if line.handed_in else None,
                    line.men if line.handed_in else None,
                    line.not_given_by_sex if line.handed_in else None,
                    line.people if line.handed_in else None,
                    line.rating,
                ]
                for line in lines
            ],
        ),
        (
            _("Work areas"),
            [_("Work area"), _("Next steps completed"), _("Next steps set"), _("Rate (%)")],
            [list(row) for row in synthesis.area_rows()],
        ),
        (
            _("Ratings"),
            [_("Stars"), _("Countries")],
            [list(row) for row in synthesis.ratings],
        ),
        _indicator_sheet(synthesis),
        (
            _("Highlights and challenges"),
            [*exports.country_header(), _("Highlights"), _("Challenges")],
            [
                [*exports.country_cells(line.country), line.highlights, line.challenges]
                for line in synthesis.handed_in
            ],
        ),
    ]


def kept_pdf(synthesis: Synthesis, *, revision: int, language: str):
    """The synthesis PDF kept in the document store for ``revision`` in ``language``,
    rendering and keeping it first if there is none (rendering takes seconds)."""
    language = pdf_language(language)
    cycle = synthesis.cycle
    return store.kept_or_render(
        store.DocumentKey(
            kind=DocumentKind.SYNTHESIS_PDF, subject=cycle, revision=revision, language=language
        ),
        render=partial(render_pdf, synthesis),
        filename=f"synthesis-{cycle.framework.slug}-{cycle.code}-r{revision}-{language}.pdf",
        media_type="application/pdf",
    )


def latest_kept_pdf(synthesis: Synthesis, *, language: str):
    """The newest synthesis PDF kept for the cycle in ``language``, of whichever revision:
    what is served, with a note, while the current one cannot be stored (a full disk)."""
    return store.latest_kept(
        kind=DocumentKind.SYNTHESIS_PDF, subject=synthesis.cycle, language=pdf_language(language)
    )


def render_pdf(synthesis: Synthesis) -> bytes:
    """Cover, contents with page numbers, one section per subject. The stylesheet goes to
    WeasyPrint apart from the HTML, so no template carries a <style> element."""

    html = render_to_string(
        "monitoring/pdf/synthesis.html",
        {
            "synthesis": synthesis,
            "charts": charts(synthesis),
            "indicator_rows": indicator_rows(synthesis),
            "made_on": timezone.localdate(),
        },
    )
    css = render_to_string(
        "monitoring/pdf/synthesis.css",
        {
            "css_title": css_string(_("Synthesis %(cycle)s") % {"cycle": synthesis.cycle.label}),
            "css_page": css_page_counter(_("Page %(page)s of %(pages)s")),
        },
    )
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=css)])
