"""Where kept documents' files live: the ``documents`` alias of ``settings.STORAGES``.

A file system under MEDIA_ROOT by default; S3-compatible storage is a change of that
alias's BACKEND and OPTIONS, nothing else. Kept apart from the store so that the model
can name it without importing the store.
"""

from __future__ import annotations

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

ALIAS = "documents"


class _DocumentsStorage(LazyObject):
    """Resolved on first use, and again after a test changes STORAGES, as Django's own
    ``default_storage`` is."""

    def _setup(self) -> None:
        self._wrapped = storages[ALIAS]


_storage = _DocumentsStorage()


def documents_storage() -> Storage:
    """The storage of kept documents. A callable, so the model field (and its
    migrations) name this function rather than a storage fixed at import time."""
    return _storage  # type: ignore[return-value]


@receiver(setting_changed)
def _reset(*, setting: str, **kwargs) -> None:
    if setting in ("STORAGES", "MEDIA_ROOT"):
        _storage._wrapped = empty
