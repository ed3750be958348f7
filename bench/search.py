"""Search at the Alliance's scale: the monitoring bench's framework of 40 countries over
10 cycles (``bench.monitoring``), its texts made demo-sized (each answer, activity
description and partners, next step and indicator note takes a text of the demo's
Viet Nam reports, in English or Vietnamese), indexed by ``search_reindex``'s code, then
searched by its secretariat (every report) with several queries: p50 and p95 of a page of
20 hits with its grid, on the database of DATABASE_URL (SQLite by default; run
``DATABASE_URL=postgres://... BENCH_ONLY=search python -m bench`` for PostgreSQL)."""

from __future__ import annotations

import random
import statistics
import time

from bench.core import Figure
from bench.monitoring import COUNTRIES, CYCLES

SCALE = f"({COUNTRIES} countries x {CYCLES} cycles)"
QUERIES = [
    "child labour",
    "trafficking victims",
    "hotline 111",
    '"labour inspection"',
    "child labour -agriculture",
    "province",
    "Việt Nam",  # diacritics typed, the texts' "Viet Nam" found
    "zzzz nothing matches",
]


def _demo_texts() -> list[str]:
    from reports.models import Activity, Answer, NextStep

    texts = list(Answer.objects.exclude(text="").values_list("text", flat=True))
    texts += list(Activity.objects.exclude(description="").values_list("description", flat=True))
    texts += list(NextStep.objects.values_list("title", flat=True))
    return [t for t in texts if len(t) > 20]


def _demo_sized(framework) -> None:
    """Every text of the bench framework's reports replaced by one of the demo's."""
    from reports.models import Activity, Answer, IndicatorValue, NextStep

    rng = random.Random(23)  # noqa: S311 - bench data
    texts = _demo_texts()
    rows = []
    for model, fields in [
        (Answer, ["text"]),
        (Activity, ["description", "partners"]),
        (NextStep, ["title", "targets"]),
        (IndicatorValue, ["note", "source"]),
    ]:
        rows = list(model.objects.filter(report__cycle__framework=framework))
        for row in rows:
            for name in fields:
                limit = model._meta.get_field(name).max_length or 10_000
                setattr(row, name, rng.choice(texts)[:limit])
        model.objects.bulk_update(rows, fields, batch_size=500)


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run() -> list[Figure]:
    from django.db import connection
    from django.db.models import Sum
    from django.db.models.functions import Length

    from bench.api import _framework_and_user
    from reports.models import Report
    from search.index import sync_reports
    from search.models import SearchEntry
    from search.selectors import SearchFilters, search

    slug, user = _framework_and_user()
    from roadmap.models import Framework

    framework = Framework.objects.get(slug=slug)
    _demo_sized(framework)
    ids = list(Report.objects.filter(cycle__framework=framework).values_list("pk", flat=True))
    start = time.perf_counter()
    for at in range(0, len(ids), 50):
        sync_reports(ids[at : at + 50])
    build = (time.perf_counter() - start) * 1000
    connection.queries_log.clear()
    entries = SearchEntry.objects.filter(framework=framework)
    chars = entries.aggregate(n=Sum(Length("text")))["n"] or 0
    figures = [
        Figure(f"search: index of {len(ids)} reports built {SCALE}", build),
        Figure("search: index rows (texts)", entries.count(), "rows"),
        Figure("search: index characters", chars, "chars"),
        Figure(f"search: database {connection.vendor}", 0, ""),
    ]
    filters = SearchFilters(framework=framework.pk)
    every: list[float] = []
    for query in QUERIES:
        samples = []
        for _ in range(12):
            user.__dict__.pop("_pathfinder_roles", None)  # each search as a new request
            begin = time.perf_counter()
            results = search(user=user, query=query, filters=filters)
            samples.append((time.perf_counter() - begin) * 1000)
        samples = samples[2:]  # warm-up
        every += samples
        figures.append(
            Figure(f"search: {query!r} p50 ({results.total} hits)", statistics.median(samples))
        )
    figures.append(Figure("search: every query, p50", statistics.median(every)))
    figures.append(Figure("search: every query, p95", _percentile(every, 0.95)))
    return figures
