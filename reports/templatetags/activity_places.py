"""{{ activity|places }}: where an activity was held (reports.places), for the pages that
list activities; with ``areas`` prefetched, no query."""

from django import template

from ..places import Place, activity_places

register = template.Library()


@register.filter
def places(activity) -> list[Place]:
    return activity_places(activity)
