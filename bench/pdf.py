"""PDF figures for the demo 2022-2023 report: a fresh render (template + WeasyPrint),
WeasyPrint alone on the same HTML, their ratio, and serving a kept PDF over HTTP."""

from __future__ import annotations

from bench.core import Figure, median_ms


def run() -> list[Figure]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from reports.documents.printer import html_to_pdf, render_html, render_pdf
    from reports.documents.report_pdf import pdf_for
    from reports.models import Report, ReportingCycle

    cycle = ReportingCycle.objects.get_by_code("2022-2023")
    report = Report.objects.with_context().get(country__code="VN", cycle=cycle)
    html = render_html(report)
    pages = _page_count(html_to_pdf(html))

    fresh = median_ms(lambda: render_pdf(report), repeat=5, warmup=1)
    weasy = median_ms(lambda: html_to_pdf(html), repeat=5, warmup=1)
    template = median_ms(lambda: render_html(report), repeat=10, warmup=1)

    pdf_for(report=report)
    client = Client()
    client.force_login(get_user_model().objects.get(username="vn-reporter"))
    url = reverse("reports:pdf", args=[report.pk])

    def serve() -> None:
        response = client.get(url)
        # A bench of an error page would lie.
        assert response.status_code == 200
        b"".join(response.streaming_content)

    kept = median_ms(serve, repeat=30, warmup=3)
    return [
        Figure(f"fresh render, demo report ({pages} pages)", fresh),
        Figure("  of which template + layout (HTML only)", template),
        Figure("WeasyPrint alone on the same HTML", weasy),
        Figure("WeasyPrint share of a fresh render", 100 * weasy / fresh, "%"),
        Figure("serve the kept PDF (GET reports:pdf)", kept),
        Figure("fresh render / serve kept", fresh / kept, "x"),
    ]


def _page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
