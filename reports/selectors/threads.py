"""A report's review threads: by item for the reading view and the entry pages (which
count the open ones per section with ``layout.attach_open_threads``), and the open ones
in the layout's order for the warnings before Submit and Accept."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from ..layout import Item, ReportLayout, key_of
from ..models import Comment, CommentThread, Report


def activity_key(activity_id: int) -> str:
    """The key of an activity as a target of comments ("a12"), beside the item keys."""
    return f"a{activity_id}"


def figure_key(indicator_value_id: int) -> str:
    """The key of an indicator value as a target of comments ("v7")."""
    return f"v{indicator_value_id}"


def thread_key(thread) -> str:
    """The key of what a comment thread is on: an item, an activity or a figure."""
    if thread.activity_id:
        return activity_key(thread.activity_id)
    if thread.indicator_value_id:
        return figure_key(thread.indicator_value_id)
    return key_of(thread)


@dataclass(frozen=True)
class CommentTarget:
    """What a comment form is about, found from its key: ``kwargs`` for
    ``services.comments.thread_start`` and how pages and mails name it."""

    kwargs: dict
    label: str
    item: Item | None = None


def comment_target(*, report: Report, layout: ReportLayout, key: str) -> CommentTarget | None:
    """The item, activity or indicator value of ``report`` that ``key`` names (None when
    it names nothing of this report): one query for a row, none for an item."""
    kind, number = key[:1], key[1:]
    if kind in ("a", "v") and number.isdigit():
        if kind == "a":
            activity = report.activities.filter(pk=int(number)).first()
            if activity is None:
                return None
            return CommentTarget(
                {"activity": activity}, _("Activity: %(title)s") % {"title": activity.title}
            )
        value = report.indicator_values.select_related("indicator").filter(pk=int(number)).first()
        if value is None:
            return None
        return CommentTarget(
            {"indicator_value": value},
            _("Indicator value: %(name)s") % {"name": value.indicator.shown_name},
        )
    item = layout.item_by_key().get(key)
    if item is None:
        return None
    return CommentTarget({"item": item}, f"{item.display_number}. {item.text}", item)


@dataclass(frozen=True)
class RowThreads:
    """An activity or indicator value with its threads, as the reading view lists them
    (reports/includes/row_threads.html), and the words of the form to start one."""

    row: object
    key: str  # "a12", "v7"
    threads: list[CommentThread]
    summary: str  # "Comment on the activity “Training”"
    label: str  # "Your comment on the activity “Training”"


def threads_of_rows(
    *,
    rows: Iterable,
    threads: dict[str, list[CommentThread]],
    key: Callable[[int], str],
    name: Callable[[object], str],
) -> list[RowThreads]:
    """Activities or indicator values with their threads (``key`` is ``activity_key`` or
    ``figure_key``), from ``threads_by_item``: no query. ``name`` says what a row is
    ("the activity “Training”"); the form's words are translated once, not per row."""
    summary, label = _("Comment on %(label)s"), _("Your comment on %(label)s")
    found = []
    for row in rows:
        named, row_key = {"label": name(row)}, key(row.pk)
        found.append(
            RowThreads(row, row_key, threads.get(row_key, []), summary % named, label % named)
        )
    return found


def threads_by_item(*, report: Report) -> dict[str, list[CommentThread]]:
    """The report's threads by the key of what they are on (``Item.key``, or
    ``activity_key`` / ``figure_key`` for an activity or a figure), oldest first, each
    with its comments and their authors: two queries whatever the number of threads."""
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
        by_item[thread_key(thread)].append(thread)
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
