"""PDFs off the request path: a transition renders both languages in a job, edits renew
the PDF once the report has been quiet for a while, and a download never renders: it
serves the newest kept PDF at once (saying which revision it shows) or a page that says
it is being prepared."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from reports import workflow
from reports.documents import printer
from reports.documents.report_pdf import pdf_for
from reports.models import KeptDocument, ReportState
from reports.revisions import report_touch
from tests.factories import report_with_form

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
    return {(d.revision, d.language) for d in KeptDocument.objects.filter(subject_id=report.pk)}


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


def url(report):
    return reverse("reports:pdf", args=[report.pk])


def test_a_download_during_editing_says_so_and_offers_the_previous_pdf_by_revision(
    client, report, alice, queued_jobs, renders
):
    pdf_for(report=report, language="en")
    kept_revision = report.revision
    report_touch(report=report)  # someone edits: a new revision, no PDF of it yet
    renders.clear()
    client.force_login(alice)

    response = client.get(url(report))

    # Never the old file as if it were the current one: the "being prepared" page, which
    # names the revision being made and offers the kept one labelled as what it is.
    assert response.status_code == 202
    assert response["Retry-After"] == "5"
    assert 'data-interval="5"' in response.text
    assert f"The PDF of revision {report.revision} of" in response.text
    assert f"The last PDF kept shows revision {kept_revision}, of" in response.text
    previous = reverse("reports:pdf_revision", args=[report.pk, kept_revision])
    assert f'href="{previous}"' in response.text
    assert f"Download revision {kept_revision} of" in response.text
    assert renders == []  # the download never renders
    assert HUEY.pending_count() == 1  # the worker will

    old = client.get(previous)
    assert old["X-Document-Revision"] == str(kept_revision)
    assert f"-r{kept_revision}.pdf" in old["Content-Disposition"]

    queued_jobs.run()
    response = client.get(url(report))
    assert response["X-Document-Revision"] == str(report.revision)
    assert f"-r{report.revision}.pdf" in response["Content-Disposition"]


def test_with_no_pdf_yet_a_page_says_it_is_being_prepared_and_checks_again(
    client, report, alice, queued_jobs
):
    client.force_login(alice)
    response = client.get(url(report))

    assert response.status_code == 202
    assert 'data-interval="5"' in response.text
    assert "The PDF is being prepared" in response.text

    queued_jobs.run()
    response = client.get(url(report))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_two_downloads_before_the_worker_runs_render_once(
    client, report, alice, queued_jobs, renders
):
    client.force_login(alice)
    client.get(url(report))
    client.get(url(report))
    queued_jobs.run()
    assert renders == [(report.pk, "en")]


@pytest.mark.parametrize("priorities", [5, 30])
def test_a_download_takes_the_same_queries_for_a_bigger_report(
    client, priorities, queued_jobs, django_assert_num_queries
):
    from roadmap.models import Role
    from tests.factories import member, report_with_form

    report = report_with_form(priorities=priorities)
    reader = member(report, Role.REPORTER)
    pdf_for(report=report, language="en")
    client.force_login(reader)
    # Session, user, report, roles, kept PDF: as for any kept PDF.
    with django_assert_num_queries(5):
        response = client.get(url(report))
    assert response.status_code == 200


def test_render_report_queue_leaves_the_cycles_pdfs_to_the_workers(report, queued_jobs, renders):
    other = report_with_form(priorities=1, cycle=report.cycle)
    out = io.StringIO()
    call_command("render_report", "--cycle", "2022-2023", "--queue", stdout=out)
    assert "2 render job(s) queued" in out.getvalue()
    assert renders == []  # nothing rendered by the command itself
    assert len(HUEY) == 2

    assert queued_jobs.run() == 2

    for shown in (report, other):
        assert revisions_kept(shown) == {(1, "en"), (1, "vi")}


def test_queuing_a_cycle_again_renders_nothing_twice(report, queued_jobs, renders):
    call_command("render_report", "--all", "--cycle", "2022-2023", "--queue", stdout=io.StringIO())
    queued_jobs.run()
    assert len(renders) == 2

    call_command("render_report", "--cycle", "2022-2023", "--queue", stdout=io.StringIO())
    assert queued_jobs.run() == 1
    assert len(renders) == 2  # the kept revision is skipped


def test_render_report_queue_in_one_language(report, queued_jobs, renders):
    out = io.StringIO()
    call_command("render_report", "--cycle", "2022-2023", "--queue", "--language", "vi", stdout=out)
    assert "1 render job(s) queued" in out.getvalue()
    queued_jobs.run()
    assert revisions_kept(report) == {(1, "vi")}


def test_the_waiting_page_never_reloads_itself_and_offers_check_again_and_pause(
    client, report, alice, queued_jobs
):
    """No <meta refresh> (WCAG 2.2.1, axe's meta-refresh): its own script checks, with a
    button to pause it and a polite live region; without script, "Check again"."""
    client.force_login(alice)
    page = client.get(url(report)).text

    assert 'http-equiv="refresh"' not in page
    assert '<script src="/static/js/pdf-wait.js" defer></script>' in page
    assert f'data-pdf-wait data-url="{url(report)}" data-status="202"' in page
    assert f'<a class="btn btn-primary" href="{url(report)}" data-testid="check-again">' in page
    assert "Check again</a>" in page
    assert "This page does not reload itself" in page
    assert 'type="button"' in page and "Pause automatic checking</button>" in page
    assert 'data-resume="Resume automatic checking"' in page
    assert '<p role="status" data-pdf-wait-live' in page
    assert "?reload=0" not in page  # the old link that stopped the refresh is gone
    # An old bookmark of that link still answers the page.
    assert client.get(url(report), {"reload": "0"}).status_code == 202


def test_the_waiting_pages_script_may_ask_with_head(client, report, alice, queued_jobs):
    """What the script asks every few seconds: the same answer as a GET, without a body;
    once the worker has kept the PDF, 200."""
    client.force_login(alice)
    waiting = client.head(url(report))
    assert waiting.status_code == 202
    assert waiting["Retry-After"] == "5"
    assert waiting.content == b""

    queued_jobs.run()
    ready = client.head(url(report))
    assert ready.status_code == 200
    assert ready["Content-Type"] == "application/pdf"
    assert ready["X-Document-Revision"] == str(report.revision)
