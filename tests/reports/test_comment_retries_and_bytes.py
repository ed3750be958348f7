"""Comments as people post them: the same form sent twice (a retried request, a double
click) posts once and mails once; bytes that are not UTF-8 are refused at the field, as
the entry pages refuse them, and nothing is posted."""

from __future__ import annotations

import uuid
from urllib.parse import quote, urlencode

import pytest
from django.core import mail
from django.urls import reverse

from reports.layout import build_layout
from reports.models import Comment, CommentThread, ReportState
from reports.services import comments

from .review_support import put_in_state

pytestmark = pytest.mark.django_db

DAMAGED = "Hà Nam".encode("latin-1")  # not UTF-8


@pytest.fixture
def submitted(report):
    return put_in_state(report, ReportState.SUBMITTED)


def first_item(report):
    return next(build_layout(report).items())


def new_thread_url(report) -> str:
    return reverse("reports:thread_new", args=[report.pk])


def test_the_same_comment_posted_twice_opens_one_thread_and_sends_one_mail(
    client, submitted, reviewer, alice, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    data = {"item": first_item(submitted).key, "body": "Which provinces?", "key": uuid.uuid4()}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(new_thread_url(submitted), data)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(new_thread_url(submitted), data)

    thread = CommentThread.objects.get()
    assert thread.comments.count() == 1
    assert first["Location"] == again["Location"] == thread.get_absolute_url()
    assert len(mail.outbox) == 1


def test_the_same_reply_posted_twice_is_one_reply_and_one_mail(
    client, submitted, reviewer, alice, django_capture_on_commit_callbacks
):
    thread = comments.thread_start(
        report=submitted, user=reviewer, item=first_item(submitted), body="Which provinces?"
    )
    client.force_login(alice)
    url = reverse("reports:thread_reply", args=[submitted.pk, thread.pk])
    data = {"body": "Hà Nội and Huế.", "key": uuid.uuid4()}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
        client.post(url, data)

    assert list(thread.comments.values_list("body", flat=True)) == [
        "Which provinces?",
        "Hà Nội and Huế.",
    ]
    assert len(mail.outbox) == 1


def test_two_forms_with_their_own_keys_post_two_comments(submitted, reviewer):
    item = first_item(submitted)
    for body in ("One.", "Two."):
        comments.thread_start(
            report=submitted, user=reviewer, item=item, body=body, key=uuid.uuid4()
        )
    assert CommentThread.objects.count() == 2


def test_a_key_is_only_ever_the_authors_own(submitted, reviewer, alice):
    key = uuid.uuid4()
    item = first_item(submitted)
    comments.thread_start(report=submitted, user=reviewer, item=item, body="Mine.", key=key)
    comments.thread_start(report=submitted, user=alice, item=item, body="Hers.", key=key)
    assert sorted(Comment.objects.values_list("body", flat=True)) == ["Hers.", "Mine."]


def test_the_pages_comment_forms_carry_a_fresh_key(client, submitted, reviewer):
    comments.thread_start(
        report=submitted, user=reviewer, item=first_item(submitted), body="Which?"
    )
    client.force_login(reviewer)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    keys = [part.split('"', 1)[0] for part in html.split('name="key" value="')[1:]]
    assert len(keys) > 2 and len(set(keys)) == len(keys)
    assert all(uuid.UUID(k) for k in keys)


def post_raw(client, url: str, data: dict, body_bytes: bytes):
    encoded = urlencode(data) + "&body=" + quote(b"Work in " + body_bytes)
    return client.post(url, encoded, content_type="application/x-www-form-urlencoded")


def test_a_comment_with_bytes_that_are_not_utf8_is_refused_at_the_field(
    client, submitted, reviewer
):
    client.force_login(reviewer)
    response = post_raw(
        client, new_thread_url(submitted), {"item": first_item(submitted).key}, DAMAGED
    )

    assert response.status_code == 400
    assert "not sent as UTF-8" in " ".join(response.context["form"].errors["body"])
    # What arrived stays in the field, the unreadable bytes shown as �.
    assert "Work in H\ufffd Nam" in response.context["form"]["body"].value()
    assert not CommentThread.objects.exists()


def test_a_reply_with_bytes_that_are_not_utf8_is_refused_at_the_field(
    client, submitted, reviewer, alice
):
    thread = comments.thread_start(
        report=submitted, user=reviewer, item=first_item(submitted), body="Which?"
    )
    client.force_login(alice)
    url = reverse("reports:thread_reply", args=[submitted.pk, thread.pk])
    response = post_raw(client, url, {}, DAMAGED)

    assert response.status_code == 400
    assert "not sent as UTF-8" in " ".join(response.context["form"].errors["body"])
    assert thread.comments.count() == 1


def test_a_pasted_replacement_character_is_an_ordinary_character(client, submitted, reviewer):
    client.force_login(reviewer)
    data = {"item": first_item(submitted).key, "body": "Child \ufffdabour"}
    assert client.post(new_thread_url(submitted), data).status_code == 302
    assert Comment.objects.get().body == "Child \ufffdabour"


def test_two_copies_arriving_together_make_one_thread(submitted, reviewer, monkeypatch):
    """The second copy looks before the first has committed (it finds nothing), then its
    insert meets the unique key: it answers with the first copy's thread."""
    key = uuid.uuid4()
    item = first_item(submitted)
    first = comments.thread_start(report=submitted, user=reviewer, item=item, body="Hi", key=key)
    monkeypatch.setattr(comments, "_posted_before", lambda **_kwargs: None)
    again = comments.thread_start(report=submitted, user=reviewer, item=item, body="Hi", key=key)
    assert again == first
    assert CommentThread.objects.count() == 1 and Comment.objects.count() == 1


def test_two_replies_arriving_together_make_one_reply(submitted, reviewer, alice, monkeypatch):
    thread = comments.thread_start(
        report=submitted, user=reviewer, item=first_item(submitted), body="Which?"
    )
    key = uuid.uuid4()
    first = comments.comment_add(thread=thread, user=alice, body="These.", key=key)
    monkeypatch.setattr(comments, "_posted_before", lambda **_kwargs: None)
    assert comments.comment_add(thread=thread, user=alice, body="These.", key=key) == first
    assert thread.comments.count() == 2
