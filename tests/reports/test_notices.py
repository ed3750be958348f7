"""Every person sees the mail sent to them, and chooses its language and whether
deadline reminders come (mail about their reports' review always does)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from reports import workflow
from reports.models import MailPreference, ReportState
from reports.reminders import reminders_send
from roadmap.models import Role
from tests.factories import CycleFactory, ReportFactory, member

from .review_support import put_in_state

pytestmark = pytest.mark.django_db

URL = reverse("reports:notices")


@pytest.fixture
def draft():
    return ReportFactory(cycle=CycleFactory())


@pytest.fixture
def nina(draft):
    return member(draft, Role.FOCAL_POINT, username="nina")


def test_the_page_lists_the_mail_sent_to_the_person_only(client, draft, nina):
    other = member(draft, Role.REPORTER, username="omar")
    reminders_send(today=dt.date(2023, 6, 23))
    MailPreference.objects.create(user=other, reminders=False)
    client.force_login(nina)

    response = client.get(URL)

    assert response.status_code == 200
    notices = list(response.context["page"].object_list)
    assert [n.recipient for n in notices] == [nina]
    assert "is due in 7 days" in response.text
    assert reverse("reports:detail", args=[draft.pk]) in response.text


def test_switching_reminders_off_stops_them_but_not_review_mail(
    client, draft, nina, django_capture_on_commit_callbacks
):
    client.force_login(nina)
    response = client.post(URL, {"language": "", "reminders": ""})
    assert response.status_code == 302
    assert MailPreference.objects.get(user=nina).reminders is False

    reminders_send(today=dt.date(2023, 6, 23))
    assert mail.outbox == []

    reviewer = member(draft, Role.REVIEWER, username="rita")
    put_in_state(draft, ReportState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(report=draft, user=reviewer, action="return", reason="More.")
    assert [m.to for m in mail.outbox] == [[nina.email]]


def test_the_chosen_language_is_used_for_review_mail(
    client, draft, nina, django_capture_on_commit_callbacks
):
    client.force_login(nina)
    client.post(URL, {"language": "vi", "reminders": "on"})
    reviewer = member(draft, Role.REVIEWER, username="rita")
    put_in_state(draft, ReportState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.report_transition(report=draft, user=reviewer, action="accept")
    assert "được chấp nhận" in mail.outbox[0].subject


def test_an_unknown_language_is_refused_next_to_the_field(client, nina):
    client.force_login(nina)
    response = client.post(URL, {"language": "xx", "reminders": "on"})
    assert response.status_code == 400
    assert response.context["form"].errors["language"]
    assert not MailPreference.objects.exists()


@pytest.mark.parametrize("sent", [1, 12])
def test_the_page_takes_the_same_queries_for_more_mail(
    client, draft, nina, sent, django_assert_num_queries
):
    for n in range(sent):
        reminders_send(today=dt.date(2023, 7, 1) + dt.timedelta(weeks=n))
    client.force_login(nina)
    # Session, user, roles (nav), preference, count, page.
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == sent


def test_a_mail_in_another_language_than_the_page_says_so(client, draft, nina):
    """Nina's mail goes in Vietnamese, she reads the page in English: the subject and the
    message carry lang="vi", so a screen reader reads them with a Vietnamese voice."""
    MailPreference.objects.create(user=nina, language="vi")
    reminders_send(today=dt.date(2023, 6, 23))
    client.force_login(nina)
    client.cookies["django_language"] = "en"
    page = client.get(URL).content.decode()
    assert '<html lang="en">' in page
    assert '<strong lang="vi">' in page
    assert '<pre class="notice-body mb-0" lang="vi">' in page
