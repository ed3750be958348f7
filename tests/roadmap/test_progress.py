"""The progress rule (roadmap.progress): share of the way from baseline to target, and
the status, for targets going up and down, reached, behind, none, no value, equal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from roadmap.progress import Point, Status, progress, target_for


def p(year: int, value) -> Point:
    return Point(year, Decimal(value))


UP = (p(2021, 100), [p(2025, 200)])  # officials trained: more is better
DOWN = (p(2021, 3808), [p(2025, 2000)])  # children in child labour: fewer is better


@pytest.mark.parametrize(
    ("figures", "latest", "status", "percent"),
    [
        # half the way in a quarter of the time: ahead
        (UP, p(2022, 150), Status.ON_TRACK, 50),
        # a quarter of the way in half the time: behind
        (UP, p(2023, 125), Status.BEHIND, 25),
        # 47 % of the way in half the time: within the 5-point tolerance
        (UP, p(2023, 147), Status.ON_TRACK, 47),
        # 44 % in half the time: beyond the tolerance
        (UP, p(2023, 144), Status.BEHIND, 44),
        (UP, p(2024, 200), Status.REACHED, 100),
        (UP, p(2024, 230), Status.REACHED, 130),
        # going the wrong way: below 0
        (UP, p(2022, 90), Status.BEHIND, -10),
        # a target going down: 3,808 -> 2,434 of the way to 2,000 is 76 %
        (DOWN, p(2022, 2434), Status.ON_TRACK, 76),
        (DOWN, p(2024, 3500), Status.BEHIND, 17),
        (DOWN, p(2025, 1900), Status.REACHED, 106),
        # the target year passed without reaching it
        (DOWN, p(2026, 2100), Status.BEHIND, 94),
    ],
)
def test_share_of_the_way_and_status(figures, latest, status, percent):
    baseline, targets = figures
    result = progress(baseline=baseline, targets=targets, latest=latest)
    assert (result.status, result.percent) == (status, percent)


def test_no_target_without_a_baseline_or_a_target():
    assert progress(baseline=None, targets=[p(2025, 1)], latest=p(2022, 1)).status == (
        Status.NO_TARGET
    )
    assert progress(baseline=p(2021, 1), targets=[], latest=p(2022, 1)).status == (Status.NO_TARGET)


def test_no_value_yet_names_the_first_target():
    result = progress(baseline=p(2021, 10), targets=[p(2025, 5), p(2023, 8)], latest=None)
    assert result.status == Status.NO_VALUE
    assert result.target == p(2023, 8) and result.share is None


def test_a_target_equal_to_the_baseline_is_reached_only_at_that_level():
    baseline, targets = p(2021, 0), [p(2025, 0)]
    assert progress(baseline=baseline, targets=targets, latest=p(2022, 0)).status == (
        Status.REACHED
    )
    held = progress(baseline=baseline, targets=targets, latest=p(2022, 3))
    assert (held.status, held.share) == (Status.BEHIND, None)


def test_the_value_is_measured_against_the_first_target_in_or_after_its_year():
    targets = [p(2025, 2000), p(2023, 3000)]
    assert target_for(targets, 2022) == p(2023, 3000)
    assert target_for(targets, 2023) == p(2023, 3000)
    assert target_for(targets, 2024) == p(2025, 2000)
    assert target_for(targets, 2030) == p(2025, 2000)  # all passed: the last one
    assert target_for([], 2022) is None
