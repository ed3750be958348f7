"""{% return_reason report %}: why a returned report was sent back, at the top of the hub
and of every entry page, for as long as it is returned."""

from django import template

from reports.models import Report
from reports.selectors.reports import return_transition

register = template.Library()


@register.inclusion_tag("reports/includes/return_reason.html")
def return_reason(report: Report, transitions=None) -> dict:
    return {"returned": return_transition(report=report, transitions=transitions)}
