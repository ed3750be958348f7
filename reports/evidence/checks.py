"""What an uploaded evidence file must be before anything is kept: judged by its content,
never by its name or the type the browser claims.

Accepted: PDF, Word (.docx), Excel (.xlsx), PNG and JPEG. Refused, each with its own
message: too large (``settings.EVIDENCE_MAX_BYTES``), empty, archives (a zip that is not an
Office file, rar, 7z, gzip), macro-enabled Office files (a ``vbaProject.bin`` part or a
``macroEnabled`` content type: .docm, .xlsm), legacy OLE files (.doc, .xls, and
password-protected Office files, which are OLE containers too), and anything else.

Code of our own rather than a sniffing library (python-magic, filetype, puremagic): three
of the five types are a fixed signature at offset 0, and the question that matters for
the other two, whether a zip is a .docx or .xlsx *without macros*, is answered only by
reading the zip's ``[Content_Types].xml`` and its part names, which those libraries do
not do (they guess from the first bytes or the name). Images are then proven by Pillow
decoding them whole, and re-encoded: what is kept is the pixels, so EXIF (a phone's GPS
position), comments and any payload appended after the image are gone.
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .model import EvidenceType

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
ARCHIVE_MAGICS = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")

OOXML_MAIN = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        EvidenceType.DOCX
    ),
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        EvidenceType.XLSX
    ),
}
# An Office file inflates to a few times its size; a zip bomb announces itself here.
MAX_MEMBERS = 5_000
MAX_RATIO = 100
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
# A photo of a poster is a few megapixels; Pillow's own bomb guard warns past ~89.
MAX_PIXELS = 50_000_000

MESSAGES = {
    "too_large": _("The file is larger than %(limit)s. Please attach a smaller file."),
    "empty": _("The file is empty."),
    "not_allowed": _(
        "This file is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file. The portal "
        "judges a file by its content, not by its name."
    ),
    "archive": _("Archives (zip, rar, 7z) are not accepted. Attach each document on its own."),
    "macro": _(
        "This Office file contains macros (.docm, .xlsm), which the portal does not accept. "
        "Save it as a Word document (.docx) or Excel workbook (.xlsx) without macros."
    ),
    "legacy": _(
        "This is an old Office file (.doc, .xls) or a password-protected one. Save it as a "
        "Word document (.docx) or Excel workbook (.xlsx) without a password first."
    ),
    "damaged": _("The file is damaged and cannot be read. Save it again and attach it again."),
}


def refuse(code: str, **params) -> ValidationError:
    """A refusal that belongs beside the file field."""
    return ValidationError({"file": ValidationError(MESSAGES[code], code=code, params=params)})


@dataclass(frozen=True)
class CheckedFile:
    """What will be kept: the bytes (re-encoded, for an image), their type, size and hash."""

    content: bytes
    file_type: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_BYTES


def check_upload(upload) -> CheckedFile:
    """The upload (a Django ``UploadedFile``, or any file with ``size`` and ``read``) as
    it will be kept, or a ValidationError for the file field."""
    limit = max_bytes()
    # Refused before reading: a large upload is already in a temporary file on disk.
    if upload.size > limit:
        raise refuse("too_large", limit=filesizeformat(limit))
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise refuse("too_large", limit=filesizeformat(limit))
    return check_content(content)


def check_content(content: bytes) -> CheckedFile:
    if not content:
        raise refuse("empty")
    if content.startswith(PDF_MAGIC):
        return CheckedFile(content, EvidenceType.PDF)
    if content.startswith(PNG_MAGIC):
        return CheckedFile(reencode(content, "PNG"), EvidenceType.PNG)
    if content.startswith(JPEG_MAGIC):
        return CheckedFile(reencode(content, "JPEG"), EvidenceType.JPEG)
    if content.startswith(OLE_MAGIC):
        raise refuse("legacy")
    if content.startswith(ARCHIVE_MAGICS):
        raise refuse("archive")
    if content.startswith(ZIP_MAGICS):
        return CheckedFile(content, office_type(content))
    raise refuse("not_allowed")


def office_type(content: bytes) -> str:
    """DOCX or XLSX for a zip that is one (without macros); refuses any other zip."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refuse("damaged") from None
    names = {m.filename.lower(): m for m in members}
    if "[content_types].xml" not in names:
        raise refuse("archive")  # a plain zip: an archive of other files
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_RATIO * max(
        len(content), 1
    ):
        raise refuse("damaged")
    if any(name.rsplit("/", 1)[-1] == "vbaproject.bin" for name in names):
        raise refuse("macro")
    types_member = names["[content_types].xml"]
    if types_member.file_size > MAX_CONTENT_TYPES_BYTES:
        raise refuse("damaged")
    try:
        declared = archive.read(types_member)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise refuse("damaged") from None
    if b"macroenabled" in declared.lower():
        raise refuse("macro")
    for main, file_type in OOXML_MAIN.items():
        if main in declared:
            return file_type
    raise refuse("not_allowed")  # another Office file (a presentation, a template)


def reencode(content: bytes, fmt: str) -> bytes:
    """The image decoded whole and written again: pixels only."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content))
            if image.format != fmt:
                raise refuse("not_allowed")
            if image.width * image.height > MAX_PIXELS:
                raise refuse("too_large", limit=_("%(n)s million pixels") % {"n": 50})
            image.load()
            # The orientation is in EXIF, which goes: turn the pixels as it said first.
            image = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refuse("damaged") from None
    except Image.DecompressionBombWarning:
        raise refuse("too_large", limit=_("%(n)s million pixels") % {"n": 50}) from None
    image.info = {}
    if fmt == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()
