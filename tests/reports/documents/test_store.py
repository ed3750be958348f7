"""The kept-document store: a file is kept whole or not at all, through any storage.

A full disk is simulated where it strikes: Django's FileSystemStorage has written part of
the file when the OSError(ENOSPC) comes, or the data only fails to reach the disk at the
flush.
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, InMemoryStorage

from reports.documents import printer
from reports.documents.report_pdf import latest_kept_pdf, pdf_for, render_failure
from reports.documents.store import DocumentNotStored
from reports.models import Report
from reports.revisions import report_touch

pytestmark = pytest.mark.django_db


def no_space_left() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture(autouse=True)
def renders(monkeypatch):
    """A stand-in for WeasyPrint: what is stored matters here, not what it draws."""
    monkeypatch.setattr(
        printer,
        "render_pdf",
        lambda report, language=None: f"%PDF-1.7 revision {report.revision}".encode() * 100,
    )


@pytest.fixture
def full_disk(monkeypatch):
    """The disk fills up halfway through the next file written. Returns what the store
    could see of its row while the file was being written."""
    rows_seen: list[int] = []

    def write_half(self, name, content):
        rows_seen.append(Report.objects.get().documents.count())
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.read()
        path.write_bytes(data[: len(data) // 2])
        raise no_space_left()

    monkeypatch.setattr(FileSystemStorage, "_save", write_half)
    return rows_seen


def files_under(root: Path) -> list[str]:
    return sorted(
        str(Path(folder, name).relative_to(root))
        for folder, _dirs, names in os.walk(root)
        for name in names
    )


def content(document) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def test_a_full_disk_leaves_no_partial_file_and_records_the_failure(
    report, full_disk, settings, caplog
):
    with caplog.at_level(logging.ERROR), pytest.raises(DocumentNotStored):
        pdf_for(report=report)
    assert files_under(Path(settings.MEDIA_ROOT)) == []
    # No kept document: a row without a file that says the write failed, and why.
    [row] = report.documents.all()
    assert not row.file and row.failed_at is not None and "No space left" in row.error
    assert render_failure(report=report, revision=1) == row
    assert latest_kept_pdf(report=report) is None
    assert full_disk == [0]  # no row was published while the file was being written
    [record] = [r for r in caplog.records if r.name == "reports.documents.store"]
    assert "revision 1" in record.getMessage() and "No space left" in record.getMessage()


def test_a_full_disk_keeps_the_previous_revision(report, settings, monkeypatch):
    previous = pdf_for(report=report)
    report_touch(report=report)

    def no_space(self, name, content):
        raise no_space_left()

    monkeypatch.setattr(FileSystemStorage, "_save", no_space)
    with pytest.raises(DocumentNotStored):
        pdf_for(report=report)
    kept = latest_kept_pdf(report=report)
    assert kept.pk == previous.pk and kept.revision == 1
    assert content(kept) == b"%PDF-1.7 revision 1" * 100
    assert files_under(Path(settings.MEDIA_ROOT)) == [previous.file.name]


def test_a_disk_that_fills_at_the_flush_leaves_no_file(report, settings, monkeypatch):
    def no_space(fd):
        raise no_space_left()

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(DocumentNotStored):
        pdf_for(report=report)
    assert files_under(Path(settings.MEDIA_ROOT)) == []
    assert not report.documents.exclude(file="").exists()


def test_a_kept_file_is_renamed_into_place_whole(report, settings):
    kept = pdf_for(report=report)
    # The temporary file was renamed, not copied: only the kept file remains.
    assert files_under(Path(settings.MEDIA_ROOT)) == [kept.file.name]
    assert content(kept) == b"%PDF-1.7 revision 1" * 100
    assert kept.filename == f"{report.country.code}-2022-2023-r1.pdf"
    assert kept.media_type == "application/pdf"


@pytest.fixture
def object_storage(settings):
    """A storage that is not a file system (as S3 is not): configuration only."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def test_documents_go_through_any_configured_storage(report, object_storage):
    kept = pdf_for(report=report)
    assert isinstance(kept.file.storage._wrapped, InMemoryStorage)
    assert content(kept) == b"%PDF-1.7 revision 1" * 100
    assert pdf_for(report=report).pk == kept.pk
    report_touch(report=report)
    assert pdf_for(report=report).revision == 2


def test_a_failed_upload_leaves_nothing_in_object_storage(
    report, object_storage, monkeypatch, caplog
):
    from reports.storage import documents_storage

    original_save = InMemoryStorage._save

    def upload_fails_halfway(self, name, content):
        data = content.read()
        original_save(self, name, ContentFile(data[: len(data) // 2]))
        raise no_space_left()

    monkeypatch.setattr(InMemoryStorage, "_save", upload_fails_halfway)
    with caplog.at_level(logging.ERROR), pytest.raises(DocumentNotStored):
        pdf_for(report=report)
    assert documents_storage().listdir(f"reports/pdf/{report.pk}") == ([], [])
    assert not report.documents.exclude(file="").exists()
    assert any(r.name == "reports.documents.store" for r in caplog.records)
