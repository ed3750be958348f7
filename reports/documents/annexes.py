"""Annexes other apps add to a report's PDF.

monitoring depends on reports, not the other way round: rather than importing
monitoring here (a cycle of imports, and a report app that could not be installed
without it), an app registers a provider in its ``AppConfig.ready``. A registry over a
setting naming a function: the provider exists exactly when its app is installed, and
nothing has to be kept in step in settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from ..models import Report


@dataclass
class Annex:
    anchor: str  # id of the annex's section, for the index
    title: str
    html: SafeString  # the whole <section>, rendered by the providing app


AnnexProvider = Callable[[Report], Annex | None]

_providers: list[AnnexProvider] = []


def register(provider: AnnexProvider) -> None:
    """Add ``provider`` once (``ready`` may run more than once in tests)."""
    if provider not in _providers:
        _providers.append(provider)


def annexes_for(report: Report) -> list[Annex]:
    """The annexes printed after the report's own, in registration order."""
    return [annex for provider in _providers if (annex := provider(report)) is not None]
