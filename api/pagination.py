"""Pages of a list: a cursor over the rows' ids, so that a walk through 10,000 answers
reads one page per request (never the whole list, never a COUNT) and a row added during the
walk neither repeats nor shifts another one out."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class RowCursor(CursorPagination):
    ordering = "pk"
    page_size = PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"

    def decode_cursor(self, request):
        # A cursor the API did not write is bad input (400), not a missing page (404).
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError(
                {"cursor": _("Not a cursor of this list: follow the links “next” and “previous”.")}
            ) from None
