"""The OData feed at the Alliance's scale: every answer of 40 countries over 10 cycles (the
monitoring bench's framework, built here if that bench has not run), read as the
secretariat through Django's test Client: the first page, and the whole walk along
@odata.nextLink as Power BI makes it, each with its queries."""

from __future__ import annotations

import time

from bench.core import Figure, median_ms
from bench.monitoring import COUNTRIES, CYCLES, _build


def _framework_and_user():
    from django.contrib.auth import get_user_model

    from roadmap.models import Framework

    framework = Framework.objects.filter(slug="bench").first()
    if framework is None:
        framework, _cycle, _code, user = _build()
        return framework, user
    return framework, get_user_model().objects.get(username="bench-secretariat")


def run() -> list[Figure]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    framework, user = _framework_and_user()
    connection.queries_log.clear()
    client = Client()
    client.force_login(user)
    first = f"/odata/v4/{framework.slug}/Answers?$count=true"

    counted: list[int] = []

    def get(url: str) -> dict:
        # Django empties the query log as each request starts: count one request at a time.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        counted.append(len(queries))
        return response.json()

    def walk() -> tuple[int, int]:
        url, rows, pages = first, 0, 0
        while url:
            body = get(url)
            rows, pages = rows + len(body["value"]), pages + 1
            url = body.get("@odata.nextLink")
        return rows, pages

    scale = f"{COUNTRIES} countries x {CYCLES} cycles"
    total = get(first)["@odata.count"]
    page_queries = counted[-1]
    counted.clear()
    start = time.perf_counter()
    rows, pages = walk()
    walked = (time.perf_counter() - start) * 1000
    walk_queries = sum(counted)
    assert rows == total, (rows, total)
    return [
        Figure(f"odata: answers ({scale}, {total} rows)", total, "rows"),
        Figure("odata: first page of answers, median", median_ms(lambda: get(first), repeat=10)),
        Figure("odata: first page of answers, queries", page_queries, "queries"),
        Figure(f"odata: walk of every answer ({pages} pages)", walked),
        Figure("odata: walk of every answer, queries", walk_queries, "queries"),
    ]
