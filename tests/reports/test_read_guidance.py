"""The reading view writes each question's guidance itself (issue 25: its texts read once,
no include per question): exactly as reports/entry/_guidance.html writes it, whose
markup the entry pages keep."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reports.layout import build_layout
from reports.models import Question, Report

from .entry_helpers import forget_structure

pytestmark = pytest.mark.django_db


def _squeezed(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_reading_view_writes_the_guidance_as_the_entry_pages_include(
    client, report, reviewer, focal, language
):
    questions = Question.objects.filter(section__questionnaire=report.cycle.questionnaire)
    guided = list(questions.order_by("section__order", "order")[:6])
    for n, question in enumerate(guided):
        # A note alone, an example alone, both; in English and Vietnamese.
        question.help_text = f"Say who <did> it {n}." if n % 3 != 1 else ""
        question.example = f"An example & more {n}." if n % 3 != 0 else ""
        question.translations = {"vi": {"help_text": f"Nói ai {n}.", "example": f"Ví dụ {n}."}}
        question.save()
    forget_structure(report)
    client.force_login(focal)
    client.cookies["django_language"] = language
    page = _squeezed(client.get(reverse("reports:read", args=[report.pk])).content.decode())

    with translation.override(language):
        layout = build_layout(Report.objects.with_context().get(pk=report.pk))
        shown = 0
        for item in layout.items():
            fragment = _squeezed(
                render_to_string("reports/entry/_guidance.html", {"item": item, "show_note": True})
            )
            if fragment:
                shown += 1
                assert fragment in page, (item.display_number, fragment)
    assert shown >= len(guided)
