"""The one writer of open data: the framework's zip of everything published, kept in the
``documents`` storage under a name holding the framework's ``data_version`` (its live
publications). A name is
written once and never changed (the same version gives the same bytes), so a rebuild that
runs twice, or races the view building it on demand, does the work at most once more and
never serves half a file."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile

from reports.storage import documents_storage
from roadmap.models import Framework

from .package import framework_zip
from .selectors import data_version, framework_entries

logger = logging.getLogger(__name__)

FOLDER = "opendata"


def framework_zip_name(*, framework: Framework, version: str) -> str:
    return f"{FOLDER}/{framework.slug}-{version}.zip"


def rebuild_framework_zip(framework: Framework) -> str:
    """The stored name of ``framework``'s zip for its current live publications, writing it
    if it is not there yet; older versions' zips are removed."""
    storage = documents_storage()
    name = framework_zip_name(framework=framework, version=data_version(framework=framework))
    if not storage.exists(name):
        body = framework_zip(
            framework=framework.slug, entries=framework_entries(framework=framework)
        )
        saved = storage.save(name, ContentFile(body))
        if saved != name:  # another worker wrote the same bytes meanwhile: keep one
            storage.delete(saved)
    _remove_older(framework, keep=name)
    return name


def _remove_older(framework: Framework, *, keep: str) -> None:
    storage = documents_storage()
    try:
        _, files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for file in files:
        path = f"{FOLDER}/{file}"
        if file.startswith(f"{framework.slug}-") and file.endswith(".zip") and path != keep:
            storage.delete(path)
