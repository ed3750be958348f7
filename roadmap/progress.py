"""Progress of an indicator from its baseline towards its target: one rule, pure (no
query, no model), so the trends page, the PDF annex, the synthesis and the exports say
the same thing. The help page states the rule in words (templates/reports/help.html).

The rule:

- **Share of the way**: (latest value − baseline) ÷ (target − baseline). It works for
  targets that go down (fewer children in child labour): both differences are negative.
  1 (100 %) or more is the target reached; below 0 is further away than at the baseline.
- **Which target**: the first one in or after the year of the latest value; when all of
  them lie before it, the last one (by then it should have been reached).
- **Share of time**: (year of the latest value − baseline year) ÷ (target year − baseline
  year), between 0 and 1. A value's year is the year its reporting cycle starts in (the
  2022-2023 report gives the figures of 2022).
- **Status**: "target reached" at a share of 1 or more; "on track" when the share of the
  way is at least the share of time less a tolerance of 5 percentage points (figures are
  yearly and a year's count moves by more than that without a change of course);
  "behind" otherwise; "no target" without a baseline or a target; "no value yet" with
  them but no value reported.
- **A target equal to its baseline** (hold the level): reached when the latest value is
  that level or better is undefined without a direction, so reached only when equal,
  else behind; no share is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

TOLERANCE = Decimal("0.05")


class Status(models.TextChoices):
    REACHED = "reached", _("Target reached")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    NO_TARGET = "no_target", _("No target")
    NO_VALUE = "no_value", _("No value yet")


@dataclass(frozen=True)
class Point:
    """A value in a year: a baseline, a target, or a reported value."""

    year: int
    value: Decimal


@dataclass(frozen=True)
class Progress:
    status: Status
    share: Decimal | None = None  # of the way from baseline to target; 1 = reached
    elapsed: Decimal | None = None  # of the time from baseline year to target year
    target: Point | None = None  # the target the value is measured against

    @property
    def percent(self) -> int | None:
        """The share of the way in whole percent (what pages and sheets show)."""
        return None if self.share is None else int((self.share * 100).to_integral_value())


def target_for(targets: list[Point], year: int) -> Point | None:
    """The first target in or after ``year``; the last one when all are before it."""
    ordered = sorted(targets, key=lambda t: t.year)
    for target in ordered:
        if target.year >= year:
            return target
    return ordered[-1] if ordered else None


def progress(*, baseline: Point | None, targets: list[Point], latest: Point | None) -> Progress:
    """Where ``latest`` stands between ``baseline`` and the target it is measured against."""
    if baseline is None or not targets:
        return Progress(Status.NO_TARGET)
    if latest is None:
        return Progress(Status.NO_VALUE, target=target_for(targets, baseline.year + 1))
    target = target_for(targets, latest.year)
    assert target is not None  # targets is not empty
    way = target.value - baseline.value
    if way == 0:
        status = Status.REACHED if latest.value == target.value else Status.BEHIND
        return Progress(status, target=target)
    share = (latest.value - baseline.value) / way
    span = target.year - baseline.year
    elapsed = Decimal(min(max(latest.year - baseline.year, 0), span)) / span if span > 0 else 1
    if share >= 1:
        status = Status.REACHED
    elif share >= elapsed - TOLERANCE:
        status = Status.ON_TRACK
    else:
        status = Status.BEHIND
    return Progress(status, share=share, elapsed=Decimal(elapsed), target=target)
