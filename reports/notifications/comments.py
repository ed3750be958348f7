"""Mail about a new comment, to the other side of the conversation."""

from __future__ import annotations

from functools import cache

from django.utils import translation

from roadmap.models import Role

from .. import permissions
from ..layout import build_layout
from ..models import Comment, NoticeKind
from ..selectors.threads import comment_target, thread_key
from .delivery import deliver, site_url
from .recipients import people


def comment_notify(*, comment_id: int) -> int:
    """Tell the other side of the conversation about a new comment."""
    comment = (
        Comment.objects.select_related(
            "author",
            "thread",
            "thread__question",
            "thread__priority",
            "thread__report",
            "thread__report__country",
            "thread__report__cycle",
        )
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return 0
    thread = comment.thread
    report = thread.report
    if permissions.is_country_member(comment.author, report):
        # A never-submitted draft is the country's own: its reviewers cannot open it.
        recipients = people(report, [Role.REVIEWER]) if permissions.reviewers_see(report) else []
    else:
        recipients = people(report, permissions.COUNTRY_ROLES)
    recipients = [p for p in recipients if p.pk != comment.author_id]
    path = thread.get_absolute_url()
    is_reply = thread.comments.filter(pk__lt=comment.pk).exists()

    @cache
    def target_in(language: str):
        """What the thread is on, as the layout numbers and words it, in ``language``."""
        with translation.override(language):
            layout = build_layout(report, with_answers=False)
            return comment_target(report=report, layout=layout, key=thread_key(thread))

    return deliver(
        key=f"comment:{comment.pk}",
        kind=NoticeKind.COMMENT,
        country_id=report.country_id,
        report=report,
        template="comment",
        recipients=recipients,
        context=lambda: {
            "comment": comment,
            "thread": thread,
            "report": report,
            "item": getattr(target_in(translation.get_language()), "item", None),
            "target": target_in(translation.get_language()),
            "is_reply": is_reply,
        },
        url=site_url(path),
    )
