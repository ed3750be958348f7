"""The Submit confirmation page: focal point only, blocking problems, flags, the transition."""

import re

import pytest
from django.urls import reverse

from reports.models import Answer, ReportState
from tests.factories import NextStepFactory

from .entry_helpers import layout_of

pytestmark = pytest.mark.django_db


def fill_required(report):
    """Answer every required question of ``report``."""
    for it in layout_of(report).items():
        if not it.question.required:
            continue
        if it.question.kind == "next_steps":
            NextStepFactory(report=report)
        elif it.question.has_choices:
            value = [it.question.choices.first().value]
            if it.question.kind != "multiple_choice":
                value = value[0]
            Answer.objects.create(report=report, question=it.question, value=value)
        else:
            Answer.objects.create(
                report=report, question=it.question, priority=it.priority, text=f"Done {it.key}"
            )


def url(report):
    return reverse("reports:submit", args=[report.pk])


def test_only_the_focal_point_opens_submit(client, report, alice, reviewer, charlie, focal):
    for user, status in [(alice, 403), (reviewer, 404), (charlie, 404), (focal, 200)]:
        client.force_login(user)
        assert client.get(url(report)).status_code == status
    client.force_login(alice)
    assert client.post(url(report)).status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_missing_required_questions_are_listed_with_links_and_block(client, report, focal):
    client.force_login(focal)
    html = client.get(url(report)).content.decode()
    assert "The report cannot be submitted yet" in html
    first = next(i for i in layout_of(report).items() if i.question.required)
    assert f'href="/reports/{report.pk}/sections/1/#id_{first.key}"' in html
    response = client.post(url(report))
    assert response.status_code == 400
    assert "required questions are not answered yet" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_submit_button_is_disabled_with_the_reason_while_something_blocks(client, report, focal):
    client.force_login(focal)
    html = client.get(url(report)).content.decode()
    assert re.search(
        r'<button type="button" class="btn btn-success" disabled aria-describedby="submit-blocked"',
        html,
    )
    assert 'id="submit-blocked"' in html
    assert 'type="submit" class="btn btn-success"' not in html

    fill_required(report)
    html = client.get(url(report)).content.decode()
    assert 'type="submit" class="btn btn-success"' in html
    assert "disabled" not in html


def test_complete_report_is_submitted_and_becomes_read_only(client, report, focal):
    fill_required(report)
    client.force_login(focal)
    html = client.get(url(report)).content.decode()
    assert "cannot be submitted" not in html
    response = client.post(url(report), follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:detail", args=[report.pk])
    assert "The report was submitted" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    page = client.get(reverse("reports:section", args=[report.pk, 1])).content.decode()
    assert "<textarea" not in page
    assert client.get(url(report)).status_code == 403


def test_flags_are_shown_but_do_not_block(client, report, focal):
    fill_required(report)
    items = [i for i in layout_of(report).items() if i.priority]
    Answer.objects.filter(
        report=report, priority__in=[items[1].priority, items[2].priority]
    ).update(text="Same   text")
    report.next_steps.update(targets="")
    client.force_login(focal)
    html = client.get(url(report)).content.decode()
    assert "Questions 2, 3 have the same answer" in html
    assert "has no targets." in html
    assert client.post(url(report)).status_code == 302
