"""The evidence pages: attach (errors beside the field, the title kept), download (the
report's reading rule exactly, safe headers), remove; the pages listing files cost the
same number of queries however many files there are."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Evidence, Report, ReportState
from reports.services.evidence import EvidenceTarget, evidence_add
from tests.factories import ActivityFactory, IndicatorValueFactory, secretariat_of
from tests.reports import evidence_samples as samples
from tests.reports.test_evidence_service import question_of

pytestmark = pytest.mark.django_db


def add_url(report, kind, pk):
    return reverse("reports:evidence_add", args=[report.pk, kind, pk])


def attached(report, user, title="Survey of child labour", **target) -> Evidence:
    target = target or {"question": question_of(report)}
    return evidence_add(
        report=report,
        user=user,
        target=EvidenceTarget(**target),
        title=title,
        language="en",
        upload=samples.upload("survey.pdf", samples.pdf()),
    )


def hand_in(report, state=ReportState.SUBMITTED):
    Report.objects.filter(pk=report.pk).update(state=state, submitted_at=timezone.now())


def post_file(
    client, url, content, *, title="Hotline call records 2022", name="calls.pdf", key=None
):
    return client.post(
        url,
        {
            "title": title,
            "language": "vi",
            "file": samples.upload(name, content),
            "key": str(key or uuid.uuid4()),
        },
    )


def test_owner_attaches_a_pdf_to_an_activity(client, report, alice):
    activity = ActivityFactory(report=report)
    client.force_login(alice)
    page = client.get(reverse("reports:activities", args=[report.pk])).content.decode()
    assert add_url(report, "activity", activity.pk) in page
    response = post_file(client, add_url(report, "activity", activity.pk), samples.pdf())
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.activity, evidence.language) == (activity, "vi")
    page = client.get(reverse("reports:activities", args=[report.pk])).content.decode()
    assert "Hotline call records 2022" in page


def test_a_file_of_the_wrong_type_is_refused_beside_the_field_with_the_title_kept(
    client, report, alice
):
    client.force_login(alice)
    url = add_url(report, "question", question_of(report).pk)
    response = post_file(client, url, b"MZ\x90\x00 a program", name="report.pdf")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_file_error"' in html and "not by its name" in html
    assert 'value="Hotline call records 2022"' in html
    assert 'id="error-summary"' in html
    assert not Evidence.objects.exists()


def test_the_page_states_the_limit_and_refuses_a_larger_file(client, report, alice, settings):
    settings.EVIDENCE_MAX_BYTES = 2048
    client.force_login(alice)
    url = add_url(report, "question", question_of(report).pk)
    assert "2.0\xa0KB" in client.get(url).content.decode()
    response = post_file(client, url, b"%PDF-1.4" + b"0" * 4096)
    assert response.status_code == 400
    assert "larger than 2.0\xa0KB" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (samples.plain_zip(), "survey.pdf", "Archives"),
        (samples.docm(), "case-study.docx", "macros"),
        (samples.ole_doc(), "report.doc", "old Office file"),
    ],
)
def test_each_refusal_is_said_on_the_page(client, report, alice, content, name, words):
    client.force_login(alice)
    response = post_file(
        client, add_url(report, "question", question_of(report).pk), content, name=name
    )
    assert response.status_code == 400 and words in response.content.decode()


def test_a_retried_upload_keeps_one_file(client, report, alice):
    client.force_login(alice)
    url = add_url(report, "question", question_of(report).pk)
    key = uuid.uuid4()
    assert post_file(client, url, samples.pdf(), key=key).status_code == 302
    assert post_file(client, url, samples.pdf(), key=key).status_code == 302
    assert Evidence.objects.count() == 1


def test_a_target_of_another_report_is_not_found(client, report, alice):
    from tests.factories import report_with_form

    other = ActivityFactory(report=report_with_form(priorities=1))
    client.force_login(alice)
    assert client.get(add_url(report, "activity", other.pk)).status_code == 404
    assert client.get(add_url(report, "nothing", 1)).status_code == 404


def test_download_follows_the_reading_rule(client, report, alice, bob, charlie, reviewer):
    evidence = attached(report, alice)
    url = reverse("reports:evidence", args=[report.pk, evidence.pk])
    for user, status in ((alice, 200), (bob, 200), (charlie, 404), (reviewer, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
    secretariat = secretariat_of(report.cycle.framework)
    client.force_login(secretariat)
    assert client.get(url).status_code == 404
    hand_in(report)
    for user in (reviewer, secretariat):
        client.force_login(user)
        assert client.get(url).status_code == 200
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    # Another report's id with this file's id: not found either.
    client.force_login(alice)
    assert (
        client.get(reverse("reports:evidence", args=[report.pk + 1000, evidence.pk])).status_code
        == 404
    )


def test_a_download_is_an_attachment_with_a_safe_name_and_no_sniffing(client, report, alice):
    evidence = attached(report, alice, title='Báo cáo "Đánh giá" 2022/23; x\r\nSet-Cookie: a')
    client.force_login(alice)
    response = client.get(reverse("reports:evidence", args=[report.pk, evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(
        'attachment; filename="Bao-cao-Danh-gia-2022-23-x-Set-Cookie-a.pdf"; '
    )
    assert "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22%C4%90%C3%A1nh" in disposition
    assert disposition.isascii() and "\n" not in disposition
    assert b"".join(response.streaming_content) == samples.pdf()


def test_owner_removes_a_file_of_a_draft_but_not_once_handed_in(client, report, alice, reviewer):
    first, second = attached(report, alice), attached(report, alice, title="Second")
    client.force_login(alice)
    url = reverse("reports:evidence_delete", args=[report.pk, first.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert list(Evidence.objects.all()) == [second]
    hand_in(report)
    url = reverse("reports:evidence_delete", args=[report.pk, second.pk])
    assert client.post(url).status_code == 403
    client.force_login(reviewer)
    assert client.post(url).status_code == 403
    assert Evidence.objects.count() == 1


def test_the_reading_view_lists_files_with_what_they_support(client, report, alice, reviewer):
    activity = ActivityFactory(report=report, title="Forum on commitments")
    attached(report, alice, title="Forum programme", activity=activity)
    attached(report, alice, title="MOLISA report")
    hand_in(report)
    client.force_login(reviewer)
    html = client.get(reverse("reports:read", args=[report.pk])).content.decode()
    assert "Forum programme" in html and "Activity: Forum on commitments" in html
    assert "MOLISA report" in html and "Question " in html


# -- the pages listing files: as many queries for 1 file as for 6 -----------------------


def _files(report, user, n):
    activity = ActivityFactory(report=report)
    value = IndicatorValueFactory(report=report)
    for i in range(n):
        attached(report, user, title=f"Q{i}")
        attached(report, user, title=f"A{i}", activity=activity)
        attached(report, user, title=f"V{i}", indicator_value=value)


@pytest.mark.parametrize("n", [1, 6])
def test_pages_listing_files_cost_the_same_queries_however_many_files(
    client, report, alice, n, django_assert_num_queries
):
    _files(report, alice, n)
    client.force_login(alice)
    section = question_of(report).section.order
    # Issue 25: the questionnaire's and roadmap's structure kept (reports.structure): the
    # section 15 -> 10, the reading view 27 -> 22, as tests/reports/test_entry_render.py pins;
    # then the section 10 -> 9, last cycle's answers kept (reports.previous_report).
    pages = [
        (reverse("reports:section", args=[report.pk, section]), 9),
        # The activities' areas, the indicator values' parts and the validation rules'
        # warnings add their fixed queries (their own tests count them one by one).
        (reverse("reports:activities", args=[report.pk]), 8),
        (reverse("reports:indicators", args=[report.pk]), 11),
        # The reading view reads the country's agencies too (who contributed what); its
        # warnings on the rows it has loaded, explained only if any (issue 25: was 22).
        (reverse("reports:read", args=[report.pk]), 18),
    ]
    for url, queries in pages:
        client.get(url)  # the session is warm for each measure alike
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("/evidence/") >= n
