"""``__in`` on integer columns drops numbers the column cannot hold.

Django already answers "no rows" for ``id=99999999999999999999`` (its exact and
comparison lookups check the column's range), but not for ``id__in=[...]``: SQLite then
raises OverflowError and PostgreSQL a DataError, a 500 for a crafted id in any form that
lists choices by id (``ModelMultipleChoiceField`` checks the posted ids with ``__in``).
A number outside the column's range cannot match a row, so leaving it out changes no
answer; with nothing left, the lookup matches nothing (``In`` raises EmptyResultSet).
"""

from __future__ import annotations

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            try:
                low, high = connection.ops.integer_field_range(
                    self.lhs.output_field.get_internal_type()
                )
            except KeyError:  # a custom column type: no known range to check
                low, high = None, None
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
