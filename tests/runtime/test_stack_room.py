"""Deep work runs in a roomy chunk of CPython's frame stack (runtime.stack_room): each
gunicorn worker's request loop, and each PDF's layout.

What the room saves is time and page faults (``make bench``, module ``stack``); here: that
the work runs in it, and that it changes nothing of what the work returns or raises.
"""

import sys
from pathlib import Path

import pytest

from runtime import stack_room

needs_room = pytest.mark.skipif(
    not stack_room.NEEDED, reason="this Python keeps a stack chunk itself (gh-142183)"
)


def _in_room() -> bool:
    """Whether the caller runs below the roomy frame."""
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code is stack_room._call_with_room.__code__:
            return True
        frame = frame.f_back
    return False


def test_the_roomy_frame_holds_the_slots_that_ask_for_a_big_chunk():
    assert stack_room._call_with_room.__code__.co_nlocals >= stack_room.SLOTS


@needs_room
def test_with_room_runs_the_function_in_the_room_and_returns_its_result():
    assert stack_room.with_room(lambda a, b: (a, b, _in_room()), 1, 2) == (1, 2, True)


def test_with_room_lets_an_exception_through():
    def fails():
        raise ValueError("kept")

    with pytest.raises(ValueError, match="kept"):
        stack_room.with_room(fails)


def test_with_room_is_a_plain_call_where_python_keeps_a_chunk(monkeypatch):
    monkeypatch.setattr(stack_room, "NEEDED", False)
    assert stack_room.with_room(_in_room) is False


@needs_room
def test_a_gunicorn_worker_runs_its_whole_loop_in_the_room(monkeypatch):
    from gunicorn.workers.sync import SyncWorker

    from runtime.gunicorn_worker import RoomySyncWorker

    seen = []
    monkeypatch.setattr(SyncWorker, "run", lambda self: seen.append(_in_room()))
    RoomySyncWorker.run(object.__new__(RoomySyncWorker))
    assert seen == [True]


def test_gunicorn_started_here_uses_the_roomy_worker():
    from gunicorn.config import Config

    config = Config()
    namespace: dict = {}
    conf = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    exec(compile(conf.read_text(encoding="utf-8"), str(conf), "exec"), namespace)  # noqa: S102
    config.set("worker_class", namespace["worker_class"])
    assert config.worker_class.__name__ == "RoomySyncWorker"


@needs_room
def test_a_pdf_is_laid_out_in_the_room(monkeypatch):
    from reports.documents import printer

    class Recording:
        def __init__(self, string):
            self.string = string

        def write_pdf(self):
            return b"in room" if _in_room() else b"outside"

    monkeypatch.setattr(printer, "HTML", Recording)
    assert printer.html_to_pdf("<p>x</p>") == b"in room"
