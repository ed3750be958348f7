"""What every bench module shares: a printed figure and a median timer."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    value: float
    unit: str = "ms"

    def __str__(self) -> str:
        return f"{self.name:<55} {self.value:>10.2f} {self.unit}"


def median_ms(fn: Callable[[], object], *, repeat: int = 20, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


@dataclass
class QueryCount:
    """Queries run inside ``counting_queries``, counted as they run: unlike the debug
    cursor's log (``connection.queries``, at most 9000, kept with DEBUG on), this counts
    whatever DEBUG says and however many queries ran before (issue 25)."""

    count: int = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counting_queries() -> Iterator[QueryCount]:
    from django.db import connection

    counter = QueryCount()
    with connection.execute_wrapper(counter):
        yield counter
