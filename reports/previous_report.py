"""What a report carries over from the country's latest earlier report in the framework
(its next steps, reported on again; its text answers, shown beside the fields), kept
between requests (issue 25).

That report is found in one small query per request (``latest_earlier``); what it holds
is kept in Django's cache under its id, ``revision`` and ``updated_at``. Every write to a
report or anything in it gives it a new revision and time (``revisions.report_touch``), so
a kept entry is never stale: a returned or reopened report that is changed is read again.
The time is in the key because a revision number alone comes back after a rollback: a
transaction that wrote revision 8 and kept its rows, then rolled back, must not hand them
to the next writer of revision 8.

Values: plain data (column values), never model instances (as ``structure``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS

from .models import Answer, NextStep, Report
from .structure import FORMAT, TIMEOUT

_STEP_COLUMNS = [f.attname for f in NextStep._meta.concrete_fields]
# The instance attribute holding a report's latest earlier one: read once per request.
_ON_REPORT = "_pf_latest_earlier"


@dataclass(frozen=True)
class EarlierReport:
    pk: int
    revision: int
    updated_at: dt.datetime
    starts_on: dt.date
    ends_on: dt.date

    @property
    def key(self) -> str:
        return f"pf:earlier:{FORMAT}:{self.pk}:{self.revision}:{self.updated_at.timestamp()}"


def latest_earlier(report: Report) -> EarlierReport | None:
    """The country's latest report of an earlier cycle of the framework, or None: one
    query, once per ``report`` instance. A country that skipped a cycle still reports on
    the next steps of its latest report."""
    if _ON_REPORT in report.__dict__:
        return report.__dict__[_ON_REPORT]
    found = None
    if report.country_id and report.cycle_id:
        row = (
            Report.objects.filter(
                country_id=report.country_id,
                cycle__framework_id=report.cycle.framework_id,
                cycle__starts_on__lt=report.cycle.starts_on,
            )
            .order_by("-cycle__starts_on")
            .values_list("pk", "revision", "updated_at", "cycle__starts_on", "cycle__ends_on")
            .first()
        )
        found = EarlierReport(*row) if row else None
    report.__dict__[_ON_REPORT] = found
    return found


def _kept(earlier: EarlierReport, part: str) -> list:
    """The earlier report's next step rows (``steps``) or text answers (``texts``), kept:
    one query when not."""
    key = f"{earlier.key}:{part}"
    rows = cache.get(key)
    if rows is None:
        if part == "steps":
            steps = NextStep.objects.filter(report_id=earlier.pk).order_by("order", "pk")
            rows = list(steps.values_list(*_STEP_COLUMNS))
        else:
            texts = Answer.objects.filter(report_id=earlier.pk, next_step__isnull=True)
            rows = list(
                texts.exclude(text="").values_list(
                    "question__code", "priority__theme__number", "priority__number", "text"
                )
            )
        cache.set(key, rows, TIMEOUT)
    return rows


def carried_next_steps(report: Report) -> list[NextStep]:
    """The next steps the country identified in its latest earlier report, in order:
    new instances each call (as a query would give)."""
    earlier = latest_earlier(report)
    if earlier is None:
        return []
    return [
        NextStep.from_db(DEFAULT_DB_ALIAS, _STEP_COLUMNS, row) for row in _kept(earlier, "steps")
    ]


def earlier_texts(report: Report) -> tuple[EarlierReport | None, list[tuple]]:
    """The earlier report and its non-empty text answers asked once or per priority, as
    ``(question code, theme number, priority number, text)``."""
    earlier = latest_earlier(report)
    if earlier is None:
        return None, []
    return earlier, _kept(earlier, "texts")
