"""Download as Word, upload it back: an unedited file changes nothing, an edited one
shows exactly its edits, in either language."""

import io

import docx
import pytest
from django.utils import translation

from reports.layout import build_layout
from reports.word.matcher import layouts_for, match_document
from reports.word.preview import CHANGED, NEW, SAME, preview_rows
from reports.word.reader import read_docx
from reports.word.writer import render_docx

pytestmark = pytest.mark.django_db


def _preview(report, data: bytes):
    match = match_document(read_docx(data), layouts_for(report))
    rows = preview_rows(build_layout(report), {k: p.as_dict() for k, p in match.proposals.items()})
    return match, {row.key: row for row in rows}


@pytest.mark.parametrize("language", ["en", "vi"])
def test_an_unedited_export_changes_nothing(demo_report, language):
    with translation.override(language):
        data = render_docx(demo_report, language)
        match, rows = _preview(demo_report, data)
    assert match.from_portal
    assert {row.status for row in rows.values()} == {SAME}
    assert len(rows) == len(list(build_layout(demo_report).items()))
    assert match.unmatched == []


def test_the_export_reads_like_the_printed_form(demo_report):
    document = docx.Document(io.BytesIO(render_docx(demo_report, "en")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "1. Since May 2022, what progress has been made to your #1" in text
    assert "☒ Completed" in text or "☒ Ongoing" in text
    assert "☐ Not achieved" in text
    assert "★" in text or "☆" in text
    assert "Next step 1: " in text and "Targets: " in text and "Work areas: " in text
    assert document.core_properties.identifier == "pathfinder:VN:2022-2023"


def test_the_export_in_vietnamese_reads_in_vietnamese(demo_report):
    with translation.override("vi"):
        document = docx.Document(io.BytesIO(render_docx(demo_report, "vi")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Đang thực hiện" in text or "Đã hoàn thành" in text
    assert "Since May 2022" not in text


def _edit(data: bytes, edits) -> bytes:
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        for old, new in edits:
            if paragraph.text == old:
                for run in paragraph.runs[1:]:
                    run.text = ""
                paragraph.runs[0].text = new
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_edited_export_shows_exactly_its_edits(demo_report):
    layout = build_layout(demo_report)
    answered = next(
        i for i in layout.items() if i.question.code == "priority_progress" and i.answer
    )
    first_line = answered.answer.text.split("\n")[0]
    blank = next(i for i in layout.items() if i.question.code == "anything_else")
    assert not blank.is_answered
    data = render_docx(demo_report, "en")
    # Type under the blank question: the paragraph the export leaves after it.
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    at = next(n for n, p in enumerate(paragraphs) if p.text.startswith(f"{blank.display_number}. "))
    paragraphs[at + 1].add_run("Thank you for the support of the Alliance.")
    out = io.BytesIO()
    document.save(out)
    data = _edit(out.getvalue(), [(first_line, first_line + " Edited in Word.")])

    _match, rows = _preview(demo_report, data)
    changed = {k for k, r in rows.items() if r.status != SAME}
    assert changed == {answered.key, blank.key}
    assert rows[answered.key].status == CHANGED
    assert "Edited in Word." in rows[answered.key].imported
    assert "<ins>" in rows[answered.key].diff
    assert rows[blank.key].status == NEW
    assert rows[blank.key].imported == "Thank you for the support of the Alliance."


def test_a_question_whose_bookmark_was_lost_keeps_its_answer_out(demo_report):
    layout = build_layout(demo_report)
    lessons = next(i for i in layout.items() if i.question.code == "lessons")
    challenges = next(i for i in layout.items() if i.question.code == "challenges")
    document = docx.Document(io.BytesIO(render_docx(demo_report, "en")))
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(f"{lessons.display_number}. "):
            for mark in paragraph._p.xpath("./w:bookmarkStart | ./w:bookmarkEnd"):
                paragraph._p.remove(mark)
    out = io.BytesIO()
    document.save(out)
    match, rows = _preview(demo_report, out.getvalue())
    assert rows[challenges.key].status == SAME
    assert lessons.key not in match.proposals
    assert any(t.startswith(f"{lessons.display_number}. ") for t in match.unmatched)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_an_export_that_lost_its_bookmarks_maps_by_its_wording(demo_report, language):
    """Copied into a new document, the file has no bookmarks nor properties: read by its
    question numbers, wording and boxes, in either language, it still changes nothing."""
    with translation.override(language):
        document = docx.Document(io.BytesIO(render_docx(demo_report, language)))
    for paragraph in document.paragraphs:
        for mark in paragraph._p.xpath("./w:bookmarkStart | ./w:bookmarkEnd"):
            paragraph._p.remove(mark)
    document.core_properties.identifier = ""
    out = io.BytesIO()
    document.save(out)
    with translation.override(language):
        match, rows = _preview(demo_report, out.getvalue())
    assert not match.from_portal
    assert {row.status for row in rows.values()} <= {SAME, "absent"}
    assert [r.key for r in rows.values() if r.status == "absent" and r.current] == []
