"""The render bench's stack room (bench.stack_room): the work runs in it, and it changes
nothing of what the work returns or raises. What it saves is printed by ``make bench``
(module ``stack``), never asserted."""

import sys

import pytest

from bench import stack_room

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
