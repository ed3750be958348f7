"""The kept-document store: documents made once and kept, one per (kind, subject,
revision, language), each a ``KeptDocument`` row and a file in the ``documents`` storage.

What it guarantees, whatever the document:

- A row is published only once its file is complete. On a local file system the file is
  written under a temporary name, flushed to disk and renamed into place (``os.replace``,
  atomic within MEDIA_ROOT); through any other storage (S3-compatible) it is saved under
  a name of its own and the row pointing to it is inserted afterwards.
- A failed write (a full disk) leaves no partial file, keeps every older document, logs
  the error, records the failure on the key's row (no file, ``failed_at``: what makes a
  download answer "cannot be produced now" rather than "being prepared" forever) and
  raises ``DocumentNotStored``. The next successful write fills that row.
- Two writers of the same key: the first row wins, the other's file is removed.
- Once a revision is kept, older revisions of the same subject and kind go, files last.
"""

from __future__ import annotations

import logging
import os
import posixpath
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from ..models import DocumentKind, KeptDocument
from ..storage import documents_storage

logger = logging.getLogger(__name__)

# Where each kind's files go in the storage, under a folder per subject.
FOLDERS = {DocumentKind.REPORT_PDF: "reports/pdf", DocumentKind.SYNTHESIS_PDF: "synthesis/pdf"}


class DocumentNotStored(Exception):
    """The document was made but its file could not be written (disk full, storage
    down). Nothing partial was kept; older kept documents are untouched."""


@dataclass(frozen=True)
class DocumentKey:
    kind: DocumentKind
    subject: models.Model
    revision: int
    language: str

    def rows(self) -> models.QuerySet[KeptDocument]:
        return _of_subject(kind=self.kind, subject=self.subject).filter(
            revision=self.revision, language=self.language
        )


def _of_subject(*, kind: DocumentKind, subject: models.Model) -> models.QuerySet[KeptDocument]:
    # get_for_model is cached per process: no query after the first.
    return KeptDocument.objects.filter(
        kind=kind, subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )


def _file_is_there(document: KeptDocument) -> bool:
    return bool(document.file) and document.file.storage.exists(document.file.name)


def kept(key: DocumentKey) -> KeptDocument | None:
    """The document kept for ``key``, if its file is there."""
    document = key.rows().first()
    return document if document is not None and _file_is_there(document) else None


def failure(key: DocumentKey) -> KeptDocument | None:
    """The recorded failure to write ``key``'s file (a full disk), if it is not kept since."""
    return key.rows().filter(file="", failed_at__isnull=False).first()


def latest_kept(*, kind: DocumentKind, subject: models.Model, language: str) -> KeptDocument | None:
    """The newest document kept of ``subject`` in ``language``, whatever its revision:
    what can be served while the current revision's cannot be made."""
    for document in (
        _of_subject(kind=kind, subject=subject).filter(language=language).order_by("-revision")
    ):
        if _file_is_there(document):
            return document
    return None


def keep(key: DocumentKey, *, content: bytes, filename: str, media_type: str) -> KeptDocument:
    """Keep ``content`` as the document of ``key`` and return its row; another writer's
    row if one was kept meanwhile. Raises ``DocumentNotStored`` if the file could not be
    written."""
    # Read before writing: a row inserted by another writer while we write is theirs.
    survived = key.rows().first()
    if survived is not None and _file_is_there(survived):
        # Another request kept this revision while we made ours: theirs is as good.
        return survived
    storage = documents_storage()
    try:
        name = _write(storage, f"{FOLDERS[key.kind]}/{key.subject.pk}/{filename}", content, key=key)
    except DocumentNotStored as error:
        _record_failure(key, filename=filename, media_type=media_type, error=str(error))
        raise
    if survived is not None:
        # The row survived but its file did not (a failure recorded, or media restored
        # from an older backup): it now points to the file.
        survived.file.name = name
        survived.failed_at = None
        survived.error = ""
        survived.save(update_fields=["file", "failed_at", "error"])
        _forget_older(key)
        return survived
    document = KeptDocument(
        kind=key.kind,
        subject=key.subject,
        revision=key.revision,
        language=key.language,
        media_type=media_type,
        filename=filename,
    )
    document.file.name = name
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # Another request kept the same key at the same time: keep theirs, drop ours
        # (unless both landed on the same name, which is then theirs too).
        theirs = key.rows().get()
        if theirs.file.name != name:
            storage.delete(name)
        return theirs
    _forget_older(key)
    return document


