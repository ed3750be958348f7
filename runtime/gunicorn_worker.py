"""gunicorn's sync worker, its whole request loop run in the stack room
(``runtime.stack_room``): one chunk of the frame stack for the worker's life, mapped once,
so no request crosses a chunk's edge however deep its templates go. Named by
``gunicorn.conf.py``, which gunicorn reads from the directory it starts in."""

from __future__ import annotations

from gunicorn.workers.sync import SyncWorker

from .stack_room import with_room


class RoomySyncWorker(SyncWorker):
    def run(self) -> None:
        with_room(super().run)
