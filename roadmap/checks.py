"""Consistency checks on roadmaps that need judgement, so they warn rather than refuse."""

from __future__ import annotations

from collections import defaultdict

from .models import Priority, Roadmap


def numbering_gaps(roadmap: Roadmap) -> dict[str, list[int]]:
    """Theme name -> numbers missing from its priorities (1, 2, 3, 5 misses 4)."""
    numbers: dict[str, list[int]] = defaultdict(list)
    for theme_name, number in Priority.objects.filter(roadmap=roadmap).values_list(
        "theme__name", "number"
    ):
        numbers[theme_name].append(number)
    gaps: dict[str, list[int]] = {}
    for theme_name, found in numbers.items():
        missing = sorted(set(range(1, max(found) + 1)) - set(found))
        if missing:
            gaps[theme_name] = missing
    return gaps


def normalise(text: str) -> str:
    """For spotting repeats (priorities in the admin, answers pasted under several
    priorities): case, spacing and end punctuation do not make text new."""
    return " ".join(text.casefold().split()).rstrip(" .;")
