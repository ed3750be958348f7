"""Review threads anchored on one item of a report (a question, or a question for one
priority or next step). Comments are plain text, kept for good and never edited: there is
no function here to change or delete one. The reads of threads live in
``reports.selectors.threads``.
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, tasks
from ..layout import Item
from ..models import Comment, CommentThread, Report

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


@transaction.atomic
def thread_start(*, report: Report, user, item: Item, body: str) -> CommentThread:
    """Open a thread on ``item`` (an item of ``report``'s layout) with its first comment."""
    _check_may_comment(user, report)
    body = _clean_body(body)
    thread = CommentThread.objects.create(
        report=report,
        question=item.question,
        priority=item.priority,
        next_step=item.next_step,
        created_by=user,
    )
    comment = Comment.objects.create(thread=thread, author=user, body=body)
    transaction.on_commit(partial(tasks.send_comment_mail, comment.pk), robust=True)
    return thread


@transaction.atomic
def comment_add(*, thread: CommentThread, user, body: str) -> Comment:
    """Reply in ``thread``. A reply to a resolved thread reopens it: the conversation
    is evidently not over."""
    _check_may_comment(user, thread.report)
    body = _clean_body(body)
    thread = CommentThread.objects.select_for_update().get(pk=thread.pk)
    comment = Comment.objects.create(thread=thread, author=user, body=body)
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
