"""Downloads follow the reading rule: whoever may read a report may download its PDF and
exports; anyone else gets a 404, as for the report itself."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.documents import printer
from reports.models import Report, ReportState
from tests.factories import report_with_form

pytestmark = pytest.mark.django_db

# Session, user, report (with its revision), the reader's roles, its kept PDF.
QUERIES_TO_SERVE_A_KEPT_PDF = 5


@pytest.fixture(autouse=True)
def fast_render(monkeypatch):
    """What the PDF looks like is tested in documents/test_printer.py; here only who gets it."""
    monkeypatch.setattr(
        printer,
        "render_pdf",
        lambda report, language=None: f"%PDF-1.7 r{report.revision}".encode(),
    )


def submit(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.SUBMITTED, submitted_at=timezone.now()
    )


def test_it_serves_the_pdf_as_an_attachment_named_for_the_revision(client, report, alice):
    client.force_login(alice)
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{report.country.code}-2022-2023-r1.pdf"'
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.7 r1"


def test_the_report_page_links_to_the_downloads(client, report, bob):
    client.force_login(bob)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert reverse("reports:pdf", args=[report.pk]) in page
    for fmt in ("xlsx", "csv", "json"):
        assert reverse("reports:export", args=[report.pk, fmt]) in page
    assert reverse("reports:cycle_export", args=["2022-2023", "xlsx"]) in page


@pytest.mark.parametrize("url_name", ["pdf", "export"])
def test_it_validates_access(
    client, report, alice, bob, charlie, reviewer, other_reviewer, admin_user, url_name
):
    args = [report.pk] if url_name == "pdf" else [report.pk, "json"]
    url = reverse(f"reports:{url_name}", args=args)

    def status(user) -> int:
        client.logout()
        if user is not None:
            client.force_login(user)
        return client.get(url).status_code

    assert status(alice) == 200  # owner
    assert status(bob) == 200  # colleague
    assert status(admin_user) == 200
    assert status(charlie) == 404  # another country's focal point
    assert status(reviewer) == 404  # covers the country, but a never-submitted draft
    assert status(other_reviewer) == 404
    assert status(None) == 302  # anonymous: to the sign-in page
    submit(report)
    assert status(reviewer) == 200
    assert status(other_reviewer) == 404


def test_unknown_format_or_cycle_is_a_404(client, report, alice):
    client.force_login(alice)
    assert client.get(reverse("reports:export", args=[report.pk, "pdf"])).status_code == 404
    url = reverse("reports:cycle_export", args=["2030-2031", "json"])
    assert client.get(url).status_code == 404
    url = reverse("reports:cycle_export", args=["nonsense", "json"])
    assert client.get(url).status_code == 404


def test_cycle_export_holds_only_the_reports_the_user_may_read(
    client, report, alice, reviewer, admin_user
):
    other = report_with_form(priorities=1, cycle=report.cycle)
    url = reverse("reports:cycle_export", args=["2022-2023", "json"])

    def countries(user) -> list[str]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        return [r["country"]["code"] for r in json.loads(response.content)["reports"]]

    assert countries(alice) == [report.country.code]
    assert countries(reviewer) == []  # nothing handed in yet
    assert countries(admin_user) == sorted([report.country.code, other.country.code])
    submit(report)
    assert countries(reviewer) == [report.country.code]


def test_exports_download_with_their_content_type_and_name(client, report, alice):
    client.force_login(alice)
    stem = f"{report.country.code}-2022-2023-r1"
    for fmt, content_type in [
        ("json", "application/json"),
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ]:
        response = client.get(reverse("reports:export", args=[report.pk, fmt]))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{stem}.{fmt}"'
    response = client.get(reverse("reports:export", args=[report.pk, "csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["country_code"] == report.country.code


def test_pdf_download_never_answers_503_while_edits_keep_landing(
    client, report, alice, monkeypatch
):
    from reports.revisions import report_touch

    def render_while_someone_types(r, language=None):
        report_touch(report=Report.objects.get(pk=r.pk))
        return b"%PDF"

    monkeypatch.setattr(printer, "render_pdf", render_while_someone_types)
    client.force_login(alice)
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    # No PDF yet, and the worker's render met an edit: the page says it is being prepared
    # (the edit's own render, once the report is quiet, will keep it).
    assert response.status_code == 202
    assert response["Retry-After"] == "5"
    assert "being prepared" in response.content.decode()


def test_every_report_page_offers_the_pdf(client, report, alice):
    from django.urls import reverse

    client.force_login(alice)
    pdf = reverse("reports:pdf", args=[report.pk])
    for url in (
        reverse("reports:detail", args=[report.pk]),
        reverse("reports:section", args=[report.pk, 1]),
        reverse("reports:read", args=[report.pk]),
        reverse("reports:history", args=[report.pk]),
    ):
        assert pdf in client.get(url).content.decode(), url


def fill_the_disk(monkeypatch) -> None:
    """From now on every file written fails as on a full disk (tests/reports/documents/
    test_store.py shows that nothing partial is left)."""
    import errno

    from django.core.files.storage import FileSystemStorage

    def no_space(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", no_space)


@pytest.fixture
def full_disk(monkeypatch):
    fill_the_disk(monkeypatch)


def test_a_full_disk_offers_the_previous_pdf_labelled_with_its_revision(
    client, report, alice, monkeypatch, caplog
):
    from reports.revisions import report_touch

    client.force_login(alice)
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 200
    report_touch(report=report)
    fill_the_disk(monkeypatch)
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    # Not the old file as if it were the current one: a page that says the current
    # revision's cannot be made now, and offers revision 1 as what it is.
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "The PDF cannot be produced now" in page
    assert "The PDF of revision 2 of" in page
    assert "The last PDF kept shows revision 1, of" in page
    previous = reverse("reports:pdf_revision", args=[report.pk, 1])
    assert f'href="{previous}"' in page
    # The worker's render could not store the new one: logged, recorded, to be retried.
    assert any(r.name == "reports.documents.store" for r in caplog.records)

    old = client.get(previous)
    assert old.status_code == 200
    assert b"".join(old.streaming_content) == b"%PDF-1.7 r1"
    assert old["Content-Disposition"].endswith('-2022-2023-r1.pdf"')
    assert old["X-Document-Revision"] == "1"
    assert old["X-Document-Current-Revision"] == "2"


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "The PDF cannot be produced now"), ("vi", "Hiện không thể tạo tệp PDF")],
)
def test_a_full_disk_with_no_earlier_pdf_answers_503_in_the_site_layout(
    client, report, alice, full_disk, caplog, language, text
):
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    # Not "being prepared" for ever: the failed render is recorded for this revision.
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert '<main id="main"' in page and text in page
    assert 'http-equiv="refresh"' not in page
    assert 'data-status="503" data-interval="60"' in page
    assert reverse("reports:detail", args=[report.pk]) in page
    assert 'data-testid="pdf-previous"' not in page
    assert any(r.name == "reports.documents.store" for r in caplog.records)


def test_once_the_disk_has_room_the_current_pdf_is_kept_and_served(
    client, report, alice, monkeypatch
):
    from django.core.files.storage import FileSystemStorage

    from reports.models import KeptDocument

    real_save = FileSystemStorage._save
    client.force_login(alice)
    fill_the_disk(monkeypatch)
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 503
    failure = KeptDocument.objects.get()
    assert failure.failed_at is not None and not failure.file
    assert "No space left" in failure.error

    monkeypatch.setattr(FileSystemStorage, "_save", real_save)
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 r1"
    kept = KeptDocument.objects.get()
    assert kept.pk == failure.pk and kept.failed_at is None and kept.error == ""


def test_an_earlier_revision_no_longer_kept_leads_to_the_current_download(client, report, alice):
    client.force_login(alice)
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 200
    for revision in (1, 7):
        response = client.get(reverse("reports:pdf_revision", args=[report.pk, revision]))
        assert response.status_code == 302
        assert response["Location"] == reverse("reports:pdf", args=[report.pk])


def test_an_earlier_revision_follows_the_reading_rule(client, report, charlie, reviewer):
    for user in (charlie, reviewer):
        client.force_login(user)
        assert client.get(reverse("reports:pdf_revision", args=[report.pk, 1])).status_code == 404


@pytest.mark.parametrize("priorities", [1, 6])
def test_serving_a_kept_pdf_takes_the_same_queries_at_any_size(
    client, django_assert_num_queries, priorities
):
    from roadmap.models import Role
    from tests.factories import member

    report = report_with_form(priorities=priorities)
    user = member(report, Role.REPORTER)
    client.force_login(user)
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 200
    with django_assert_num_queries(QUERIES_TO_SERVE_A_KEPT_PDF):
        response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response.status_code == 200
