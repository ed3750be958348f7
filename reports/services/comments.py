"""Review threads anchored on one thing of a report: an item (a question, or a question
for one priority or next step), an activity, or an indicator value. Comments are plain
text, kept for good and never edited: there is no function here to change or delete one.
The reads of threads live in ``reports.selectors.threads``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, tasks
from ..layout import Item
from ..models import Activity, Comment, CommentThread, IndicatorValue, Report
from ..revisions import texts_changed

COMMENT_MAX_LENGTH = 5000


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(
            {"body": ValidationError(_("Please write a comment."), code="required")}
        )
    if len(body) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "body": ValidationError(
                    _("Please keep a comment under %(max)d characters."),
                    code="max_length",
                    params={"max": COMMENT_MAX_LENGTH},
                )
            }
        )
    return body


def _check_may_comment(user, report: Report) -> None:
    if not permissions.can_comment(user, report):
        raise PermissionDenied(_("You may not comment on this report."))


def keyed_comment(*, user, key: uuid.UUID | None) -> Comment | None:
    """The comment ``user`` already posted with the form key ``key``, if any."""
    if key is None:
        return None
    return Comment.objects.select_related("thread").filter(author=user, client_key=key).first()


def _posted_before(*, user, key: uuid.UUID | None, report: Report) -> Comment | None:
    """A retried form: the comment its first attempt posted (on this report only)."""
    existing = keyed_comment(user=user, key=key)
    if existing is not None and existing.thread.report_id != report.pk:
        # The key belongs to a comment on another report: not a retry of this form.
        raise ValidationError(_("This form was already used. Please reload the page."))
    return existing


@dataclass(frozen=True)
class Target:
    """What a thread is on: an item of the report's layout, or one of its activities, or
    one of its indicator values (exactly one)."""

    item: Item | None = None
    activity: Activity | None = None
    indicator_value: IndicatorValue | None = None

    def fields(self, report: Report) -> dict:
        rows = [r for r in (self.activity, self.indicator_value) if r is not None]
        if len(rows) + (self.item is not None) != 1:
            raise ValueError("A thread is on exactly one thing.")
        if any(row.report_id != report.pk for row in rows):
            raise PermissionDenied(_("You may not comment on this report."))
        if self.item is not None:
            return {
                "question": self.item.question,
                "priority": self.item.priority,
                "next_step": self.item.next_step,
            }
        return {"activity": self.activity, "indicator_value": self.indicator_value}


def thread_start(
    *,
    report: Report,
    user,
    body: str,
    item: Item | None = None,
    activity: Activity | None = None,
    indicator_value: IndicatorValue | None = None,
    key: uuid.UUID | None = None,
) -> CommentThread:
    """Open a thread with its first comment on one thing of ``report``: an ``item`` of
    its layout, an ``activity`` or an ``indicator_value`` of it. The same form sent again
    (same ``key``) answers with the thread the first made."""
    target = Target(item, activity, indicator_value)
    try:
        return _thread_start(report=report, user=user, target=target, body=body, key=key)
    except IntegrityError:
        # Both attempts arrived together: the other one's insert won the unique key.
        existing = keyed_comment(user=user, key=key)
        if existing is None:
            raise
        return existing.thread


@transaction.atomic
def _thread_start(*, report: Report, user, target: Target, body: str, key) -> CommentThread:
    _check_may_comment(user, report)
    body = _clean_body(body)
    existing = _posted_before(user=user, key=key, report=report)
    if existing is not None:
        return existing.thread  # no second thread, no second mail
    thread = CommentThread.objects.create(report=report, created_by=user, **target.fields(report))
    comment = Comment.objects.create(thread=thread, author=user, body=body, client_key=key)
    texts_changed.send(sender=Comment, reports=[report])  # the search index, in step
    transaction.on_commit(partial(tasks.send_comment_mail, comment.pk), robust=True)
    return thread


def comment_add(*, thread: CommentThread, user, body: str, key: uuid.UUID | None = None) -> Comment:
    """Reply in ``thread``. A reply to a resolved thread reopens it: the conversation
    is evidently not over. The same form sent again (same ``key``) answers with the reply
    the first made."""
    try:
        return _comment_add(thread=thread, user=user, body=body, key=key)
    except IntegrityError:
        existing = keyed_comment(user=user, key=key)
        if existing is None:
            raise
        return existing


@transaction.atomic
def _comment_add(*, thread: CommentThread, user, body: str, key) -> Comment:
    _check_may_comment(user, thread.report)
    body = _clean_body(body)
    thread = CommentThread.objects.select_for_update().get(pk=thread.pk)
    existing = _posted_before(user=user, key=key, report=thread.report)
    if existing is not None:
        return existing  # the thread stays as the first attempt left it
    comment = Comment.objects.create(thread=thread, author=user, body=body, client_key=key)
    texts_changed.send(sender=Comment, reports=[thread.report])  # the search index, in step
    if thread.resolved_at is not None:
        thread.resolved_at = None
        thread.resolved_by = None
        thread.save(update_fields=["resolved_at", "resolved_by"])
    transaction.on_commit(partial(tasks.send_comment_mail, comment.pk), robust=True)
    return comment


@transaction.atomic
def thread_resolve(*, thread: CommentThread, user, resolved: bool = True) -> CommentThread:
    """Mark ``thread`` resolved (or open again). Either side may: whoever sees the
    question answered."""
    _check_may_comment(user, thread.report)
    thread = CommentThread.objects.select_for_update().get(pk=thread.pk)
    if resolved and thread.resolved_at is None:
        thread.resolved_at = timezone.now()
        thread.resolved_by = user
        thread.save(update_fields=["resolved_at", "resolved_by"])
    elif not resolved and thread.resolved_at is not None:
        thread.resolved_at = None
        thread.resolved_by = None
        thread.save(update_fields=["resolved_at", "resolved_by"])
    return thread
