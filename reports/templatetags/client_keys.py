"""{% client_key %}: a new client key for a form written straight into a template (the
comment forms beside each question): posted back with the form, it lets the service
recognise the same form sent twice (see ``Comment.client_key``)."""

import uuid

from django import template

register = template.Library()


@register.simple_tag
def client_key() -> str:
    return str(uuid.uuid4())
