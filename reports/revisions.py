"""A report's revision: the one way it grows.

``Report.revision`` keys the kept PDF (``reports.documents.report_pdf``) and tells a
person their page is out of date, so every write to a report goes through
``report_touch``: answers and next steps, activities and indicator values, and the
workflow's state changes.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models import F, Q, Subquery
from django.dispatch import Signal
from django.utils import timezone

from . import tasks
from .models import Report

# Sent, inside the writer's transaction, with ``reports`` (a list of ``Report`` with its
# cycle) whose typed texts may have changed: answers, next steps, activities, indicator
# values, comments. The search index listens (``search.signals``) and is brought in step
# before the transaction commits, so a search never finds text that is gone. Every write
# of those rows sends it: ``report_touch`` below, the comment service, ``seed_demo``.
texts_changed = Signal()


def report_touch(*, report: Report, carry_over: bool = True) -> None:
    """Record that something in ``report`` changed: a new revision (refreshed on
    ``report``).

    With ``carry_over`` (content: answers, next steps, indicator values), the country's
    report of the following cycle gets a new revision too: it shows this one's next steps
    and indicator values, so its kept PDF is never stale. A change of state alone does
    not show there (``carry_over=False``).

    A content change also schedules the PDF's renewal in the worker once the report has
    been quiet for a while (debounced): never in the request, and not once per autosave.
    The workflow renders its own after a state change (``tasks.render_report_pdfs``)."""
    touched = Q(pk=report.pk)
    if carry_over:
        following = Report.objects.filter(
            country_id=report.country_id,
            cycle__framework_id=report.cycle.framework_id,
            cycle__starts_on__gt=report.cycle.starts_on,
        ).order_by("cycle__starts_on")
        touched |= Q(pk__in=Subquery(following.values("pk")[:1]))
    Report.objects.filter(touched).update(revision=F("revision") + 1, updated_at=timezone.now())
    report.refresh_from_db(fields=["revision", "updated_at"])
    if carry_over:
        # Content changed (a state change alone, ``carry_over=False``, leaves every text).
        texts_changed.send(sender=Report, reports=[report])
        transaction.on_commit(
            partial(tasks.schedule_render, report.pk, report.revision), robust=True
        )
