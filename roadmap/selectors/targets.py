"""Baselines and targets of the indicators of roadmap versions, for the pages that show
progress (trends, PDF annex, synthesis, exports)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from roadmap.models import IndicatorBaseline, IndicatorTarget
from roadmap.progress import Point, Progress, progress


@dataclass
class Figures:
    """An indicator's baseline and targets in one roadmap version."""

    baseline: IndicatorBaseline | None = None
    targets: list[IndicatorTarget] = field(default_factory=list)

    @property
    def baseline_point(self) -> Point | None:
        return Point(self.baseline.year, self.baseline.value) if self.baseline else None

    @property
    def target_points(self) -> list[Point]:
        return [Point(t.year, t.value) for t in self.targets]

    def progress(self, latest: Point | None) -> Progress:
        return progress(baseline=self.baseline_point, targets=self.target_points, latest=latest)


NO_FIGURES = Figures()


def roadmap_figures(*, roadmap_ids: Iterable[int]) -> dict[tuple[int, int], Figures]:
    """(roadmap id, indicator id) -> its figures, for every indicator with a baseline or a
    target in one of the versions: two queries, whatever their number."""
    ids = {pk for pk in roadmap_ids if pk}
    figures: dict[tuple[int, int], Figures] = {}
    if not ids:
        return figures
    baselines = IndicatorBaseline.objects.filter(roadmap_id__in=ids).select_related("indicator")
    for baseline in baselines:
        figures.setdefault(
            (baseline.roadmap_id, baseline.indicator_id), Figures()
        ).baseline = baseline
    targets = IndicatorTarget.objects.filter(roadmap_id__in=ids).select_related("indicator")
    for target in targets.order_by("year"):
        figures.setdefault((target.roadmap_id, target.indicator_id), Figures()).targets.append(
            target
        )
    return figures
