"""The reports app's admin, one module per concern (each registers its models)."""

from . import assignments, content, cycles, evidence, questionnaire, validation  # noqa: F401
