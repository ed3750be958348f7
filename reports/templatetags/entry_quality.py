"""{% report_problems layout as problems %}: the submission checks and quality flags of a
laid-out report, for pages whose view does not compute them (the report hub)."""

from django import template

from reports import quality
from reports.layout import ReportLayout

register = template.Library()


@register.simple_tag
def report_problems(layout: ReportLayout) -> dict[str, list[quality.Problem]]:
    problems = quality.report_problems(layout)
    return {
        "blocking": [p for p in problems if p.blocking],
        "flags": [p for p in problems if not p.blocking],
    }
