"""The reports app's admin, one module per concern (each registers its models)."""

from . import content, cycles, evidence, publications, questionnaire, validation  # noqa: F401
