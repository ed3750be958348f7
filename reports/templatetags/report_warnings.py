"""``{{ warning|warning_url:report }}``: where a figure that drew a warning is corrected."""

from __future__ import annotations

from django import template

from reports.models import Report
from reports.selectors.validation import OpenWarning

register = template.Library()


@register.filter
def warning_url(warning: OpenWarning, report: Report) -> str:
    return warning.url(report)
