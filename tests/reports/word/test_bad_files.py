"""Every bad file gets a clear message at the field, nothing is kept, never a 500."""

import io
import zipfile

import pytest
from django.urls import reverse

from reports.models import Answer, PendingWordImport
from reports.word.reader import MAX_FILE_BYTES
from tests.factories import report_with_form

from .helpers import filled_export, upload

pytestmark = pytest.mark.django_db


def _with_part(data: bytes, name: str, content: bytes, replace: dict | None = None) -> bytes:
    """``data`` (a .docx) with a part added, or its parts' bytes rewritten."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            body = source.read(member)
            for old, new in (replace or {}).items():
                body = body.replace(old, new)
            target.writestr(member, body)
        if name:
            target.writestr(name, content)
    return out.getvalue()


def _bomb(data: bytes) -> bytes:
    # 50 MB of zeros squeezes into ~50 kB: a ratio no Word text reaches.
    return _with_part(data, "word/media/padding.bin", b"\0" * (50 * 1024 * 1024))


BAD = {
    "not_docx": lambda data: b"Just some text, not a Word file.",
    "corrupt": lambda data: data[: len(data) // 2],
    "password": lambda data: (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le")
    ),
    "old_word": lambda data: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
    "macro": lambda data: _with_part(
        data,
        "word/vbaProject.bin",
        b"macro",
        {b"document.main+xml": b"document.macroEnabled.main+xml"},
    ),
    "bomb": _bomb,
    "spreadsheet": lambda data: _with_part(
        data, "", b"", {b"wordprocessingml.document.main+xml": b"spreadsheetml.sheet.main+xml"}
    ),
}
MESSAGES = {
    "not_docx": "This is not a Word document (.docx).",
    "corrupt": "The file is damaged and cannot be read.",
    "password": "The file is password-protected.",
    "old_word": "This is an old Word file (.doc).",
    "macro": "This Word file contains macros (.docm)",
    "bomb": "The file expands to an unreasonable size",
    "spreadsheet": "This is not a Word document (.docx).",
    "too_large": "The file is larger than 20 MB.",
    "other_report": "This file is the report of",
}


def _refused(client, report, data, name="report.docx"):
    response = client.post(
        reverse("reports:word_import", args=[report.pk]), {"file": upload(data, name)}
    )
    assert response.status_code == 400
    assert not PendingWordImport.objects.exists()
    assert not Answer.objects.filter(report=report).exists()
    page = response.content.decode()
    assert 'id="id_file_error"' in page and 'aria-invalid="true"' in page
    return page


@pytest.mark.parametrize("kind", list(BAD))
def test_a_bad_file_is_refused_with_a_message_at_the_field(client, report, alice, kind):
    client.force_login(alice)
    data = BAD[kind](filled_export(report, {"22": "Would be imported"}))
    assert MESSAGES[kind] in _refused(client, report, data)


def test_a_docm_is_refused_by_its_name_too(client, report, alice):
    client.force_login(alice)
    assert MESSAGES["macro"] in _refused(client, report, filled_export(report, {}), "a.docm")


def test_a_file_over_20_mb_is_refused_before_it_is_read(client, report, alice):
    client.force_login(alice)
    assert MESSAGES["too_large"] in _refused(client, report, b"PK\x03\x04" + b"x" * MAX_FILE_BYTES)


def test_another_reports_file_is_refused(client, report, alice):
    other = report_with_form(priorities=2)
    client.force_login(alice)
    page = _refused(client, report, filled_export(other, {"3": "Theirs"}))
    assert f"report of {other.country.code} for 2022-2023" in page


def test_an_empty_upload_is_refused(client, report, alice):
    client.force_login(alice)
    assert "The submitted file is empty." in _refused(client, report, b"")


def test_a_file_with_more_paragraphs_than_a_report_is_refused(client, report, alice, monkeypatch):
    monkeypatch.setattr("reports.word.reader.MAX_LINES", 10)
    client.force_login(alice)
    page = _refused(client, report, filled_export(report, {}))
    assert "far more paragraphs than a report" in page
