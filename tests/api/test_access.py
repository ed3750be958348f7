"""The API reads exactly what the portal's pages let a person read: the country's staff
their country's reports (drafts too), a reviewer their countries' reports once handed in
(never a draft's text), the secretariat its framework's handed-in reports, admins all;
someone with no role nothing."""

from __future__ import annotations

import pytest

from reports.models import ReportState
from tests.api.support import IN_REPORT, rows, world
from tests.reports.review_support import handed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return world()


def report_ids(client, user, resource: str) -> set[int]:
    key = "id" if resource == "reports" else "report"
    return {row[key] for row in rows(client, user, f"/api/v1/{resource}/")}


@pytest.mark.parametrize("resource", ["reports", *IN_REPORT])
def test_country_staff_read_their_draft_and_nothing_else(client, w, resource):
    assert report_ids(client, w.owner, resource) == {w.draft.pk}
    assert report_ids(client, w.colleague, resource) == {w.draft.pk}


@pytest.mark.parametrize("resource", ["reports", *IN_REPORT])
def test_outsider_reads_no_report(client, w, resource):
    assert report_ids(client, w.outsider, resource) == set()


@pytest.mark.parametrize("resource", ["reports", *IN_REPORT])
def test_reviewer_reads_a_report_only_once_handed_in(client, w, resource):
    assert report_ids(client, w.reviewer, resource) == set()
    handed_in(w.draft)
    assert report_ids(client, w.reviewer, resource) == {w.draft.pk}
    # Returned for revision, it stays readable (as on the pages): it was handed in.
    handed_in(w.draft, ReportState.RETURNED)
    assert report_ids(client, w.reviewer, resource) == {w.draft.pk}


@pytest.mark.parametrize("resource", ["reports", *IN_REPORT])
def test_secretariat_reads_its_frameworks_handed_in_reports(client, w, resource):
    assert report_ids(client, w.secretariat, resource) == {w.other.pk}
    handed_in(w.draft)
    assert report_ids(client, w.secretariat, resource) == {w.draft.pk, w.other.pk}


@pytest.mark.parametrize("resource", ["reports", *IN_REPORT])
def test_admin_reads_every_report(client, w, resource):
    assert report_ids(client, w.admin, resource) == {w.draft.pk, w.other.pk}


def test_a_drafts_text_never_reaches_a_reviewer(client, w):
    client.force_login(w.reviewer)
    found = client.get(f"/api/v1/answers/?report={w.draft.pk}").json()["results"]
    assert found == []
    detail = client.get(f"/api/v1/reports/{w.draft.pk}/")
    assert detail.status_code == 404
    body = client.get("/api/v1/files/answers.csv").content.decode("utf-8-sig")
    assert f"Typed in {w.draft.country}" not in body


def test_roadmaps_and_indicators_follow_the_countries(client, w):
    codes = lambda user, resource: {r["country"] for r in rows(client, user, resource)}  # noqa: E731
    draft_country, other_country = w.draft.country.code, w.other.country.code
    for resource in ("/api/v1/roadmaps/", "/api/v1/priorities/", "/api/v1/indicators/"):
        assert codes(w.owner, resource) == {draft_country}
        assert codes(w.reviewer, resource) == {draft_country}
        assert codes(w.outsider, resource) == set()
        assert codes(w.secretariat, resource) == {draft_country, other_country}
    assert {r["code"] for r in rows(client, w.outsider, "/api/v1/countries/")} == {
        w.outsider.memberships.get().country.code
    }
    assert rows(client, w.outsider, "/api/v1/frameworks/") == []
    assert [r["code"] for r in rows(client, w.owner, "/api/v1/frameworks/")] == ["alliance87"]


def test_the_board_answers_as_its_page(client, w):
    handed_in(w.draft)
    client.force_login(w.owner)
    assert client.get("/api/v1/board/?framework=alliance87").status_code == 404
    board = rows(client, w.reviewer, "/api/v1/board/?framework=alliance87&cycle=2022-2023")
    assert [r["country"] for r in board] == [w.draft.country.code]
    assert board[0]["status"] == ReportState.SUBMITTED
    everyone = rows(client, w.secretariat, "/api/v1/board/?framework=alliance87&cycle=2022-2023")
    assert {r["country"] for r in everyone} == {w.draft.country.code, w.other.country.code}


def test_the_board_hides_a_drafts_threads_from_its_reviewer(client, w):
    board = rows(client, w.reviewer, "/api/v1/board/?framework=alliance87&cycle=2022-2023")
    assert board[0]["status"] == ReportState.DRAFT
    assert board[0]["open_threads"] is None
