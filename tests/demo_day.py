"""The day the demo is seeded on, in tests.

``seed_demo`` anchors the demo on the day it runs (the newest cycle is the one containing
it), so a test that relies on what the demo holds seeds it on a fixed day:

- ``DRAFT_DAY`` (March 2023, in the 2022-2023 cycle): Viet Nam's 2022-2023 report is the
  draft being filled in, as the Word tests and the entry pages' tests need (the seed Word
  document is that report);
- ``MONITORING_DAY`` (November 2023, in the 2023-2024 cycle): the five monitoring countries'
  four cycles are 2020-2021 to 2023-2024, Nepal's 2022-2023 report the late one.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

DRAFT_DAY = dt.date(2023, 3, 15)
MONITORING_DAY = dt.date(2023, 11, 15)


def clock_on(day: dt.date):
    """A ``timezone.now`` that reads 10:00 UTC on ``day`` and moves on with the real clock, so
    that times still go forward within a test."""
    started = timezone.now()
    anchor = dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)
    real_now = timezone.now
    return lambda: anchor + (real_now() - started)


def freeze_today(monkeypatch, day: dt.date) -> None:
    """``timezone.now()`` is ``clock_on(day)`` (for the seed and the pages that read it)."""
    monkeypatch.setattr(timezone, "now", clock_on(day))
