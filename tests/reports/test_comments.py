"""Comment threads anchored on a question: start, reply, resolve; who may; how the entry
pages show them (the reads are tested in tests/reports/selectors/test_threads.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.layout import build_layout
from reports.models import Comment, CommentThread, ReportState
from reports.selectors.threads import threads_by_item
from reports.services import comments
from roadmap.models import Priority
from tests.factories import report_with_form

from .review_support import put_in_state

pytestmark = pytest.mark.django_db


def first_item(report):
    return next(build_layout(report).items())


@pytest.fixture
def submitted(report):
    return put_in_state(report, ReportState.SUBMITTED)


def test_reviewer_starts_a_thread_on_a_question(client, submitted, reviewer):
    item = first_item(submitted)
    client.force_login(reviewer)

    response = client.post(
        reverse("reports:thread_new", args=[submitted.pk]),
        {"item": item.key, "body": "Which provinces?"},
    )

    thread = CommentThread.objects.get()
    assert (thread.question, thread.priority, thread.created_by) == (
        item.question,
        item.priority,
        reviewer,
    )
    assert list(thread.comments.values_list("body", flat=True)) == ["Which provinces?"]
    assert response.status_code == 302
    assert response["Location"].endswith(f"#thread-{thread.pk}")


def test_comment_returns_to_the_page_it_was_posted_from(client, submitted, alice):
    item = first_item(submitted)
    client.force_login(alice)
    page = f"/reports/{submitted.pk}/sections/1/#{item.anchor}"
    response = client.post(
        reverse("reports:thread_new", args=[submitted.pk]),
        {"item": item.key, "body": "Done.", "next": page},
    )
    assert response["Location"] == page


def test_comment_never_redirects_off_site(client, submitted, alice):
    item = first_item(submitted)
    client.force_login(alice)
    response = client.post(
        reverse("reports:thread_new", args=[submitted.pk]),
        {"item": item.key, "body": "Done.", "next": "https://evil.example/"},
    )
    assert "evil" not in response["Location"]


def test_empty_comment_is_refused_at_the_field(client, submitted, reviewer):
    item = first_item(submitted)
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:thread_new", args=[submitted.pk]), {"item": item.key, "body": "  "}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["body"] == ["Please write a comment."]
    assert not CommentThread.objects.exists()


def test_comment_on_another_countrys_report_is_a_404(client, submitted, charlie, other_reviewer):
    item = first_item(submitted)
    for outsider in (charlie, other_reviewer):
        client.force_login(outsider)
        response = client.post(
            reverse("reports:thread_new", args=[submitted.pk]), {"item": item.key, "body": "Hi"}
        )
        assert response.status_code == 404
    assert not CommentThread.objects.exists()


def test_comment_on_a_question_not_in_the_report_is_a_404(client, submitted, reviewer):
    other = report_with_form(priorities=2, cycle=submitted.cycle)
    foreign_item = first_item(other)  # a priority of another country's roadmap
    client.force_login(reviewer)
    for key in (foreign_item.key, "q999999", "nonsense"):
        response = client.post(
            reverse("reports:thread_new", args=[submitted.pk]), {"item": key, "body": "Hi"}
        )
        assert response.status_code == 404, key
    assert not CommentThread.objects.exists()


def test_reply_and_resolve_and_open_again(client, submitted, reviewer, alice):
    thread = comments.thread_start(
        report=submitted, user=reviewer, item=first_item(submitted), body="Which provinces?"
    )
    client.force_login(alice)
    client.post(reverse("reports:thread_reply", args=[submitted.pk, thread.pk]), {"body": "Nine."})
    client.post(reverse("reports:thread_resolve", args=[submitted.pk, thread.pk]))
    thread.refresh_from_db()
    assert [c.body for c in thread.comments.all()] == ["Which provinces?", "Nine."]
    assert (thread.resolved_by, thread.resolved_at is not None) == (alice, True)

    client.post(
        reverse("reports:thread_resolve", args=[submitted.pk, thread.pk]), {"resolved": "0"}
    )
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_a_reply_reopens_a_resolved_thread(submitted, reviewer, alice):
    thread = comments.thread_start(
        report=submitted, user=reviewer, item=first_item(submitted), body="Which provinces?"
    )
    comments.thread_resolve(thread=thread, user=alice)
    comments.comment_add(thread=thread, user=reviewer, body="One more thing.")
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_thread_of_another_report_cannot_be_replied_to_through_this_one(
    client, submitted, reviewer
):
    other = report_with_form(priorities=1, cycle=submitted.cycle)
    put_in_state(other, ReportState.SUBMITTED)
    from tests.factories import member

    outsider_reviewer = member(other, "reviewer")
    thread = comments.thread_start(
        report=other, user=outsider_reviewer, item=first_item(other), body="Elsewhere."
    )
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:thread_reply", args=[submitted.pk, thread.pk]), {"body": "Hi"}
    )
    assert response.status_code == 404
    assert Comment.objects.count() == 1


def test_reviewer_cannot_comment_on_a_never_submitted_draft(client, report, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:thread_new", args=[report.pk]),
        {"item": first_item(report).key, "body": "Hi"},
    )
    assert response.status_code == 404


def test_comments_are_plain_text_with_their_paragraphs(client, submitted, reviewer):
    comments.thread_start(
        report=submitted,
        user=reviewer,
        item=first_item(submitted),
        body="<script>alert(1)</script>\n\nSecond paragraph.",
    )
    client.force_login(reviewer)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<p>Second paragraph.</p>" in html


def test_no_page_edits_or_deletes_a_comment():
    """Comments are kept as written: the only writes are start, reply and resolve."""
    from reports.urls import review

    names = {p.name for p in review.urlpatterns if p.name and "thread" in p.name}
    assert names == {"thread_new", "thread_reply", "thread_resolve"}


def test_item_threads_include_renders_for_the_entry_pages(rf, submitted, reviewer):
    # As the entry pages include it (compact, inside their form): the thread is shown,
    # replying, resolving or starting one is the reading view's.
    from django.template.loader import render_to_string

    item = first_item(submitted)
    thread = comments.thread_start(report=submitted, user=reviewer, item=item, body="Why?")
    request = rf.get("/")
    request.user = reviewer
    html = render_to_string(
        "reports/includes/item_threads.html",
        {
            "report": submitted,
            "item": item,
            "threads": threads_by_item(report=submitted)[item.key],
            "can_comment": True,
            "compact": True,
        },
        request=request,
    )
    assert f'id="thread-{thread.pk}"' in html
    assert "Why?" in html
    assert f"{reverse('reports:read', args=[submitted.pk])}#{item.anchor}" in html
    assert "Reply, resolve or add a comment" in html
    assert "<form" not in html


def test_reading_view_gives_each_question_its_threads_and_a_form_to_start_one(
    client, submitted, reviewer
):
    # The reading view writes the threads column itself (issue 25): the threads with
    # their reply and resolve forms where there are some, the new thread's form always.
    items = list(build_layout(submitted).items())
    thread = comments.thread_start(report=submitted, user=reviewer, item=items[0], body="Why?")
    client.force_login(reviewer)
    html = client.get(reverse("reports:read", args=[submitted.pk])).content.decode()
    assert f'id="thread-{thread.pk}"' in html
    assert reverse("reports:thread_resolve", args=[submitted.pk, thread.pk]) in html
    assert reverse("reports:thread_reply", args=[submitted.pk, thread.pk]) in html
    assert html.count("Comment on this question") == len(items)
    new = reverse("reports:thread_new", args=[submitted.pk])
    read = reverse("reports:read", args=[submitted.pk])
    for item in items:
        assert f'id="threads-{item.key}"' in html
        assert f'name="item" value="{item.key}"' in html
        assert f'<label for="comment-{item.key}"' in html
        assert f'name="next" value="{read}#{item.anchor}"' in html
    assert html.count(f'action="{new}"') >= len(items)
    assert 'name="csrfmiddlewaretoken" value=""' not in html


# --- Open threads warn before Submit and Accept ----------------------------------------


def test_open_threads_are_listed_before_resubmission_and_do_not_block(
    client, report, reviewer, focal
):
    from reports.workflow import report_transition

    from .review_support import fill_required

    fill_required(report)
    report_transition(report=report, user=focal, action="submit")
    items = list(build_layout(report).items())
    still_open = comments.thread_start(
        report=report, user=reviewer, item=items[0], body="Which provinces <exactly>?"
    )
    settled = comments.thread_start(report=report, user=reviewer, item=items[1], body="Settled.")
    comments.thread_resolve(thread=settled, user=reviewer)
    report_transition(report=report, user=reviewer, action="return", reason="See comments.")

    client.force_login(focal)
    url = reverse("reports:submit", args=[report.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="open-threads"' in html
    assert "One comment thread is still open" in html
    section = reverse("reports:section", args=[report.pk, 1])
    assert f'href="{section}#thread-{still_open.pk}"' in html
    assert "Which provinces &lt;exactly&gt;?" in html
    assert f"#thread-{settled.pk}" not in html
    # A warning only: the report can be submitted with the thread still open.
    assert client.post(url).status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_open_threads_are_listed_beside_accept_for_the_reviewer(client, submitted, reviewer):
    items = list(build_layout(submitted).items())
    thread = comments.thread_start(report=submitted, user=reviewer, item=items[2], body="Source?")
    client.force_login(reviewer)
    read = reverse("reports:read", args=[submitted.pk])
    html = client.get(read).content.decode()
    decide = html.split('id="decide"', 1)[1]
    assert 'data-testid="open-threads"' in decide
    assert f'href="{read}#thread-{thread.pk}"' in decide
    assert f"Question {items[2].display_number}" in decide

    accept = reverse("reports:transition", args=[submitted.pk, "accept"])
    assert f'href="{read}#thread-{thread.pk}"' in client.get(accept).content.decode()
    assert client.post(accept, {"reason": ""}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == ReportState.ACCEPTED


def test_entry_navigation_and_reading_view_count_the_same_open_comments(
    client, submitted, reviewer, alice
):
    """One count (``layout.attach_open_threads``): a thread on a priority since retired
    still counts in its section on both pages."""
    layout = build_layout(submitted)
    first = layout.sections[0]
    comments.thread_start(report=submitted, user=reviewer, item=first.items[0], body="a")
    comments.thread_start(report=submitted, user=reviewer, item=first.items[2], body="b")
    comments.thread_start(
        report=submitted, user=reviewer, item=layout.sections[2].items[0], body="c"
    )
    # Retired by a write that skips the model (the base manager, as raw SQL would): a
    # handed-in report's roadmap version is frozen (reports.freeze) on every path of the
    # default manager, so only such a write (or a priority of a version since changed)
    # leaves a thread on a priority no longer laid out.
    Priority._base_manager.filter(pk=first.items[2].priority.pk).update(is_active=False)

    client.force_login(alice)
    entry = client.get(reverse("reports:section", args=[submitted.pk, 1])).context["layout"]
    reading = client.get(reverse("reports:read", args=[submitted.pk])).context["sections"]

    in_navigation = [s.unresolved for s in entry.sections]
    assert in_navigation == [s.unresolved for s in reading]
    assert in_navigation[0] == 2 and in_navigation[2] == 1
