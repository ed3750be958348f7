"""A reporter tells the focal point the report is ready: the focal points hear of it once
(in their language), the hub says so and who submits; no change of state."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from reports.handover_models import ReadyForFocalPoint
from reports.models import Notice, NoticeKind, ReportState
from reports.revisions import report_touch
from roadmap.models import Role
from tests.factories import member
from tests.reports.assignment_support import contributor

pytestmark = pytest.mark.django_db


def mark(client, report, person, capture):
    client.force_login(person)
    with capture(execute=True):
        return client.post(reverse("reports:report_ready", args=[report.pk]))


def test_the_reporter_tells_the_focal_points_once(
    client, report, alice, focal, django_capture_on_commit_callbacks
):
    second_focal = member(report, Role.FOCAL_POINT, username="fred")
    for _n in range(2):  # a double click, or a retried POST
        response = mark(client, report, alice, django_capture_on_commit_callbacks)
        assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([focal.email, second_focal.email])
    assert Notice.objects.filter(kind=NoticeKind.HANDOVER).count() == 2
    assert ReadyForFocalPoint.objects.get().by == alice
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT  # only the focal point submits


def test_after_a_change_the_reporter_may_tell_again(
    client, report, alice, focal, django_capture_on_commit_callbacks
):
    mark(client, report, alice, django_capture_on_commit_callbacks)
    report_touch(report=report)
    mark(client, report, alice, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2 and ReadyForFocalPoint.objects.count() == 2


def test_the_mail_comes_in_the_focal_points_language(
    client, report, alice, focal, django_capture_on_commit_callbacks
):
    report.country.language = "vi"
    report.country.save()
    mark(client, report, alice, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "Sẵn sàng" in message.subject


@pytest.mark.parametrize("who", ["focal", "reviewer", "charlie", "contributor"])
def test_only_a_reporter_marks_it_ready(client, report, focal, reviewer, charlie, who):
    person = {
        "focal": focal,
        "reviewer": reviewer,
        "charlie": charlie,
        "contributor": contributor(report),
    }[who]
    client.force_login(person)
    response = client.post(reverse("reports:report_ready", args=[report.pk]))
    assert response.status_code in (403, 404)
    assert not ReadyForFocalPoint.objects.exists()


def test_not_once_the_report_is_handed_in(client, report, alice):
    report.state = ReportState.SUBMITTED
    report.save()
    client.force_login(alice)
    assert client.post(reverse("reports:report_ready", args=[report.pk])).status_code == 403


def test_the_hub_says_who_submits_and_who_marked_it_ready(
    client, report, alice, focal, django_capture_on_commit_callbacks
):
    focal.first_name, focal.last_name = "Fiona", "Nguyen"
    focal.save()
    client.force_login(alice)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Only the focal point, Fiona Nguyen, submits this report." in page
    assert 'data-testid="mark-ready"' in page and 'data-testid="ready-mark"' not in page

    mark(client, report, alice, django_capture_on_commit_callbacks)
    client.force_login(focal)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    name = alice.get_full_name() or alice.username
    assert f"Marked ready for the focal point by {name} on" in page
    assert 'data-testid="mark-ready"' not in page  # the focal point submits instead
    assert 'data-testid="owed-link"' in page


def test_reviewers_see_no_handover_box(client, report, reviewer):
    report.state = ReportState.SUBMITTED
    report.save()
    client.force_login(reviewer)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'data-testid="handover"' not in page
