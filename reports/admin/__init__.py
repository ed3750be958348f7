"""The reports app's admin, one module per concern (each registers its models)."""

from . import (  # noqa: F401
    assignments,
    content,
    cycles,
    evidence,
    publications,
    questionnaire,
    validation,
)
