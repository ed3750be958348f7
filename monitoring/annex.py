"""The "Trends across cycles" annex of a report's PDF: the trends page's charts, drawn
on the server as inline SVG (WeasyPrint runs no JavaScript), beside their tables.
Registered with ``reports.documents.annexes`` in ``MonitoringConfig.ready``."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from reports.documents.annexes import Annex
from reports.models import Report

from . import trend_charts
from .selectors.trends import report_trends

ANCHOR = "annex-trends"


def trends_annex(report: Report) -> Annex:
    data = report_trends(report=report)
    shown = [i for i, r in enumerate(data.reports) if r is not None]
    title = _("Annex C. Trends across cycles")
    html = render_to_string(
        "monitoring/pdf/trends_annex.html",
        {
            "anchor": ANCHOR,
            "title": title,
            "trends": data,
            "shown_cycles": [data.cycles[i] for i in shown],
            "indicator_charts": trend_charts.indicator_charts(data),
            "steps": trend_charts.step_rows(data, shown),
            "people_chart": trend_charts.people_charts(data)[0],
            "rating_chart": trend_charts.rating_chart(data),
            "coverage_chart": trend_charts.coverage_chart(data),
        },
    )
    # render_to_string's output is already a SafeString: the template escaped it.
    return Annex(anchor=ANCHOR, title=title, html=html)
