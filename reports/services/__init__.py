"""Writes that touch several models, one module per concern:

- ``questionnaires``: load a form from data, copy it to a new cycle; create reports.
- ``answers``: save a section's answers and next steps (optimistic concurrency).
- ``activities``: activities and indicator values of a report.
- ``comments``: review threads on questions.
- ``revisions``: the one way a report's revision grows (every writer above uses it).

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
from .revisions import report_touch

__all__ = [
    "current_roadmap",
    "cycle_open_reports",
    "questionnaire_copy",
    "questionnaire_load",
    "report_create",
    "report_open",
    "report_touch",
]
