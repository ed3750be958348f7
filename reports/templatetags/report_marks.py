"""{% required_mark %}: the one mark of a required question, on the entry pages (where
the form's labels carry it too), the reading view and the PDF. A star for the eye,
"(required)" for screen readers; ``reports/includes/required_legend.html`` explains it."""

from django import template
from django.utils.safestring import SafeString

from reports.labels import required_mark as _required_mark

register = template.Library()


@register.simple_tag
def required_mark() -> SafeString:
    return _required_mark()
