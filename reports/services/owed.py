"""The focal point's "Remind now" on the who-owes-what page: a reminder job per part still
owed, enqueued after commit. The job sends at most one mail per part and day
(``assignment_reminders.assignment_remind``), so a retried POST sends nothing twice."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .. import permissions, tasks
from ..assignment_reminders import overdue_assignment_ids, owed_assignments
from ..models import Report


def assignments_remind(
    *, report: Report, user, today: dt.date, assignment_id: int | None = None
) -> int:
    """Enqueue a reminder for one part (``assignment_id``) or for every overdue part of
    ``report``; the number of reminders enqueued (0 for a part no longer owed)."""
    if not permissions.can_remind(user, report):
        raise PermissionDenied(_("Only the country's focal point reminds contributors."))
    if assignment_id is None:
        ids = overdue_assignment_ids(report_id=report.pk, today=today)
    else:
        owed = owed_assignments().filter(report=report, pk=assignment_id)
        ids = list(owed.values_list("pk", flat=True))
    for pk in ids:
        transaction.on_commit(partial(tasks.remind_assignment, pk, today.isoformat()), robust=True)
    return len(ids)
