"""Files for the evidence tests, made in memory: each accepted type, and each kind of file
the upload refuses (with a name that claims otherwise)."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook
from PIL import Image

from demo.evidence import small_pdf

PAYLOAD = b"<script>alert('kept?')</script>" * 4


def pdf() -> bytes:
    return small_pdf(["A survey of child labour in two provinces"])


def docx() -> bytes:
    document = Document()
    document.add_paragraph("Case study: a cooperative without child labour.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Hotline calls"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def png(*, trailing: bytes = b"") -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at 21.0285 N, 105.8542 E")
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG", pnginfo=info)
    return out.getvalue() + trailing


def jpeg(*, trailing: bytes = b"") -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "Secret software 1.0"  # Software
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 30, 200)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue() + trailing


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("survey.pdf", pdf())
    return out.getvalue()


def docm() -> bytes:
    """A Word file with a macro project and the macro-enabled content type."""
    source = zipfile.ZipFile(io.BytesIO(docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",
                )
            archive.writestr(member, data)
        archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    return out.getvalue()


def ole_doc() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)
