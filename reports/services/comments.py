"""Review threads anchored on one item of a report (a question, or a question for one
priority or next step). Comments are plain text, kept for good and never edited: there is
no function here to change or delete one.

Reads used by the entry pages and the reading view live here too, next to the writes they
mirror: ``threads_by_item``, ``unresolved_counts_by_section`` and ``open_threads``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications, permissions
from ..layout import Item, ReportLayout, item_key
from ..models import Comment, CommentThread, Report

COMMENT_MAX_LENGTH = 5000


def threads_by_item(report: Report) -> dict[str, list[CommentThread]]:
    """The report's threads by item key (``Item.key``), oldest first, each with its
    comments and their authors: two queries whatever the number of threads."""
    threads = (
        CommentThread.objects.filter(report=report)
        .select_related("created_by", "resolved_by")
        .prefetch_related(
            Prefetch("comments", queryset=Comment.objects.select_related("author").order_by("pk"))
        )
        .order_by("created_at", "pk")
    )
    by_item: dict[str, list[CommentThread]] = defaultdict(list)
    for thread in threads:
        by_item[item_key(thread.question_id, thread.priority_id, thread.next_step_id)].append(
            thread
        )
    return dict(by_item)


def unresolved_counts_by_section(report: Report, layout: ReportLayout) -> dict[int, int]:
    """Section order -> number of unresolved threads on its items (one query). Every
    section of the layout is present, with 0 when it has none."""
    section_of_key = {item.key: s.section.order for s in layout.sections for item in s.items}
    # A thread on an item no longer laid out (a priority since deactivated) still counts
    # in its question's section: an open question must not vanish from the count.
    section_of_question = {
        item.question.pk: s.section.order for s in layout.sections for item in s.items
    }
    counts = {s.section.order: 0 for s in layout.sections}
    rows = CommentThread.objects.filter(report=report, resolved_at__isnull=True).values_list(
        "question_id", "priority_id", "next_step_id"
    )
    for question_id, priority_id, next_step_id in rows:
        order = section_of_key.get(item_key(question_id, priority_id, next_step_id))
        if order is None:
            order = section_of_question.get(question_id)
        if order is not None:
            counts[order] += 1
    return counts


@dataclass(frozen=True)
class OpenThread:
    """An unresolved thread as the warnings before Submit and Accept list it."""

    thread: CommentThread
    item: Item | None  # None: on an item no longer laid out (a priority since retired)
    section_order: int | None
    opening: str  # the first comment's text

    @property
    def number(self) -> str:
        return self.item.display_number if self.item else "?"


def open_threads(layout: ReportLayout, threads: dict[str, list[CommentThread]]) -> list[OpenThread]:
    """The unresolved threads of ``threads`` (``threads_by_item``) in the layout's order:
    no query. They warn, never block: a reviewer may accept, a focal point submit."""
    found: list[OpenThread] = []
    seen: set[int] = set()
    for section in layout.sections:
        for item in section.items:
            for thread in threads.get(item.key, []):
                if thread.resolved_at is None:
                    seen.add(thread.pk)
                    found.append(_open(thread, item, section.section.order))
    orphans = [
        t for ts in threads.values() for t in ts if t.resolved_at is None and t.pk not in seen
    ]
    return found + [_open(t, None, None) for t in orphans]


def _open(thread: CommentThread, item: Item | None, order: int | None) -> OpenThread:
    comments = list(thread.comments.all())
    return OpenThread(thread, item, order, comments[0].body if comments else "")


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
    transaction.on_commit(partial(notifications.comment_notify, comment_id=comment.pk), robust=True)
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
    transaction.on_commit(partial(notifications.comment_notify, comment_id=comment.pk), robust=True)
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
