"""The API at the Alliance's scale: the monitoring bench's framework of 40 countries over
10 cycles (``bench.monitoring``), read by its secretariat through Django's test Client: the
first page of indicator values, a walk through all of them, the file of them all, and the
first page of answers. Each with its query count."""

from __future__ import annotations

import time

from bench.core import Figure, median_ms
from bench.monitoring import COUNTRIES, CYCLES

SCALE = f"({COUNTRIES} countries x {CYCLES} cycles)"


def _framework_and_user():
    """The monitoring bench's framework and secretariat (built here if it did not run)."""
    from django.contrib.auth import get_user_model

    from bench import monitoring
    from roadmap.models import Framework

    if not Framework.objects.filter(slug="bench").exists():
        monitoring._build()
    return "bench", get_user_model().objects.get(username="bench-secretariat")


def run() -> list[Figure]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    slug, user = _framework_and_user()
    connection.queries_log.clear()
    client = Client()
    client.force_login(user)

    def get(url: str, **params):
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        return response

    def walk(url: str, **params) -> tuple[int, int]:
        """Every page of a list: (rows, pages)."""
        rows = pages = 0
        body = get(url, **params).json()
        while True:
            rows, pages = rows + len(body["results"]), pages + 1
            if not body["next"]:
                return rows, pages
            body = client.get(body["next"]).json()

    values = "/api/v1/indicator-values/"
    figures = []
    connection.queries_log.clear()  # DEBUG keeps 9000 at most: a full log counts nothing
    with CaptureQueriesContext(connection) as queries:
        get(values, framework=slug)
    figures += [
        Figure(
            f"api: indicator values, first page {SCALE}, median",
            median_ms(lambda: get(values, framework=slug), repeat=10),
        ),
        Figure("api: indicator values, first page, queries", len(queries), "queries"),
    ]
    start = time.perf_counter()
    connection.queries_log.clear()  # DEBUG keeps 9000 at most: a full log counts nothing
    with CaptureQueriesContext(connection) as queries:
        rows, pages = walk(values, framework=slug, page_size=1000)
    figures += [
        Figure(f"api: indicator values, walk of {rows} rows", (time.perf_counter() - start) * 1000),
        Figure(f"api: indicator values, walk, queries ({pages} pages)", len(queries), "queries"),
    ]
    connection.queries_log.clear()  # DEBUG keeps 9000 at most: a full log counts nothing
    with CaptureQueriesContext(connection) as queries:
        get("/api/v1/files/indicator-values.csv", framework=slug)
    figures += [
        Figure(
            "api: indicator-values.csv, every row, median",
            median_ms(lambda: get("/api/v1/files/indicator-values.csv", framework=slug), repeat=5),
        ),
        Figure("api: indicator-values.csv, queries", len(queries), "queries"),
    ]
    connection.queries_log.clear()  # DEBUG keeps 9000 at most: a full log counts nothing
    with CaptureQueriesContext(connection) as queries:
        get("/api/v1/answers/", framework=slug)
    figures += [
        Figure(
            f"api: answers, first page {SCALE}, median",
            median_ms(lambda: get("/api/v1/answers/", framework=slug), repeat=10),
        ),
        Figure("api: answers, first page, queries", len(queries), "queries"),
    ]
    return figures
