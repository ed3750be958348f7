"""The assignments page, the assignee's "Mark ready" and the contributor's other pages
(issue 24): the focal point, the contributor assigned, the contributor not assigned."""

import pytest
from django.urls import reverse

from reports.models import Assignment, AssignmentState, IndicatorValue
from tests.factories import ActivityFactory, IndicatorFactory

from .assignment_helpers import assign_question, contributor, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol(report):
    return contributor(report, "carol")


@pytest.fixture
def dan(report):
    return contributor(report, "dan", agency="Ministry of Public Security")


def _page(report):
    return reverse("reports:assignments", args=[report.pk])


def _action(report, assignment):
    return reverse("reports:assignment_action", args=[report.pk, assignment.pk])


def test_focal_point_assigns_from_the_page_without_script(client, report, focal, carol, dan):
    client.force_login(focal)
    page = client.get(_page(report))
    assert page.status_code == 200
    q = question(report, "highlights")
    response = client.post(
        _page(report),
        {"parts": [f"question:{q.pk}"], "people": [carol.pk, dan.pk], "due_on": "2023-03-31"},
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(question=q).count() == 2
    assert "Ministry of Public Security" in client.get(_page(report)).content.decode()


def test_assign_form_errors_keep_what_was_typed(client, report, focal, carol):
    client.force_login(focal)
    response = client.post(_page(report), {"people": [carol.pk], "note": "Figures of 2022"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body and "Figures of 2022" in body
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("who", ["alice", "carol", "charlie", "reviewer"])
def test_others_cannot_use_the_assignments_page(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_page(report)).status_code in (403, 404)
    assert client.post(_page(report), {}).status_code in (403, 404)


def test_contributor_marks_ready_and_focal_point_sends_back_with_a_note(
    client, report, focal, carol
):
    (a,) = assign_question(report, focal, [carol])
    client.force_login(carol)
    home = client.get(reverse("home")).content.decode()
    assert "Mark ready" in home
    assert client.post(_action(report, a), {"action": "ready"}).status_code == 302
    assert Assignment.objects.get(pk=a.pk).state == AssignmentState.READY
    assert client.post(_action(report, a), {"action": "accept"}).status_code == 403
    client.force_login(focal)
    empty = client.post(_action(report, a), {"action": "send_back", f"b{a.pk}-state_note": ""})
    assert empty.status_code == 400
    client.post(_action(report, a), {"action": "send_back", f"b{a.pk}-state_note": "More."})
    a.refresh_from_db()
    assert (a.state, a.state_note) == (AssignmentState.RETURNED, "More.")
    client.force_login(carol)
    assert "More." in client.get(reverse("home")).content.decode()


def test_other_contributor_cannot_mark_someone_elses_part(client, report, focal, carol, dan):
    (a,) = assign_question(report, focal, [carol])
    client.force_login(dan)
    assert client.post(_action(report, a), {"action": "ready"}).status_code == 404


def test_contributor_edits_only_an_assigned_activity(client, report, focal, carol):
    mine, other = ActivityFactory(report=report), ActivityFactory(report=report)
    client.force_login(carol)
    assert client.get(reverse("reports:activities", args=[report.pk])).status_code == 404
    from reports.services.assignments import assign

    assign(report=report, user=focal, kind="activity", target_id=mine.pk, assignees=[carol])
    listing = client.get(reverse("reports:activities", args=[report.pk])).content.decode()
    assert mine.title in listing and other.title not in listing
    edit = reverse("reports:activity_edit", args=[report.pk, mine.pk])
    assert client.get(edit).status_code == 200
    assert (
        client.get(reverse("reports:activity_edit", args=[report.pk, other.pk])).status_code == 404
    )
    assert client.get(reverse("reports:activity_add", args=[report.pk])).status_code == 404
    delete = reverse("reports:activity_delete", args=[report.pk, mine.pk])
    assert client.post(delete, {"revision": mine.revision}).status_code == 404


def test_contributor_writes_only_an_assigned_indicator(client, report, focal, carol):
    mine = IndicatorFactory(country=report.country, name="Victims identified")
    other = IndicatorFactory(country=report.country, name="Cases prosecuted")
    url = reverse("reports:indicators", args=[report.pk])
    client.force_login(carol)
    assert client.get(url).status_code == 404
    from reports.services.assignments import assign

    assign(report=report, user=focal, kind="indicator", target_id=mine.pk, assignees=[carol])
    page = client.get(url).content.decode()
    assert "Victims identified" in page and "Cases prosecuted" not in page
    crafted = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        f"ind-{other.pk}-value": "12",
        f"ind-{other.pk}-revision": "0",
    }
    client.post(url, crafted)
    assert not IndicatorValue.objects.filter(indicator=other).exists()


def test_evidence_upload_follows_the_parts(client, report, focal, carol):
    from django.core.files.uploadedfile import SimpleUploadedFile

    q = question(report, "highlights")
    url = reverse("reports:evidence_add", args=[report.pk, "question", q.pk])

    def upload():
        pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        return client.post(url, {"title": "Decree", "language": "en", "file": pdf})

    client.force_login(carol)
    assert client.get(url).status_code == 404
    assert upload().status_code == 404
    assign_question(report, focal, [carol])
    assert client.get(url).status_code == 200
    other = question(report, "challenges")
    other_url = reverse("reports:evidence_add", args=[report.pk, "question", other.pk])
    assert client.get(other_url).status_code == 404


def test_api_and_odata_serve_a_contributor_no_rows(client, report, focal, carol):
    assign_question(report, focal, [carol])
    client.force_login(carol)
    assert client.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    listing = client.get("/api/v1/reports/")
    assert listing.status_code == 200
    assert listing.json().get("count", 0) == 0
    feed = client.get(f"/odata/v4/{report.cycle.framework.slug}/Reports")
    assert feed.status_code in (200, 404)
    if feed.status_code == 200:
        assert feed.json()["value"] == []


@pytest.mark.parametrize("parts", [1, 3])
def test_assignments_page_queries_do_not_grow(
    client, report, focal, carol, dan, parts, django_assert_num_queries
):
    codes = ["highlights", "challenges", "lessons"][:parts]
    for code in codes:
        assign_question(report, focal, [carol, dan], code=code)
    client.force_login(focal)
    client.get(_page(report))
    # Session, user, roles, the report; the layout without answers (sections, questions,
    # choices, priorities, previous cycle, carried next steps); activities, indicators,
    # the assignments with their people, the people who may be assigned and their
    # memberships: the same for 2 and 6 assignments.
    with django_assert_num_queries(10):
        assert client.get(_page(report)).status_code == 200
