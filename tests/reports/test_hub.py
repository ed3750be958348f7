"""The report hub (reports.views.overview): its checks link to their fields, and its
steps are read once a report has been handed in (issue 25)."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from reports import quality
from reports.layout import build_layout
from reports.models import Answer
from reports.workflow import report_transition
from tests.factories import NextStepFactory

from .review_support import fill_required

pytestmark = pytest.mark.django_db


def _answer(report, code, *, index=0, **fields):
    item = [i for i in build_layout(report).items() if i.question.code == code][index]
    return Answer.objects.create(
        report=report,
        question=item.question,
        priority=item.priority,
        next_step=item.next_step,
        **fields,
    )


def test_the_hub_links_each_problem_to_its_field(client, report, alice):
    _answer(report, "priority_progress", text="Same.", index=0)
    _answer(report, "priority_progress", text="Same.", index=1)
    NextStepFactory(report=report, title="Own", targets="")
    client.force_login(alice)
    html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    problems = quality.report_problems(build_layout(report))
    blocking = [p for p in problems if p.blocking]
    flags = [p for p in problems if not p.blocking]
    assert len(blocking) > 8 and len(flags) == 2

    def link(problem, text):
        url = reverse("reports:section", args=[report.pk, problem.section_order])
        return f'<a href="{url}#{problem.field_id}">{escape(text)}</a>'

    assert f"{len(blocking)} required questions are not answered yet: " in html
    assert ", ".join(link(p, p.item.display_number) for p in blocking[:8]) + "…</li>" in html
    for problem in flags:
        assert f"<li>{link(problem, problem.message)}</li>" in html


def test_a_draft_never_handed_in_has_no_steps_to_read(
    client, report, alice, focal, reviewer, django_assert_num_queries
):
    """A report's steps are read once it has been handed in (a submission, and any step
    after it); a draft never submitted has none: the hub spares the query (10 then 9)."""
    client.force_login(alice)
    url = reverse("reports:detail", args=[report.pk])
    client.get(url)
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
    fill_required(report)
    report_transition(report=report, user=focal, action="submit")
    report_transition(report=report, user=reviewer, action="return", reason="More.")
    with django_assert_num_queries(10):
        html = client.get(url).content.decode()
    assert 'id="transitions-title"' in html and "More." in html
