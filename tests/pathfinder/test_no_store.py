"""No signed-in page, PDF or export may be kept by a browser or proxy cache (issue 8, 10)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reports.models import CommentThread, Question
from tests.factories import ActivityFactory


def _named_routes(patterns, namespace: str = ""):
    """(name, parameter names) of every named route, namespaces included."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", list(entry.pattern.converters)


def _portal_routes():
    """Every route of the reports URLs, and the home page (the admin is Django's own)."""
    return sorted(
        (name, params)
        for name, params in _named_routes(get_resolver().url_patterns)
        if name.startswith("reports:") or name == "home"
    )


def test_the_walk_finds_the_report_pages_pdf_and_exports():
    names = {name for name, _ in _portal_routes()}
    assert {"home", "reports:detail", "reports:pdf", "reports:export"} <= names
    assert len(names) > 15


@pytest.mark.django_db
def test_every_report_url_answers_private_no_store(client, report, alice):
    activity = ActivityFactory(report=report)
    thread = CommentThread.objects.create(
        report=report, question=Question.objects.first(), created_by=alice
    )
    values = {
        "pk": report.pk,
        "order": 1,
        "activity_pk": activity.pk,
        "thread_pk": thread.pk,
        "action": "submit",
        "fmt": "csv",
        "code": report.cycle.code,
        "token": "an-import-no-longer-open",
        "revision": 1,
        "kind": "activity",
        "target_pk": activity.pk,
        "evidence_pk": 999_999,
        "assignment_pk": 999_999,
    }
    client.force_login(alice)
    answered = {}
    for name, params in _portal_routes():
        response = client.get(reverse(name, kwargs={p: values[p] for p in params}))
        answered[name] = response.status_code
        cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= cache_control, (name, response.status_code)
    # The walk really reached the pages, the PDF and the exports (POST-only steps answer 405).
    for name in ("home", "reports:detail", "reports:section", "reports:pdf", "reports:export"):
        assert answered[name] == 200, (name, answered[name])


@pytest.mark.django_db
def test_static_files_keep_their_caching(client, alice, settings):
    settings.WHITENOISE_USE_FINDERS = True
    client.force_login(alice)
    response = client.get("/static/css/pathfinder.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
