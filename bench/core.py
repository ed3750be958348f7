"""What every bench module shares: a printed figure and a median timer."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
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
