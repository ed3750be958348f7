"""Reporting: cycles, questionnaires held as data, reports and everything written in them.

Rules that are absolute are database constraints; rules that need a person's judgement
(quality flags) live in ``reports.quality``. State changes happen only in
``reports.workflow``; multi-model writes only in ``reports.services``.

One module per concept; every name is re-exported here, so ``from reports.models import X``
is the import to use:

- ``cycles``: reporting cycles;
- ``questionnaires``: questionnaires, their sections, questions and choices;
- ``report``: the report, its states and its queryset;
- ``answers``: answers and next steps (and the client keys that make a resent save harmless);
- ``activities``: activities, indicator values and their break-down parts;
- ``review``: transitions, comment threads and comments;
- ``documents``: kept documents (a report's PDF);
- ``notices``: notices (mail) and mail preferences;
- ``word_imports``: a Word import waiting for confirmation.
"""

# isort: off
# In the order the models were defined in when this was one module: Django registers them
# in import order (apps.get_models(), the admin's and the audit trail's lists).
from .cycles import CycleQuerySet, ReportingCycle
from .questionnaires import (
    MAX_ANSWER_LENGTH,
    Choice,
    Question,
    QuestionKind,
    QuestionnairePartQuerySet,
    Questionnaire,
    Section,
    is_blank,
    parts_writing,
    parts_written,
)
from .report import (
    EDITABLE_STATES,
    HANDING_IN_FIELDS,
    Report,
    ReportQuerySet,
    ReportState,
    reports_bulk_written,
)
from .answers import Answer, NextStep
from .activities import Activity, AreaCoverage, IndicatorValue, IndicatorValuePart
from .review import Comment, CommentThread, Transition, TransitionAction
from .documents import DocumentKind, KeptDocument
from .notices import MailPreference, Notice, NoticeKind
from .word_imports import PendingWordImport

# Validation rules and explanations of warnings live in their own module (this one is
# long enough); imported here so Django registers them with the app.
# Evidence files live in their own module (reports.evidence.model); imported here so that
# Django registers the model with the app.
from ..assignment_models import (
    Assignment,
    AssignmentAction,
    AssignmentEvent,
    AssignmentState,
    AssignmentTarget,
)
from ..evidence.model import Evidence, EvidenceLanguage, EvidenceType
from ..handover_models import ReadyForFocalPoint
from ..publication_models import Publication
from ..validation_models import ValidationRule, WarningExplanation

# isort: on

__all__ = [
    "EDITABLE_STATES",
    "HANDING_IN_FIELDS",
    "MAX_ANSWER_LENGTH",
    "Activity",
    "Answer",
    "AreaCoverage",
    "Assignment",
    "AssignmentAction",
    "AssignmentEvent",
    "AssignmentState",
    "AssignmentTarget",
    "Choice",
    "Comment",
    "CommentThread",
    "CycleQuerySet",
    "DocumentKind",
    "Evidence",
    "EvidenceLanguage",
    "EvidenceType",
    "IndicatorValue",
    "IndicatorValuePart",
    "KeptDocument",
    "MailPreference",
    "NextStep",
    "Notice",
    "NoticeKind",
    "PendingWordImport",
    "Publication",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "QuestionnairePartQuerySet",
    "ReadyForFocalPoint",
    "Report",
    "ReportQuerySet",
    "ReportState",
    "ReportingCycle",
    "Section",
    "Transition",
    "TransitionAction",
    "ValidationRule",
    "WarningExplanation",
    "is_blank",
    "parts_writing",
    "parts_written",
    "reports_bulk_written",
]
