"""Telling the focal point: a reporter marks the report ready for them (issue 24). No
change of state (only the focal point submits): a record (``ReadyForFocalPoint``) shown
on the report hub, and a mail to each focal point, sent by the worker after commit."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import permissions, tasks
from ..handover_models import ReadyForFocalPoint
from ..models import Report


def report_mark_ready(*, report: Report, user) -> tuple[ReadyForFocalPoint, bool]:
    """(the mark, whether it is new). Marking the same revision again (a retried POST, a
    second click) returns the existing mark and tells nobody again."""
    if not permissions.can_mark_ready_for_focal_point(user, report):
        raise PermissionDenied(_("Only a reporter of the country marks its report ready."))
    existing = ReadyForFocalPoint.objects.filter(report=report, revision=report.revision)
    if found := existing.first():
        return found, False
    try:
        with transaction.atomic():
            mark = ReadyForFocalPoint.objects.create(
                report=report, by=user, revision=report.revision
            )
            transaction.on_commit(partial(tasks.send_handover_mail, mark.pk), robust=True)
    except IntegrityError:
        return existing.get(), False  # the same POST, racing itself
    return mark, True
