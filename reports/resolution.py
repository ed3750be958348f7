"""How a person settles a save refused for a conflict (``services.answers``): keep their
own text, take the colleague's, or save a combined text. The choice is saved through the
same conflict rule as any save, and kept in the audit trail as the change's reason: a code,
so the history page says it in its reader's language."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Prefix of the reasons kept in the audit trail (history_change_reason, 100 characters).
REASON_PREFIX = "conflict:"


class Resolution(models.TextChoices):
    MINE = "mine", _("Keep my version")
    THEIRS = "theirs", _("Take their version")
    COMBINED = "combined", _("Save a combined text")


# What the history says of each choice.
RESOLVED = {
    Resolution.MINE: _("Conflict resolved: kept own text"),
    Resolution.THEIRS: _("Conflict resolved: took the colleague's text"),
    Resolution.COMBINED: _("Conflict resolved: combined both texts"),
}


def resolution_reason(resolution: str) -> str:
    """The audit trail's reason for a change that settled a conflict."""
    return REASON_PREFIX + Resolution(resolution).value


def reason_label(reason: str) -> str:
    """A kept reason as the history shows it: a conflict's code by its label, any other
    reason (e.g. "Word file: ...") as written."""
    if reason.startswith(REASON_PREFIX):
        code = reason.removeprefix(REASON_PREFIX)
        if code in Resolution.values:
            return str(RESOLVED[Resolution(code)])
    return reason
