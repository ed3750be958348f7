"""Word files for the tests: the portal's own export, filled in as a person would."""

from __future__ import annotations

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.word.writer import GUIDANCE_STYLE, render_docx


def filled_export(report, answers: dict[str, str], language: str = "en") -> bytes:
    """The report's Word export with ``answers`` (question number -> text) typed below
    their questions, replacing what was there."""
    document = docx.Document(io.BytesIO(render_docx(report, language)))
    paragraphs = document.paragraphs
    for number, text in answers.items():
        at = next(n for n, p in enumerate(paragraphs) if p.text.startswith(f"{number}. "))
        target = next(p for p in paragraphs[at + 1 :] if p.style.name != GUIDANCE_STYLE)
        for run in target.runs:
            run.text = ""
        target.add_run(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "report.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
