"""PDFs off the request path: a transition renders both languages in a job, edits renew
the PDF once the report has been quiet for a while, and a download never renders: it
serves the newest kept PDF at once (saying which revision it shows) or a page that says
it is being prepared."""

from __future__ import annotations

import pytest
from huey.contrib.djhuey import HUEY

from reports import pdf as printer
from reports import workflow
from reports.models import RenderedPDF, ReportState
from reports.services import report_touch

from .review_support import put_in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Each PDF render, as (report id, language)."""
    done: list[tuple[int, str]] = []
    real = printer.render_pdf

    def counting(report, language=None):
        done.append((report.pk, language))
        return real(report, language)

    monkeypatch.setattr(printer, "render_pdf", counting)
    return done


def revisions_kept(report) -> set[tuple[int, str]]:
    return {(d.revision, d.language) for d in RenderedPDF.objects.filter(report=report)}


def test_a_transition_renders_both_languages_in_a_job(
    report, reviewer, queued_jobs, renders, django_capture_on_commit_callbacks
):
    put_in_state(report, ReportState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(report=report, user=reviewer, action="accept")
    assert renders == []  # not in the request

    queued_jobs.run()

    report.refresh_from_db()
    assert revisions_kept(report) == {(report.revision, "en"), (report.revision, "vi")}


def test_edits_renew_the_pdf_once_the_report_is_quiet(
    report, queued_jobs, renders, settings, django_capture_on_commit_callbacks
):
    settings.PDF_RENDER_DELAY = 20
    for _edit in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            report_touch(report=report)
    assert HUEY.pending_count() == 3  # one render per edit, each due 20 s after it

    assert queued_jobs.run(after=5) == 0  # the last edit is not 20 s old yet
    queued_jobs.run(after=21)

    # The two earlier renders found a newer edit and did nothing: one render per language.
    assert sorted(renders) == [(report.pk, "en"), (report.pk, "vi")]
    assert revisions_kept(report) == {(report.revision, "en"), (report.revision, "vi")}
