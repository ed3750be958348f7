"""Comment threads on an activity and on an indicator value: the same rules as threads on
a question (who may, notifications, open-thread counts), and a thread is on exactly one
thing."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.urls import reverse

from monitoring.selectors.board import board_rows
from reports.layout import build_layout
from reports.models import CommentThread, ReportState
from reports.selectors.threads import activity_key, figure_key, threads_by_item
from reports.services import comments
from roadmap.models import Role
from tests.factories import (
    ActivityFactory,
    IndicatorValueFactory,
    ReportFactory,
    member,
    secretariat_of,
)

from .review_support import put_in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(report):
    return put_in_state(report, ReportState.SUBMITTED)


@pytest.fixture
def activity(submitted):
    return ActivityFactory(report=submitted, title="Training in Hanoi")


@pytest.fixture
def figure(submitted):
    return IndicatorValueFactory(report=submitted, parts={"counselling": 541})


@pytest.fixture
def sam(submitted):
    return secretariat_of(submitted.cycle.framework, username="sam")


def post_thread(client, report, key, body="Which provinces?"):
    return client.post(reverse("reports:thread_new", args=[report.pk]), {"item": key, "body": body})


@pytest.mark.parametrize("who", ["alice", "bob", "focal", "reviewer", "sam"])
@pytest.mark.parametrize("target", ["activity", "figure"])
def test_country_and_reviewers_comment_on_an_activity_and_a_figure(
    request, client, submitted, activity, figure, who, target
):
    user = request.getfixturevalue(who)
    row = activity if target == "activity" else figure
    key = activity_key(row.pk) if target == "activity" else figure_key(row.pk)
    client.force_login(user)
    response = post_thread(client, submitted, key)
    thread = CommentThread.objects.get()
    assert response.status_code == 302
    assert (thread.activity, thread.indicator_value, thread.question) == (
        (activity, None, None) if target == "activity" else (None, figure, None)
    )
    assert thread_key_in_page(client, submitted, thread)


def thread_key_in_page(client, report, thread) -> bool:
    html = client.get(reverse("reports:read", args=[report.pk])).content.decode()
    return f'id="thread-{thread.pk}"' in html


@pytest.mark.parametrize("who", ["charlie", "other_reviewer"])
def test_outsiders_and_other_countries_reviewers_cannot(request, client, submitted, activity, who):
    client.force_login(request.getfixturevalue(who))
    assert post_thread(client, submitted, activity_key(activity.pk)).status_code == 404
    assert not CommentThread.objects.exists()


def test_reviewer_cannot_comment_on_a_draft_activity(client, report, reviewer):
    draft_activity = ActivityFactory(report=report)
    client.force_login(reviewer)
    assert post_thread(client, report, activity_key(draft_activity.pk)).status_code == 404


def test_an_activity_of_another_report_is_not_found(client, submitted, reviewer):
    elsewhere = ActivityFactory(report=ReportFactory())
    client.force_login(reviewer)
    assert post_thread(client, submitted, activity_key(elsewhere.pk)).status_code == 404
    assert post_thread(client, submitted, "a999999").status_code == 404
    assert post_thread(client, submitted, "vx").status_code == 404


def test_the_service_refuses_a_row_of_another_report(submitted, reviewer):
    elsewhere = ActivityFactory(report=ReportFactory())
    with pytest.raises(PermissionDenied):
        comments.thread_start(report=submitted, user=reviewer, activity=elsewhere, body="Hi")
    assert not CommentThread.objects.exists()


def test_a_thread_is_on_exactly_one_thing(submitted, activity, figure, reviewer):
    item = next(build_layout(submitted).items())
    with pytest.raises(IntegrityError):
        CommentThread.objects.create(
            report=submitted, created_by=reviewer, question=item.question, activity=activity
        )


def test_a_thread_on_nothing_is_refused(submitted, reviewer):
    with pytest.raises(IntegrityError):
        CommentThread.objects.create(report=submitted, created_by=reviewer)


def test_reply_and_resolve_a_thread_on_a_figure(client, submitted, figure, reviewer, alice):
    thread = comments.thread_start(
        report=submitted, user=reviewer, indicator_value=figure, body="Source?"
    )
    client.force_login(alice)
    reply = reverse("reports:thread_reply", args=[submitted.pk, thread.pk])
    assert client.post(reply, {"body": "The hotline's log."}).status_code == 302
    resolve = reverse("reports:thread_resolve", args=[submitted.pk, thread.pk])
    assert client.post(resolve, {"resolved": "1"}).status_code == 302
    thread.refresh_from_db()
    assert thread.comments.count() == 2 and thread.resolved_at is not None
    # The reply page names the figure.
    assert figure.indicator.name in client.get(reply).content.decode()


def test_a_reviewers_comment_on_an_activity_notifies_the_country(
    submitted, activity, reviewer, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comments.thread_start(report=submitted, user=reviewer, activity=activity, body="Where?")
    (message,) = [m for m in mail.outbox if m.to == [alice.email]]
    assert "Training in Hanoi" in message.body and "Where?" in message.body


def test_the_countrys_comment_on_a_figure_notifies_the_reviewers(
    submitted, figure, reviewer, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comments.thread_start(report=submitted, user=alice, indicator_value=figure, body="Fixed.")
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert figure.indicator.name in mail.outbox[0].body


def test_open_threads_on_rows_are_counted(client, submitted, activity, figure, reviewer):
    comments.thread_start(report=submitted, user=reviewer, activity=activity, body="Where?")
    comments.thread_start(report=submitted, user=reviewer, indicator_value=figure, body="How?")
    resolved = comments.thread_start(
        report=submitted, user=reviewer, indicator_value=figure, body="Ok?"
    )
    comments.thread_resolve(thread=resolved, user=reviewer)
    threads = threads_by_item(report=submitted)
    assert set(threads) == {activity_key(activity.pk), figure_key(figure.pk)}
    client.force_login(reviewer)
    read = client.get(reverse("reports:read", args=[submitted.pk]))
    layout = read.context["layout"]
    assert (layout.unresolved_activities, layout.unresolved_figures) == (1, 1)
    # The reviewer's queue counts every open thread of the report.
    queue = client.get(reverse("reports:queue")).content.decode()
    assert ">2</span>" in queue


def test_deleting_an_activity_takes_its_threads(submitted, activity, reviewer, alice):
    comments.thread_start(report=submitted, user=reviewer, activity=activity, body="Where?")
    activity.delete()
    assert not CommentThread.objects.exists()


def test_a_country_member_sees_the_form_to_comment_on_each_row(
    client, submitted, activity, figure, alice
):
    client.force_login(alice)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    assert f'value="{activity_key(activity.pk)}"' in html
    assert f'value="{figure_key(figure.pk)}"' in html


def test_a_reporter_of_another_role_in_the_country_is_a_colleague(submitted, activity):
    colleague = member(submitted, Role.REPORTER, username="carol")
    thread = comments.thread_start(
        report=submitted, user=colleague, activity=activity, body="Dates fixed."
    )
    assert thread.activity == activity


def test_open_threads_on_rows_are_named_in_the_warning_before_accept(
    client, submitted, activity, figure, reviewer
):
    comments.thread_start(report=submitted, user=reviewer, activity=activity, body="Where?")
    comments.thread_start(report=submitted, user=reviewer, indicator_value=figure, body="How?")
    client.force_login(reviewer)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    warning = html[html.index('data-testid="open-threads"') :]
    assert ">Activity</a>: " in warning and ">Indicator value</a>: " in warning
    assert "Question ?" not in warning


def test_the_entry_navigation_counts_open_threads_on_rows(client, submitted, activity, reviewer):
    comments.thread_start(report=submitted, user=reviewer, activity=activity, body="Where?")
    put_in_state(submitted, ReportState.RETURNED)
    focal = member(submitted, Role.FOCAL_POINT, username="fran")
    client.force_login(focal)
    html = client.get(reverse("reports:section", args=[submitted.pk, 1])).content.decode()
    assert 'data-testid="unresolved-rows"' in html
    assert "1 open comment on activities or indicator values" in html


def test_the_board_counts_open_threads_on_rows(submitted, activity, figure, reviewer, sam):
    comments.thread_start(report=submitted, user=reviewer, activity=activity, body="Where?")
    comments.thread_start(report=submitted, user=reviewer, indicator_value=figure, body="How?")
    rows = board_rows(user=sam, framework=submitted.cycle.framework, cycle=submitted.cycle)
    (row,) = [r for r in rows if r.country == submitted.country]
    assert row.open_threads == 2


def test_the_admin_lists_threads_on_rows(client, submitted, activity, reviewer, admin_user):
    comments.thread_start(report=submitted, user=reviewer, activity=activity, body="Where?")
    client.force_login(admin_user)
    html = client.get(reverse("admin:reports_commentthread_changelist")).content.decode()
    assert "Training in Hanoi" in html
