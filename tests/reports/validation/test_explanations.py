"""Warnings explained before submitting: the submit page lists them with the quality
flags and asks for an explanation of each; the workflow refuses a submission without;
the reviewer reads each beside its figure (reading view, PDF); frozen once handed in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import workflow
from reports.documents.printer import render_html
from reports.models import ReportState, WarningExplanation
from reports.selectors.validation import report_warnings
from reports.services.activities import ActivityData, activity_create
from reports.services.explanations import explanations_save
from tests.factories import ActivityFactory, IndicatorFactory, IndicatorValueFactory

from ..test_entry_submit import fill_required
from .helpers import RuleKind

pytestmark = pytest.mark.django_db

EXPLANATION = "The training began in 2019 and its last session fell in this cycle."


@pytest.fixture
def early(report):
    """Viet Nam's slip: an activity dated 5 January 2019 in the 2022-2023 report."""
    fill_required(report)
    return activity_create(
        report=report,
        data=ActivityData(title="Early training", kind="training", starts_on=dt.date(2019, 1, 5)),
    )


def submit_url(report):
    return reverse("reports:submit", args=[report.pk])


def _field(report) -> str:
    (warning,) = report_warnings(report=report)
    return f"explain-{warning.key}"


def test_the_submit_page_lists_the_warning_with_the_flags_and_a_box_to_explain_it(
    client, report, focal, early
):
    client.force_login(focal)
    html = client.get(submit_url(report)).content.decode()

    edit = reverse("reports:activity_edit", args=[report.pk, early.pk])
    assert f'href="{edit}#id_starts_on"' in html
    assert "Early training: This date lies outside the report&#x27;s period" in html
    assert f'name="{_field(report)}"' in html
    assert "nothing was flagged" not in html


def test_submitting_without_the_explanation_is_refused_at_its_box_keeping_the_text(
    client, report, focal, early
):
    # The factory's deadline (30 June 2023) is past: the reason of the delay is asked too.
    client.force_login(focal)

    response = client.post(submit_url(report), {"late_reason": "Floods.", _field(report): " "})

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[_field(report)] == ["Explain this warning before submitting."]
    assert form["late_reason"].value() == "Floods."
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_the_workflow_refuses_a_submission_with_an_unexplained_warning(report, focal, early):
    with pytest.raises(ValidationError, match="1 warning is not explained yet"):
        workflow.report_transition(report=report, user=focal, action="submit")


def test_submitted_with_the_explanation_once_however_often_sent(client, report, focal, early):
    client.force_login(focal)
    post = {_field(report): EXPLANATION}

    assert client.post(submit_url(report), post).status_code == 302
    client.post(submit_url(report), post)  # a retried request

    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    (kept,) = WarningExplanation.objects.filter(report=report)
    assert (kept.activity, kept.kind, kept.text) == (early, RuleKind.ACTIVITY_IN_CYCLE, EXPLANATION)
    assert kept.history.count() == 1  # the audit trail keeps it


def test_an_explanation_is_frozen_once_handed_in_and_editable_again_when_returned(
    report, focal, reviewer, early
):
    key = report_warnings(report=report)[0].key
    explanations_save(report=report, user=focal, texts={key: EXPLANATION})
    workflow.report_transition(report=report, user=focal, action="submit")
    kept = WarningExplanation.objects.get()

    kept.text = "Changed after submission"
    with pytest.raises(ValidationError, match="handed in"):
        kept.save()
    with pytest.raises(ValidationError, match="handed in"):
        explanations_save(report=report, user=focal, texts={key: "Changed"})

    workflow.report_transition(report=report, user=reviewer, action="return", reason="Check.")
    explanations_save(report=report, user=focal, texts={key: "Corrected explanation"})
    assert WarningExplanation.objects.get().text == "Corrected explanation"


@pytest.fixture
def explained(report, focal, early):
    key = report_warnings(report=report)[0].key
    explanations_save(report=report, user=focal, texts={key: EXPLANATION})
    workflow.report_transition(report=report, user=focal, action="submit")
    return report


def test_the_reviewer_reads_the_explanation_beside_the_activity(client, explained, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("reports:read", args=[explained.pk])).content.decode()

    row = html[html.index('id="activity-') : html.index("</tr>", html.index('id="activity-'))]
    assert "Early training" in row
    assert EXPLANATION in row


def test_the_pdf_prints_the_explanation_beside_the_activity(explained):
    html = render_html(explained)

    row = html[html.index("Early training") :]
    assert EXPLANATION in row[: row.index("</tr>")]


def _many(report, n: int) -> None:
    for i in range(n):
        ActivityFactory(report=report, title=f"Early {i}", starts_on=dt.date(2019, 1, 5 + i))
        IndicatorValueFactory(
            report=report, indicator=IndicatorFactory(country=report.country), source=""
        )


@pytest.mark.parametrize("n", [1, 8])
def test_the_submit_page_queries_do_not_grow_with_the_warnings(
    client, report, focal, n, django_assert_num_queries
):
    fill_required(report)
    _many(report, n)
    client.force_login(focal)
    # The page as before (14 queries, the activities' places among them) and the
    # warnings: 15. rules, 16. previous values, 17. explanations, 18. activities,
    # 19. indicator values, 20. their parts.
    with django_assert_num_queries(SUBMIT_PAGE_QUERIES):
        response = client.get(submit_url(report))
    assert len(response.context["explanation_rows"]) == 2 * n


SUBMIT_PAGE_QUERIES = 15  # the structure kept (issue 25): was 20


@pytest.mark.parametrize("n", [1, 8])
def test_the_reading_view_queries_do_not_grow_with_the_explanations(
    client, report, focal, reviewer, n, django_assert_num_queries
):
    fill_required(report)
    _many(report, n)
    texts = {w.key: f"Explained {w.key}" for w in report_warnings(report=report)}
    explanations_save(report=report, user=focal, texts=texts)
    workflow.report_transition(report=report, user=focal, action="submit")
    client.force_login(reviewer)
    # As tests/reports/test_review_pages.py counts it (evidence files included), without
    # its threads' comments (one query fewer) and with the explanations, read when a rule
    # warns (one more), whatever their number.
    with django_assert_num_queries(READING_VIEW_QUERIES):
        html = client.get(reverse("reports:read", args=[report.pk])).content.decode()
    assert html.count('data-testid="rule-explanation"') == 2 * n
    assert "Explained" in html


# With the agencies (issue 24), the structure kept and the warnings read on the rows
# already loaded (issue 25: was 22).
READING_VIEW_QUERIES = 19
