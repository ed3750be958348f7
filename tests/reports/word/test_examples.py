"""The form's "► Example:" hints in a Word file are never imported as an answer: not from
the portal's own export, not once Word lost its styles and bookmarks, in either language.
What a person typed after "Example:" themselves stays theirs."""

import io

import docx
import pytest
from django.utils import translation

from reports.layout import build_layout
from reports.word.matcher import layouts_for, match_document
from reports.word.reader import Line, read_docx
from reports.word.text import example_lines, strip_examples
from reports.word.writer import GUIDANCE_STYLE

from .helpers import filled_export

pytestmark = pytest.mark.django_db

CODES = ("evidence_detail", "evidence_stakeholders", "international_detail", "domestic_detail")


def _items(report):
    return {i.question.code: i for i in build_layout(report).items() if i.question.code in CODES}


def _plain(data: bytes, *, keep_bookmarks: bool) -> bytes:
    """The file as after a copy into a new document: every paragraph in Normal style (the
    examples no longer marked as guidance), and optionally no bookmarks nor properties."""
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        if paragraph.style.name == GUIDANCE_STYLE:
            paragraph.style = document.styles["Normal"]
        if not keep_bookmarks:
            for mark in paragraph._p.xpath("./w:bookmarkStart | ./w:bookmarkEnd"):
                paragraph._p.remove(mark)
    if not keep_bookmarks:
        document.core_properties.identifier = ""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("keep_bookmarks", [True, False])
@pytest.mark.parametrize("language", ["en", "vi"])
def test_example_paragraphs_of_a_word_file_are_not_imported_as_the_answer(
    demo_report, language, keep_bookmarks
):
    items = _items(demo_report)
    typed = {items[code].display_number: f"Our own answer on {code}." for code in CODES}
    with translation.override(language):
        data = _plain(filled_export(demo_report, typed, language), keep_bookmarks=keep_bookmarks)
        assert "► " in "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        match = match_document(read_docx(data), layouts_for(demo_report))
    assert match.from_portal is keep_bookmarks
    for code, item in items.items():
        assert match.proposals[item.key].text == f"Our own answer on {code}."
    shown = {line for item in items.values() for line in item.question.tr("example").split("\n")}
    assert not any(text in shown for text in match.unmatched)


def test_text_typed_after_an_example_marker_stays_an_answer():
    known = example_lines(["National statistical office: shared its survey data."])
    lines = [
        Line(text="► Example:"),
        Line(text="National statistical office: shared its survey data."),
        Line(text="Example: the Ministry of Health trained 40 doctors."),
        Line(text="Our partners were the trade unions."),
    ]
    kept, dropped = strip_examples(lines, known)
    assert [line.text for line in kept] == [
        "Example: the Ministry of Health trained 40 doctors.",
        "Our partners were the trade unions.",
    ]
    assert dropped == ["► Example:", "National statistical office: shared its survey data."]
