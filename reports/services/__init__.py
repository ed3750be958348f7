"""Writes that touch several models, one module per concern:

- ``questionnaires``: load a form from data, copy it to a new cycle; create reports.
- ``answers``: save a section's answers and next steps (optimistic concurrency).
- ``activities``: activities and indicator values of a report.
- ``comments``: review threads on questions.
- ``evidence``: evidence files: the one way in (checked) and out.

The revision bump (``reports.revisions``), the answer states and digests
(``reports.answer_states``) and the reminders (``reports.reminders``) live below the
services, beside the models, because the workflow, the Word reader and the jobs use them too.

Import from the submodule that owns the function.
"""

from .questionnaires import (
    current_roadmap,
    cycle_open_reports,
    questionnaire_copy,
    questionnaire_load,
    report_create,
    report_open,
)

__all__ = [
    "current_roadmap",
    "cycle_open_reports",
    "questionnaire_copy",
    "questionnaire_load",
    "report_create",
    "report_open",
]
