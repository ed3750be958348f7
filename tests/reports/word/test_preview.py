"""The import preview shows answers as a person reads them, never stored codes."""

import pytest
from django.utils import translation

from reports.layout import build_layout
from reports.models import QuestionKind
from reports.word.preview import preview_row

pytestmark = pytest.mark.django_db


def _next_steps_item(report):
    return next(
        i for i in build_layout(report).items() if i.question.kind == QuestionKind.NEXT_STEPS
    )


def _step(title: str) -> dict:
    return {
        "title": title,
        "targets": "Targets",
        "evidence": "Evidence",
        "work_areas": ["child_labour", "forced_labour"],
    }


@pytest.mark.parametrize(
    "language, labels", [("en", "Child labour, Forced labour"), ("vi", "Lao động trẻ em")]
)
def test_preview_names_work_areas_by_label_not_code(demo_report, language, labels):
    item = _next_steps_item(demo_report)
    assert item.rows, "the demo's draft carries next steps"
    proposal = {"rows": [_step(item.rows[0].title), _step("A new step")]}
    with translation.override(language):
        row = preview_row(item, proposal)
        shown = f"{row.current}\n{row.imported}\n{row.diff}"
    assert labels in row.imported
    assert "child_labour" not in shown and "forced_labour" not in shown
