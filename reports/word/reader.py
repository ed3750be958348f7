"""Read an uploaded .docx into a neutral structure: its lines in document order (each
paragraph, each table row), what in them is emphasised, and the file's properties.

An uploaded file is untrusted. It is checked before anything parses it, in memory:
size, container (a password-protected or old Word file is an OLE container, not a zip),
declared uncompressed sizes and compression ratios (a zip bomb announces itself there;
``zipfile`` never inflates a member past its declared size), and the main part's content
type (a macro-enabled .docm is refused, nothing in it runs). The document part is then
parsed block by block (``stream``), with entity resolution off. Nothing is written to disk
or kept.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import stream

MAX_FILE_BYTES = 20 * 1024 * 1024
# A real report inflates to a few megabytes; text compresses at most ~20:1.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 2_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MARK = b"macroEnabled"
# Bookmarks the writer puts on each question (``pf_q12_p3`` for item ``q12-p3``): Word
# allows only letters, digits and underscores in bookmark names.
BOOKMARK_PREFIX = "pf_"

MESSAGES = {
    "too_large": _("The file is larger than 20 MB. Remove pictures or split it, then try again."),
    "password": _(
        "The file is password-protected. Open it in Word, remove the password "
        "(File › Info › Protect document) and upload it again."
    ),
    "old_word": _("This is an old Word file (.doc). Save it as a Word document (.docx) first."),
    "not_docx": _("This is not a Word document (.docx)."),
    "macro": _(
        "This Word file contains macros (.docm), which the portal does not accept. Save it "
        "as a Word document (.docx) without macros."
    ),
    "corrupt": _("The file is damaged and cannot be read. Open it in Word and save it again."),
    "bomb": _("The file expands to an unreasonable size when opened and was refused."),
    "empty": _("The file is empty."),
    "too_long": _("The file has far more paragraphs than a report; it was not read."),
    "too_much_text": _(
        "The file holds far more text than a report (over 2 million characters); it was not "
        "imported."
    ),
}
# A filled report has a few thousand paragraphs and table rows at most.
MAX_LINES = 50_000


def refuse(code: str) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


@dataclass(frozen=True)
class Line:
    """One paragraph, or one table row (its cells joined by tabs)."""

    text: str
    style: str = ""
    # Item key from a Pathfinder bookmark: the file was written by the portal.
    key: str = ""
    # Character spans of bold or highlighted text (a chosen option may be marked so).
    marked: tuple[tuple[int, int], ...] = ()
    in_table: bool = False
    cells: tuple[str, ...] = ()

    @property
    def is_heading(self) -> bool:
        return self.style.startswith(("Heading", "Title"))

    def is_marked(self, start: int = 0, end: int | None = None) -> bool:
        """Whether all non-space text in [start, end) is emphasised."""
        end = len(self.text) if end is None else end
        wanted = [i for i in range(start, end) if not self.text[i].isspace()]
        if not wanted:
            return False
        return all(any(a <= i < b for a, b in self.marked) for i in wanted)


@dataclass
class ReadDocument:
    lines: list[Line]
    properties: dict[str, str] = field(default_factory=dict)
    # The file held more text than ``stream.MAX_TEXT_CHARS``: the rest was not read.
    cut: bool = False


def check_container(data: bytes) -> zipfile.ZipFile:
    """The checks that need no parsing; the opened zip when they pass."""
    if not data:
        raise refuse("empty")
    if len(data) > MAX_FILE_BYTES:
        raise refuse("too_large")
    if data.startswith(OLE_MAGIC):
        # Word encrypts a password-protected .docx into an OLE container with an
        # "EncryptionInfo" stream; any other OLE file is an old .doc.
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise refuse("password")
        raise refuse("old_word")
    if not data.startswith(ZIP_MAGIC):
        raise refuse("not_docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refuse("corrupt") from None
    if len(members) > MAX_MEMBERS:
        raise refuse("bomb")
    if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        raise refuse("bomb")
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise refuse("bomb")
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names:
        raise refuse("not_docx")
    try:
        content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        raise refuse("corrupt") from None
    if MACRO_MARK in content_types or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise refuse("macro")
    if DOCX_MAIN not in content_types:
        raise refuse("not_docx")
    return archive


def _runs_line(pieces: list[tuple[str, bool]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    text, marked, at = [], [], 0
    for piece, emphasised in pieces:
        if emphasised and piece:
            marked.append((at, at + len(piece)))
        text.append(piece)
        at += len(piece)
    return "".join(text), tuple(marked)


def _bookmark_key(paragraph) -> str:
    for name in stream.bookmark_names(paragraph):
        if name.startswith(BOOKMARK_PREFIX):
            return name[len(BOOKMARK_PREFIX) :].replace("_", "-")
    return ""


def _paragraph_line(paragraph, style_names: dict[str, str]) -> Line:
    text, marked = _runs_line(stream.run_pieces(paragraph))
    style_id = stream.style_id(paragraph)
    style = style_names.get(style_id, style_id) if style_id else ""
    return Line(text=text, style=style, key=_bookmark_key(paragraph), marked=marked)


def _table_lines(table) -> list[Line]:
    lines = []
    for row in stream.table_rows(table):
        pieces: list[tuple[str, bool]] = []
        cells: list[str] = []
        for cell in row:
            cell_pieces: list[tuple[str, bool]] = []
            for index, paragraph in enumerate(stream.cell_paragraphs(cell)):
                if index:
                    cell_pieces.append((" ", False))
                cell_pieces.extend(stream.run_pieces(paragraph))
            if pieces:
                pieces.append(("\t", False))
            pieces.extend(cell_pieces)
            cells.append("".join(p for p, _m in cell_pieces))
        text, marked = _runs_line(pieces)
        lines.append(Line(text=text, marked=marked, in_table=True, cells=tuple(cells)))
    return lines


def read_docx(data: bytes) -> ReadDocument:
    """``data`` as lines and properties; ValidationError (with a code from MESSAGES)
    if the file is refused. The document part is read block by block (``stream``), never
    whole; past ``stream.MAX_TEXT_CHARS`` characters the rest is left unread and the
    document says so (``cut``)."""
    archive = check_container(data)
    try:
        main = stream.main_part(archive)
        style_names = stream.style_names(archive, main)
        lines: list[Line] = []
        read = 0
        cut = False
        with archive.open(main) as part:
            for block in stream.body_blocks(part):
                if block.tag == stream.P:
                    lines.append(_paragraph_line(block, style_names))
                    read += len(lines[-1].text)
                else:
                    rows = _table_lines(block)
                    lines.extend(rows)
                    read += sum(len(row.text) for row in rows)
                if len(lines) > MAX_LINES:
                    raise refuse("too_long")
                if read > stream.MAX_TEXT_CHARS:
                    cut = True
                    break
        properties = stream.properties(archive)
    except ValidationError:
        raise
    except Exception:  # any parse failure of an untrusted file is "damaged", never a 500
        raise refuse("corrupt") from None
    return ReadDocument(lines=lines, properties=properties, cut=cut)
