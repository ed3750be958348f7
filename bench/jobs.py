"""Jobs: the PDF download while four people edit the same report (each saving once a
second), and the time from a transition to a ready PDF in both languages (the worker's
render, what a reader waits for after "accept" once the worker takes the job)."""

from __future__ import annotations

import statistics
import threading
import time

from bench.core import Figure

EDITORS = 4
DOWNLOADS = 40


def run() -> list[Figure]:
    from django.contrib.auth import get_user_model
    from django.db import close_old_connections
    from django.test import Client
    from django.urls import reverse

    from reports import tasks
    from reports.documents.report_pdf import pdf_for
    from reports.models import Report, ReportingCycle
    from reports.revisions import report_touch

    cycle = ReportingCycle.objects.get_by_code("2022-2023")
    report = Report.objects.with_context().get(country__code="VN", cycle=cycle)

    start = time.perf_counter()
    tasks._render(report.pk)
    both = (time.perf_counter() - start) * 1000

    pdf_for(report=report, language="en")
    stop = threading.Event()

    def editor() -> None:
        # One save a second, as the entry page's autosave does while someone types.
        while not stop.is_set():
            report_touch(report=Report.objects.with_context().get(pk=report.pk))
            stop.wait(1)
        close_old_connections()

    threads = [threading.Thread(target=editor) for _n in range(EDITORS)]
    for thread in threads:
        thread.start()
    client = Client()
    client.force_login(get_user_model().objects.get(username="vn-reporter"))
    url = reverse("reports:pdf", args=[report.pk])
    samples = []
    try:
        for _n in range(DOWNLOADS):
            began = time.perf_counter()
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            b"".join(response.streaming_content)
            samples.append((time.perf_counter() - began) * 1000)
            time.sleep(0.1)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    samples.sort()
    return [
        Figure(
            f"PDF download, {EDITORS} editors saving each second: median",
            statistics.median(samples),
        ),
        Figure(
            f"PDF download, {EDITORS} editors saving each second: p95",
            samples[int(0.95 * len(samples)) - 1],
        ),
        Figure("accept -> PDF ready in both languages (worker render)", both),
    ]
