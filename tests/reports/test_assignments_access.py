"""A contributor reads and writes only the parts assigned to them (issue 24): the focal
point, the contributor assigned, the contributor not assigned, on every page of a report."""

import pytest
from django.urls import reverse

from reports import permissions
from reports.models import Answer
from reports.services.assignments import (
    assignment_accept,
    assignment_mark_ready,
    assignment_remove,
    assignment_send_back,
)

from .assignment_helpers import assign_question, contributor
from .entry_helpers import item, layout_of, section_data, section_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol(report):
    """A contributor from another agency, to be assigned."""
    return contributor(report, "carol")


@pytest.fixture
def dan(report):
    """A contributor of the same country never assigned anything."""
    return contributor(report, "dan", agency="Ministry of Public Security")


def _post(client, report, code="highlights", text="From the statistics office"):
    key = item(report, code).key
    return client.post(section_url(report, 3), section_data(report, 3, **{key: text}))


def _autosave(client, report, code="highlights", text="Autosaved"):
    key = item(report, code).key
    return client.post(
        section_url(report, 3, "reports:autosave"), section_data(report, 3, **{key: text})
    )


def _reading_urls(report):
    return [
        reverse("reports:detail", args=[report.pk]),
        reverse("reports:read", args=[report.pk]),
        reverse("reports:pdf", args=[report.pk]),
        reverse("reports:export", args=[report.pk, "csv"]),
        reverse("reports:export", args=[report.pk, "xlsx"]),
        reverse("reports:word_export", args=[report.pk]),
        reverse("reports:word_import", args=[report.pk]),
        reverse("reports:history", args=[report.pk]),
        reverse("reports:changes", args=[report.pk]),
    ]


def test_contributor_without_assignment_reaches_nothing(client, report, carol):
    client.force_login(carol)
    assert client.get(section_url(report, 3)).status_code == 404
    assert _post(client, report).status_code == 404
    assert _autosave(client, report).status_code == 404
    for url in _reading_urls(report):
        assert client.get(url).status_code == 404, url
    assert not Answer.objects.exists()


def test_assigned_contributor_writes_their_question_and_only_it(client, report, focal, carol):
    assign_question(report, focal, [carol])
    client.force_login(carol)
    page = client.get(section_url(report, 3)).content.decode()
    assert item(report, "highlights").key in page
    assert item(report, "challenges").key not in page  # same section, not assigned
    assert _post(client, report).status_code == 302
    assert Answer.objects.get(report=report).text == "From the statistics office"
    # A crafted post of an unassigned question of the same section writes nothing.
    _post(client, report, code="challenges", text="Crafted")
    assert not Answer.objects.filter(question__code="challenges").exists()
    assert _autosave(client, report, text="Autosaved").json()["ok"] is True
    # Other sections, the reading view, exports, PDF, Word: still closed.
    assert client.get(section_url(report, 4)).status_code == 404
    for url in _reading_urls(report):
        assert client.get(url).status_code == 404, url


def test_other_contributor_of_the_country_still_reaches_nothing(client, report, focal, carol, dan):
    assign_question(report, focal, [carol])
    client.force_login(dan)
    assert client.get(section_url(report, 3)).status_code == 404
    assert _post(client, report).status_code == 404


def test_removed_contributor_loses_the_part(client, report, focal, carol):
    (assignment,) = assign_question(report, focal, [carol])
    assignment_remove(assignment=assignment, user=focal, version=assignment.version)
    client.force_login(carol)
    assert client.get(section_url(report, 3)).status_code == 404
    assert _autosave(client, report).status_code == 404
    assert not Answer.objects.exists()


def test_accepted_part_is_read_only_to_its_contributor_until_sent_back(
    client, report, focal, carol
):
    (assignment,) = assign_question(report, focal, [carol])
    client.force_login(carol)
    _post(client, report, text="Handed in")
    assignment_mark_ready(assignment=assignment, user=carol)
    assignment_accept(assignment=assignment, user=focal)
    page = client.get(section_url(report, 3)).content.decode()
    assert "pf-section-form" not in page and 'data-testid="accepted-parts"' in page
    assert "Handed in" in page  # read, not written
    assert _post(client, report, text="Changed after acceptance").status_code == 403
    assert _autosave(client, report, text="Changed after acceptance").status_code == 403
    assert Answer.objects.get(report=report).text == "Handed in"
    assignment_send_back(assignment=assignment, user=focal, note="Add the 2023 figures.")
    assert _post(client, report, text="With the 2023 figures").status_code == 302
    assert Answer.objects.get(report=report).text == "With the 2023 figures"


