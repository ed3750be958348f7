"""The country's explanations of the warnings its figures drew (one per warning).

Written from the submit page before the submission itself. Upserted per warning (its
row and rule kind, a database constraint): a submission sent again finds the
explanations the first attempt wrote and changes nothing, so it never doubles them.
"""

from __future__ import annotations

from django.db import transaction

from ..models import Report
from ..revisions import report_touch
from ..selectors.validation import report_warnings
from ..validation_models import WarningExplanation
from .activities import lock_editable


@transaction.atomic
def explanations_save(*, report: Report, user, texts: dict[str, str]) -> int:
    """Keep ``texts`` (``{warning key: explanation}``) for the report's open warnings;
    a blank text removes the explanation, a key of a warning that went away is ignored.
    Returns how many explanations were written or removed."""
    lock_editable(report)
    written = 0
    for warning in report_warnings(report=report):
        if warning.key not in texts:
            continue
        text, existing = texts[warning.key].strip(), warning.explanation
        if existing is not None and existing.text == text:
            continue  # as stored: nothing to write (a resent form)
        if existing is not None and not text:
            existing.delete()
        elif existing is not None:
            existing.text, existing.written_by = text, user
            existing.save()
        elif text:
            WarningExplanation.objects.create(
                report=report,
                activity=warning.activity,
                indicator_value=warning.indicator_value,
                kind=warning.breach.kind,
                text=text,
                written_by=user,
            )
        else:
            continue
        written += 1
    if written:
        report_touch(report=report)
    return written