def kept_or_render(
    key: DocumentKey,
    *,
    render: Callable[[], bytes],
    filename: str,
    media_type: str,
    still_current: Callable[[], bool] = lambda: True,
) -> KeptDocument | None:
    """The document kept under ``key``, or ``render()`` it and keep it: every kept
    document (a report's PDF, the synthesis) is made this way. None when
    ``still_current()`` says, after the render, that the subject changed meanwhile (what
    was rendered may be half old, half new: the caller renders again under the new key).
    Raises ``DocumentNotStored`` if the file could not be written."""
    if (document := kept(key)) is not None:
        return document
    content = render()
    if not still_current():
        return None
    return keep(key, content=content, filename=filename, media_type=media_type)


def _record_failure(key: DocumentKey, *, filename: str, media_type: str, error: str) -> None:
    """Say on the key's row that its file could not be written; never over a kept file
    (another writer may have kept the same key meanwhile)."""
    now = timezone.now()
    if key.rows().filter(file="").update(failed_at=now, error=error) or key.rows().exists():
        return
    try:
        with transaction.atomic():
            KeptDocument.objects.create(
                kind=key.kind,
                subject=key.subject,
                revision=key.revision,
                language=key.language,
                media_type=media_type,
                filename=filename,
                failed_at=now,
                error=error,
            )
    except IntegrityError:
        pass  # another writer's row: kept or failed, it says what happened


def _forget_older(key: DocumentKey) -> None:
    older = list(_of_subject(kind=key.kind, subject=key.subject).filter(revision__lt=key.revision))
    if older:
        KeptDocument.objects.filter(pk__in=[d.pk for d in older]).delete()
        # Files go only once the rows are surely gone.
        transaction.on_commit(lambda: [d.file.delete(save=False) for d in older])


# ------------------------------------------------------------------------ writing


def _write(storage: Storage, name: str, content: bytes, *, key: DocumentKey) -> str:
    """Write ``content`` completely and return the name it is under, or remove whatever
    was written, log and raise ``DocumentNotStored``."""
    try:
        if isinstance(storage, FileSystemStorage):
            return _write_local(storage, name, content)
        return _write_remote(storage, name, content)
    except OSError as error:
        logger.exception(
            "Could not store %s of %s %s revision %s (%s): %s",
            key.kind,
            key.subject._meta.label,
            key.subject.pk,
            key.revision,
            key.language,
            error,
        )
        raise DocumentNotStored(str(error)) from error


def _write_local(storage: FileSystemStorage, name: str, content: bytes) -> str:
    """Temporary file, fsync, ``os.replace``: readers see the old file or the whole new
    one, never a part. The name is the key's, so a second writer replaces the file with
    the same document."""
    folder = posixpath.dirname(name)
    partial = f"{folder}/.{uuid.uuid4().hex}.part"
    try:
        partial = storage.save(partial, ContentFile(content))
        # A full disk may only show when the data reaches it: flush before publishing.
        with open(storage.path(partial), "rb") as written:
            os.fsync(written.fileno())
        os.replace(storage.path(partial), storage.path(name))
    except OSError:
        _discard(storage, partial)
        raise
    return name


def _write_remote(storage: Storage, name: str, content: bytes) -> str:
    """Object storage has no rename, and its uploads appear whole or not at all: save
    under a name of its own, which nothing points to until the row is inserted."""
    stem, extension = posixpath.splitext(name)
    unique = f"{stem}.{uuid.uuid4().hex[:12]}{extension}"
    try:
        return storage.save(unique, ContentFile(content))
    except OSError:
        _discard(storage, unique)
        raise


def _discard(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not remove the partial file %s", name)
