"""The stack room (bench/stack_room.py) on and off: the plain form and section I,
each round called one frame deeper than the last (16 depths), outside the room and then
inside one room made for all the rounds (as the render bench times its pages).

What it shows: CPU time per request (median over the depths) and the page faults the
thread takes per request (``ru_minflt``: a chunk of the frame stack mapped anew is
written into, page by page). Outside the room both depend on the depth a page happens to
be called from; inside they should not.
"""

from __future__ import annotations

import resource
import statistics

from bench import render
from bench.core import Figure

ROUNDS = 16
DEPTHS = 16


def _at_depth(depth: int, fn, *args):
    """``fn(*args)`` called ``depth`` frames further down the stack."""
    if depth:
        return _at_depth(depth - 1, fn, *args)
    return fn(*args)


def _once(client, url: str) -> tuple[float, int]:
    """CPU time (``render._get``) and page faults of one request."""
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    cpu, _wall = render._get(client, url)
    return cpu, resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before


def _measure(client, pages: dict[str, str], figures: list[Figure], label: str) -> None:
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in pages}
    for round_ in range(ROUNDS + 2):
        for name, url in pages.items():
            sample = _at_depth(round_ % DEPTHS, _once, client, url)
            if round_ >= 2:
                samples[name].append(sample)
    for name, values in samples.items():
        cpu = statistics.median(v[0] for v in values)
        faults = statistics.median(v[1] for v in values)
        worst = max(v[1] for v in values)
        figures.append(Figure(f"{label}: {name}, median CPU", cpu))
        figures.append(Figure(f"{label}: {name}, page faults (median)", faults, "/request"))
        figures.append(Figure(f"{label}: {name}, page faults (worst depth)", worst, "/request"))


def run() -> list[Figure]:
    from django.test.utils import override_settings
    from django.urls import reverse

    from bench import stack_room

    if not stack_room.NEEDED:
        return [Figure("stack room: not needed on this Python", 0, "")]
    client, report, _ = render.setup_pages()
    pages = {
        "plain form of 14 textareas": "/bench/plain/section/",
        "section I": reverse("reports:section", args=[report.pk, 1]),
    }
    figures: list[Figure] = []
    with override_settings(ROOT_URLCONF=render.__name__):
        _measure(client, pages, figures, "no room")
        stack_room.with_room(_measure, client, pages, figures, "room")
    return figures
