"""Reading a .docx's lines as a stream: the main part is parsed one top-level paragraph
or table at a time (``lxml.etree.iterparse``), each dropped once read, so an import holds
one block of XML at a time instead of the whole document's tree (python-docx builds that
tree: a 194 MB document part took a server process to 809 MB). Reading stops once
``MAX_TEXT_CHARS`` characters are read: twice any report (45 answers of 20,000
characters are 0.9 million), and the rest of such a file is never inflated at all.

What a line is, is what python-docx made of the same XML (``reader``'s tests and the
round trips hold both to it): a body paragraph's runs and hyperlinks (``./w:r |
./w:hyperlink``), their text with tabs, breaks and non-breaking hyphens; bold or
highlighted runs marked; a table row's cells (a horizontally merged cell once, a
vertically merged one with the text of the cell it continues), paragraphs joined by a
space, cells by a tab. Entities are never resolved, nothing is fetched.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator

from docx.styles import BabelFish
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DC = "http://purl.org/dc/elements/1.1/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
BODY = f"{{{W}}}body"
P, TBL, TR, TC, R = (f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc", "r"))
HYPERLINK = f"{{{W}}}hyperlink"
VAL = f"{{{W}}}val"
# Past this many characters read, the rest of a file is not read (see above).
MAX_TEXT_CHARS = 2_000_000
OFF = {"0", "false", "off"}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _small_part(archive: zipfile.ZipFile, name: str):
    try:
        return etree.fromstring(archive.read(name), _parser())
    except KeyError:
        return None


def _target(archive: zipfile.ZipFile, rels: str, kind: str, base: str) -> str | None:
    root = _small_part(archive, rels)
    if root is None:
        return None
    for rel in root.iterfind(f"{{{REL}}}Relationship"):
        if rel.get("Type", "").endswith(f"/{kind}") and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            return posixpath.normpath(path)
    return None


def main_part(archive: zipfile.ZipFile) -> str:
    return _target(archive, "_rels/.rels", "officeDocument", "") or "word/document.xml"


def style_names(archive: zipfile.ZipFile, main: str) -> dict[str, str]:
    folder, name = posixpath.split(main)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    styles = _target(archive, rels, "styles", folder)
    root = _small_part(archive, styles) if styles else None
    if root is None:
        return {}
    names = {}
    for style in root.iterfind(f"{{{W}}}style"):
        found = style.find(f"{{{W}}}name")
        name = found.get(VAL, "") if found is not None else ""
        # As python-docx names them: "heading 1" in the file is "Heading 1".
        names[style.get(f"{{{W}}}styleId", "")] = BabelFish.internal2ui(name) if name else ""
    return names


def properties(archive: zipfile.ZipFile) -> dict[str, str]:
    core = _target(archive, "_rels/.rels", "core-properties", "")
    root = _small_part(archive, core) if core else None
    wanted = {
        "identifier": f"{{{DC}}}identifier",
        "language": f"{{{DC}}}language",
        "category": f"{{{CP}}}category",
        "version": f"{{{CP}}}version",
        "title": f"{{{DC}}}title",
    }
    found = {name: root.find(tag) if root is not None else None for name, tag in wanted.items()}
    return {name: (e.text or "") if e is not None else "" for name, e in found.items()}


# --- A paragraph's text, as python-docx's Run.text and Hyperlink.text -----------------

_TEXT = {f"{{{W}}}{t}": v for t, v in (("tab", "\t"), ("ptab", "\t"), ("cr", "\n"))}
_TEXT[f"{{{W}}}noBreakHyphen"] = "-"


def _run_text(run) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == f"{{{W}}}t":
            parts.append(child.text or "")
        elif tag == f"{{{W}}}br":
            parts.append(
                "\n" if child.get(f"{{{W}}}type", "textWrapping") == "textWrapping" else ""
            )
        elif tag in _TEXT:
            parts.append(_TEXT[tag])
    return "".join(parts)


def _emphasised(run) -> bool:
    properties = run.find(f"{{{W}}}rPr")
    if properties is None:
        return False
    bold = properties.find(f"{{{W}}}b")
    if bold is not None and bold.get(VAL, "true").lower() not in OFF:
        return True
    highlight = properties.find(f"{{{W}}}highlight")
    return highlight is not None and highlight.get(VAL, "none") != "none"


def run_pieces(paragraph) -> list[tuple[str, bool]]:
    pieces = []
    for content in paragraph:
        if content.tag == R:
            pieces.append((_run_text(content), _emphasised(content)))
        elif content.tag == HYPERLINK:  # its text, never a mark
            pieces.append(("".join(_run_text(r) for r in content.iterchildren(R)), False))
    return pieces


def bookmark_names(paragraph) -> list[str]:
    return [b.get(f"{{{W}}}name", "") for b in paragraph.iterchildren(f"{{{W}}}bookmarkStart")]


def style_id(paragraph) -> str:
    style = paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle")
    return style.get(VAL, "") if style is not None else ""


# --- A table's rows, as python-docx's _Row.cells --------------------------------------


def _grid(element, tag: str, default: int) -> int:
    found = element.find(tag)
    try:
        return int(found.get(VAL)) if found is not None else default
    except (TypeError, ValueError):
        return default


def table_rows(table) -> Iterator[list]:
    """Each row's cells (``w:tc`` elements holding the text), in order, each once."""
    above: dict[int, object] = {}
    for row in table.iterchildren(TR):
        offset = _grid(row, f"{{{W}}}trPr/{{{W}}}gridBefore", 0)
        roots: dict[int, object] = {}
        cells: list = []
        for cell in row.iterchildren(TC):
            merge = cell.find(f"{{{W}}}tcPr/{{{W}}}vMerge")
            root = cell
            if merge is not None and merge.get(VAL, "continue") == "continue":
                root = above.get(offset, cell)
            roots[offset] = root
            if not any(root is seen for seen in cells):
                cells.append(root)
            offset += _grid(cell, f"{{{W}}}tcPr/{{{W}}}gridSpan", 1)
        above = roots
        yield cells


def cell_paragraphs(cell) -> Iterator:
    return cell.iterchildren(P)


# --- The body, block by block ---------------------------------------------------------


def body_blocks(stream) -> Iterator:
    """Each top-level paragraph or table of the document part in ``stream``, complete;
    dropped from memory once the caller has moved on to the next."""
    for _event, element in etree.iterparse(
        stream, events=("end",), tag=(P, TBL), resolve_entities=False, no_network=True
    ):
        parent = element.getparent()
        if parent is None or parent.tag != BODY:
            continue  # a paragraph of a table: read with its table
        yield element
        element.clear()
        while element.getprevious() is not None:
            del parent[0]
