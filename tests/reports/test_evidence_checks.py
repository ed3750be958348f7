"""reports.evidence.checks: a file is judged by its content; each refusal says why."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from reports.evidence.checks import check_content, check_upload
from reports.models import EvidenceType
from tests.reports import evidence_samples as samples


def _refusal(content: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        check_content(content)
    [error] = caught.value.error_dict["file"]
    return error.code


@pytest.mark.parametrize(
    ("make", "file_type"),
    [
        (samples.pdf, EvidenceType.PDF),
        (samples.docx, EvidenceType.DOCX),
        (samples.xlsx, EvidenceType.XLSX),
        (samples.png, EvidenceType.PNG),
        (samples.jpeg, EvidenceType.JPEG),
    ],
)
def test_each_accepted_type_is_recognised_by_its_content(make, file_type):
    checked = check_content(make())
    assert checked.file_type == file_type
    assert len(checked.sha256) == 64 and checked.size == len(checked.content)


def test_a_pdf_is_kept_byte_for_byte():
    assert check_content(samples.pdf()).content == samples.pdf()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"MZ\x90\x00 this is a program, whatever its name says", "not_allowed"),
        (b"Just some text typed into a file called report.pdf", "not_allowed"),
        (b"", "empty"),
        (samples.ole_doc(), "legacy"),
        (b"Rar!\x1a\x07\x00" + b"\x00" * 20, "archive"),
        (b"7z\xbc\xaf\x27\x1c" + b"\x00" * 20, "archive"),
        (b"\x1f\x8b\x08" + b"\x00" * 20, "archive"),
        (b"PK\x03\x04 but not a zip at all", "damaged"),
    ],
)
def test_content_that_is_not_an_accepted_type_is_refused_with_its_reason(content, code):
    assert _refusal(content) == code


def test_a_zip_that_is_not_an_office_file_is_refused_as_an_archive():
    assert _refusal(samples.plain_zip()) == "archive"


def test_a_word_file_with_macros_is_refused():
    assert _refusal(samples.docm()) == "macro"


def test_a_file_with_a_macro_project_but_a_plain_content_type_is_refused():
    import zipfile

    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(samples.xlsx()))
    with zipfile.ZipFile(out, "w") as archive:
        for member in source.infolist():
            archive.writestr(member, source.read(member))
        archive.writestr("xl/vbaProject.bin", b"\x00" * 16)
    assert _refusal(out.getvalue()) == "macro"


@pytest.mark.parametrize("make", [samples.png, samples.jpeg])
def test_an_image_is_reencoded_without_its_metadata_or_trailing_payload(make):
    original = make(trailing=samples.PAYLOAD)
    checked = check_content(original)
    assert samples.PAYLOAD not in checked.content
    assert b"105.8542" not in checked.content and b"Secret software" not in checked.content
    image = Image.open(io.BytesIO(checked.content))
    assert image.size == (40, 30)
    assert not image.getexif()
    assert "Comment" not in image.info


def test_a_damaged_image_is_refused():
    assert _refusal(samples.png()[:40]) == "damaged"


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.EVIDENCE_MAX_BYTES = 100

    class Unreadable:
        size = 101

        def read(self, *args):  # pragma: no cover - the point: never called
            raise AssertionError("read")

        def seek(self, *args):  # pragma: no cover
            raise AssertionError("seek")

    with pytest.raises(ValidationError) as caught:
        check_upload(Unreadable())
    [error] = caught.value.error_dict["file"]
    assert error.code == "too_large"
    assert "100" in error.messages[0]


def test_a_file_whose_stated_size_lies_is_still_held_to_the_limit(settings):
    settings.EVIDENCE_MAX_BYTES = 100
    upload = samples.upload("small.pdf", b"%PDF-" + b"x" * 200)
    upload.size = 10
    with pytest.raises(ValidationError) as caught:
        check_upload(upload)
    assert caught.value.error_dict["file"][0].code == "too_large"
