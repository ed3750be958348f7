"""A report's review threads: by item for the reading view and the entry pages (which
count the open ones per section with ``layout.attach_open_threads``), and the open ones
in the layout's order for the warnings before Submit and Accept."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch

from ..layout import Item, ReportLayout, key_of
from ..models import Comment, CommentThread, Report


def threads_by_item(*, report: Report) -> dict[str, list[CommentThread]]:
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
        by_item[key_of(thread)].append(thread)
    return dict(by_item)


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


def open_threads(
    *, layout: ReportLayout, threads: dict[str, list[CommentThread]]
) -> list[OpenThread]:
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
