"""Participant totals of a group of activities: the activity list's totals by priority
and province, and the printed report's activity table, count them the same way."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Activity


@dataclass
class Reach:
    activities: int = 0
    # None while no activity of the group recorded the figure: shown "—", not a 0 that
    # would say nobody of that sex took part.
    women: int | None = None
    men: int | None = None
    total: int = 0

    def add(self, activity: Activity) -> None:
        self.activities += 1
        if activity.participants_women is not None:
            self.women = (self.women or 0) + activity.participants_women
        if activity.participants_men is not None:
            self.men = (self.men or 0) + activity.participants_men
        self.total += activity.people_reached

    @property
    def sex_unknown(self) -> int:
        return self.total - (self.women or 0) - (self.men or 0)
