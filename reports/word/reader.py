"""Read an uploaded .docx into a neutral structure: its lines in document order (each
paragraph, each table row), what in them is emphasised, and the file's properties.

An uploaded file is untrusted. It is checked before anything parses it, in memory:
size, container (a password-protected or old Word file is an OLE container, not a zip),
declared uncompressed sizes and compression ratios (a zip bomb announces itself there;
``zipfile`` never inflates a member past its declared size), and the main part's content
type (a macro-enabled .docm is refused, nothing in it runs). python-docx parses the XML
with entity resolution off. Nothing is written to disk or kept.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import docx
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

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


def _run_pieces(paragraph: Paragraph) -> list[tuple[str, bool]]:
    pieces = []
    for content in paragraph.iter_inner_content():
        if isinstance(content, Run):
            emphasised = bool(content.bold) or content.font.highlight_color is not None
            pieces.append((content.text, emphasised))
        else:  # a hyperlink: its text, never a mark
            pieces.append((content.text, False))
    return pieces


def _bookmark_key(paragraph: Paragraph) -> str:
    for name in paragraph._p.xpath("./w:bookmarkStart/@w:name"):
        if name.startswith(BOOKMARK_PREFIX):
            return name[len(BOOKMARK_PREFIX) :].replace("_", "-")
    return ""


def _paragraph_line(paragraph: Paragraph, style_names: dict[str, str]) -> Line:
    text, marked = _runs_line(_run_pieces(paragraph))
    # The style id straight from the XML: python-docx's ``paragraph.style`` searches all
    # styles on every call (seconds on a long report).
    style_id = paragraph._p.style
    style = style_names.get(style_id, style_id or "") if style_id else ""
    return Line(text=text, style=style, key=_bookmark_key(paragraph), marked=marked)


def _table_lines(table: Table) -> list[Line]:
    lines = []
    for row in table.rows:
        pieces: list[tuple[str, bool]] = []
        cells: list[str] = []
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            cell_pieces: list[tuple[str, bool]] = []
            for index, paragraph in enumerate(cell.paragraphs):
                if index:
                    cell_pieces.append((" ", False))
                cell_pieces.extend(_run_pieces(paragraph))
            if pieces:
                pieces.append(("\t", False))
            pieces.extend(cell_pieces)
            cells.append("".join(p for p, _m in cell_pieces))
        text, marked = _runs_line(pieces)
        lines.append(Line(text=text, marked=marked, in_table=True, cells=tuple(cells)))
    return lines


def read_docx(data: bytes) -> ReadDocument:
    """``data`` as lines and properties; ValidationError (with a code from MESSAGES)
    if the file is refused."""
    check_container(data)
    try:
        document = docx.Document(io.BytesIO(data))
        style_names = {style.style_id: style.name or "" for style in document.styles}
        lines: list[Line] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(_paragraph_line(block, style_names))
            else:
                lines.extend(_table_lines(block))
            if len(lines) > MAX_LINES:
                raise refuse("too_long")
        core = document.core_properties
        properties = {
            "identifier": core.identifier or "",
            "language": core.language or "",
            "category": core.category or "",
            "version": core.version or "",
            "title": core.title or "",
        }
    except ValidationError:
        raise
    except Exception:  # any parse failure of an untrusted file is "damaged", never a 500
        raise refuse("corrupt") from None
    return ReadDocument(lines=lines, properties=properties)
