"""Room on the interpreter's frame stack, for timing pages fairly (CPython 3.11 and 3.12).

Why. CPython keeps the frames of Python calls on a per-thread stack made of 16 KiB chunks.
Up to 3.12, a chunk is given back to the system (``munmap``) as soon as the first frame in
it returns, and the next call that needs it maps a fresh one (``mmap``, then page faults
as it is written). Work that goes back and forth across a chunk's edge pays that on every
crossing: CPython issue gh-142183, "Calls across stack chunks perform badly", fixed in
3.13 and 3.14 by keeping one chunk. Measured here on Python 3.11 (strace): the bench's
plain 14-textarea form made 42 pairs of ``mmap``/``munmap`` per request when called from
one depth and 924 from another, and took 9.8 ms or 19.9 ms by that alone. Where the edges
fall depends on how deep the bench happens to call a page, so a ratio of two pages said
as much about their depths as about their cost.

What. ``with_room`` calls a function through a frame that holds many (never used) local
variables: too big for the chunk in use, so CPython maps a chunk of 128 KiB for it (a
chunk is mapped at least 8,000 bytes larger than the frame that asked for it). The frame
takes about 57 KiB and the work runs in the rest, about 70 KiB, which holds the deepest
page measured (the reading view): no edge to cross while it runs. The render bench times
every page inside one room.

Not in the portal itself. Served by gunicorn, section I crossed an edge 140 times a request
(about 1.6 ms at 11 microseconds a crossing), the other pages measured almost never; a
gunicorn worker that ran its request loop in a room took 1 page fault a request instead
of 127 but made the load test of the real mix three times slower (p95 1,700 against 370
to 560 ms, for a reason not found), and a room made per request cost 0.2 to 1 ms on pages that
crossed nothing. WeasyPrint's layout of a PDF in a job worker's thread crossed edges
20,000 times and took the same CPU time with the room as without.

The local variables are declared in a block the compiler drops (``if False``): they count
in the frame's size, never run. The function is compiled once, at import.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# A chunk is mapped with room for 1,000 slots (8 bytes each) beyond the frame that asked,
# rounded up to a power of two times 16 KiB: 7,200 slots ask for 65,600 bytes, so 128 KiB.
SLOTS = 7200

# The interpreters that keep a chunk (gh-142183) need no room made.
NEEDED = sys.version_info < (3, 13)


def _roomy_caller() -> Callable[..., object]:
    names = ", ".join(f"_{index}" for index in range(SLOTS))
    source = (
        "def call_with_room(function, *args):\n"
        "    if False:\n"
        f"        {names} = ()\n"
        "    return function(*args)\n"
    )
    namespace: dict[str, object] = {}
    exec(compile(source, __name__, "exec"), namespace)  # noqa: S102 - our own source
    return namespace["call_with_room"]  # type: ignore[return-value]


_call_with_room = _roomy_caller()


def with_room(function: Callable[..., T], *args: object) -> T:
    """``function(*args)``, with the stack room above (a plain call where not needed)."""
    if not NEEDED:
        return function(*args)
    return _call_with_room(function, *args)  # type: ignore[return-value]