def test_reporters_keep_editing_everything(client, report, focal, alice, carol):
    (assignment,) = assign_question(report, focal, [carol])
    assignment_mark_ready(assignment=assignment, user=carol)
    assignment_accept(assignment=assignment, user=focal)
    client.force_login(alice)
    assert _post(client, report, text="The reporter's text").status_code == 302
    assert _post(client, report, code="challenges", text="Also this").status_code == 302
    assert Answer.objects.filter(report=report).count() == 2


def test_api_and_odata_give_a_contributor_no_report_rows(report, focal, carol):
    assign_question(report, focal, [carol])
    assert not permissions.visible_reports(carol).exists()
    assert not permissions.can_view_report(carol, report)
    assert permissions.can_open_parts(carol, report)


def test_contributor_reads_the_help_page(client, report, carol):
    client.force_login(carol)
    assert client.get(reverse("help")).status_code == 200


def test_contributor_section_page_queries_do_not_grow_with_the_parts(
    client, report, focal, carol, django_assert_max_num_queries
):
    """Pinned at one and three assigned questions: the same count."""
    assign_question(report, focal, [carol])
    client.force_login(carol)
    client.get(section_url(report, 3))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(section_url(report, 3)).status_code == 200
    assign_question(report, focal, [carol], code="challenges")
    assign_question(report, focal, [carol], code="lessons")
    with CaptureQueriesContext(connection) as three:
        assert client.get(section_url(report, 3)).status_code == 200
    assert len(one) == len(three)


def test_priority_assignment_opens_only_that_prioritys_items(client, report, focal, carol):
    from reports.services.assignments import assign

    first, second = list(report.roadmap.priorities.order_by("pk"))[:2]
    assign(report=report, user=focal, kind="priority", target_id=first.pk, assignees=[carol])
    mine = item(report, "priority_progress", 0)
    other = next(
        i
        for i in layout_of(report).items()
        if i.question.code == "priority_progress" and i.priority.pk == second.pk
    )
    assert mine.priority.pk == first.pk
    client.force_login(carol)
    page = client.get(section_url(report, 1)).content.decode()
    assert mine.key in page and other.key not in page
    data = section_data(report, 1, **{mine.key: "Ours", other.key: "Not ours"})
    assert client.post(section_url(report, 1), data).status_code == 302
    assert set(Answer.objects.values_list("text", flat=True)) == {"Ours"}
    assert client.get(section_url(report, 3)).status_code == 404


def test_contributor_with_one_priority_accepted_and_one_sent_back_opens_the_section(
    client, report, focal, carol
):
    """One of the section's parts accepted, another still open: the form holds fewer items
    than the section (a 500 before: the page looked the smaller section up among the
    whole layout's)."""
    from reports.services.assignments import assign

    first, second = list(report.roadmap.priorities.order_by("pk"))[:2]
    accepted, sent_back = (
        assign(report=report, user=focal, kind="priority", target_id=p.pk, assignees=[carol])[0]
        for p in (first, second)
    )
    for assignment in (accepted, sent_back):
        assignment_mark_ready(assignment=assignment, user=carol)
    assignment_accept(assignment=accepted, user=focal)
    assignment_send_back(assignment=sent_back, user=focal, note="Name the provinces.")
    progress = {
        i.priority.pk: i
        for i in layout_of(report).items()
        if i.question.code == "priority_progress"
    }
    done, open_ = progress[first.pk], progress[second.pk]
    client.force_login(carol)
    response = client.get(section_url(report, 1))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{open_.key}"' in page and f'id="id_{done.key}"' not in page
    data = section_data(report, 1, **{open_.key: "With the provinces"})
    assert client.post(section_url(report, 1), data).status_code == 302
