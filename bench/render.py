"""Entry, reading and hub pages against a floor: a plain Django form of as many textareas,
holding the same texts, rendered by ``{{ form }}`` in a minimal template (issue 14).

Both go through the same test Client, signed in as vn-reporter, the same URL resolver,
middleware (session, sign-in check, CSRF, CSP) and settings, timed the same way, in
the same run, interleaved round by round, in CPU time of this thread (on SQLite that
includes the queries): the ratio (floor time / page time; 1.0x = as fast as the plain
form) is what compares across runs on a machine shared with other work, not the ms.

Two floors: section I's items (its 14 per-priority textareas) and every item of the
report (the reading view's size). The report hub, which shows no answers, is put
against section I's floor.
"""

from __future__ import annotations

import statistics
import time
from functools import cache

from bench.core import Figure, counting_queries
from bench.stack_room import with_room

ROUNDS = 32

# The floor's view lives at a URL of its own beside the project's: ``run`` points
# ROOT_URLCONF at this module for the time of the bench.
urlpatterns: list = []
_FORMS: dict[str, type] = {}

PLAIN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plain form</title></head>
<body><main><form method="post">{% csrf_token %}{{ form }}
<button type="submit">Save</button></form></main></body></html>"""


def _plain_form(items) -> type:
    """A form class with one textarea per item: its label, help and answer as text."""
    from django import forms

    from reports.labels import item_label, length_hint_now

    fields = {}
    for index, item in enumerate(items):
        question = item.question
        text = item.answer_text
        if item.question.has_choices:
            text = "\n".join(filter(None, [", ".join(map(str, item.labels)), text]))
        elif item.rows:
            text = "\n".join(f"{row.title}\n{row.targets}\n{row.evidence}" for row in item.rows)
        fields[f"f{index}"] = forms.CharField(
            label=item_label(item),
            required=False,
            max_length=question.max_length,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=" ".join(
                filter(None, [question.shown_help_text, length_hint_now(question.max_length)])
            ),
            initial=text,
        )
    return type("PlainForm", (forms.Form,), fields)


@cache
def _template(source: str):
    """A template of this module, parsed once (as the cached loader keeps the pages')."""
    from django.template import engines

    return engines["django"].from_string(source)


def _plain_view(request, name: str):
    from django.http import HttpResponse

    return HttpResponse(_template(PLAIN).render({"form": _FORMS[name]()}, request))


# What every page pays before its own content: the layout all pages share, with nothing
# in it (the memberships' query included), and the request alone (middleware, session,
# user). Together with a page's queries they show what is left of the floor's time.
LAYOUT = """{% extends "base.html" %}{% block content %}{% endblock %}"""


def _layout_view(request):
    from django.http import HttpResponse

    return HttpResponse(_template(LAYOUT).render({}, request))


def _request_view(request):
    from django.http import HttpResponse

    return HttpResponse("hi")


def _get(client, url: str) -> tuple[float, float]:
    """CPU time of this thread (the view, the templates and, on SQLite, the queries)
    and wall time, in ms: on a machine shared with other work, CPU time is what does
    not grow with the load (with PostgreSQL it leaves out the server's share)."""
    cpu, wall = time.thread_time(), time.perf_counter()
    response = client.get(url)
    cpu, wall = (time.thread_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return cpu, wall


def _measure(client, pages: dict[str, str]) -> tuple[dict[str, float], dict[str, float]]:
    """Median CPU and wall time per page, in ms."""
    from django.test.utils import override_settings

    # Interleaved: one request of each page per round, so that what else the machine
    # does at a moment weighs on every page alike, and the ratios hold.
    cpu: dict[str, list[float]] = {name: [] for name in pages}
    wall: dict[str, list[float]] = {name: [] for name in pages}
    with override_settings(ROOT_URLCONF=__name__):
        for round_ in range(ROUNDS + 3):
            for name, url in pages.items():
                spent, waited = _get(client, url)
                if round_ >= 3:  # the first rounds warm caches
                    cpu[name].append(spent)
                    wall[name].append(waited)
    ms = {name: statistics.median(values) for name, values in cpu.items()}
    clock = {name: statistics.median(values) for name, values in wall.items()}
    return ms, clock


def _figures(ms: dict[str, float], clock: dict[str, float]) -> list[Figure]:
    floor_section, floor_report, entry, reading, hub, layout, bare = ms.values()
    figures = [Figure(f"render: {name}, median CPU", value) for name, value in ms.items()]
    figures += [
        Figure("ratio: section I vs its plain floor (goal >= 0.9)", floor_section / entry, "x"),
        Figure("ratio: reading view vs the report's plain floor", floor_report / reading, "x"),
        Figure("ratio: reading view vs section I's plain floor", floor_section / reading, "x"),
        Figure("ratio: report hub vs section I's plain floor", floor_section / hub, "x"),
    ]
    walls = list(clock.values())
    figures.append(
        Figure("ratio: section I vs its plain floor, wall clock", walls[0] / walls[2], "x")
    )
    # At 0.9x section I may take floor / 0.9; what the shared layout leaves of that for
    # the page's own reads and fields (its queries are printed below).
    figures += [
        Figure("the layout over the bare request", layout - bare),
        Figure("section I's budget at 0.9x, after the layout", floor_section / 0.9 - layout),
        Figure("section I over the layout", entry - layout),
    ]
    return figures


def setup_pages():
    """The floors' forms and URLs, and a client signed in as vn-reporter: (client, the
    Viet Nam 2022-2023 report, its layout). Requests must be made with ROOT_URLCONF
    pointed at this module."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import include, path

    from reports.layout import build_layout
    from reports.models import Report

    report = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
    layout = build_layout(report)
    _FORMS["section"] = _plain_form(layout.section(1).items)
    _FORMS["report"] = _plain_form([i for i in layout.items() if i.asked])
    urlpatterns[:] = [
        path("bench/plain/<str:name>/", _plain_view),
        path("bench/layout/", _layout_view),
        path("bench/request/", _request_view),
        path("", include("pathfinder.urls")),
    ]
    client = Client()
    client.force_login(get_user_model().objects.get(username="vn-reporter"))
    return client, report, layout


def run() -> list[Figure]:
    from django.test.utils import override_settings
    from django.urls import reverse

    client, report, layout = setup_pages()
    section = layout.section(1)
    in_report = len(_FORMS["report"].base_fields)
    pages = {
        f"floor: plain {{{{ form }}}}, section I's {len(section.items)} textareas": (
            "/bench/plain/section/"
        ),
        f"floor: plain {{{{ form }}}}, the report's {in_report} items as textareas": (
            "/bench/plain/report/"
        ),
        "section I (entry)": reverse("reports:section", args=[report.pk, 1]),
        "reading view (reports:read)": reverse("reports:read", args=[report.pk]),
        "report hub (reports:detail)": reverse("reports:detail", args=[report.pk]),
        "the layout alone (base.html, nothing in it)": "/bench/layout/",
        "the request alone (a view answering 'hi')": "/bench/request/",
    }
    # In the stack room (bench/stack_room.py): no page gains or loses by where the edges
    # of CPython's stack chunks happen to fall (bench.stack shows it on and off).
    figures = _figures(*with_room(_measure, client, pages))
    # Queries of one request of each page, the structure kept (reports.structure).
    with override_settings(ROOT_URLCONF=__name__):
        for name, url in list(pages.items())[2:6]:
            with counting_queries() as queries:
                _get(client, url)
            figures.append(Figure(f"queries: {name}", queries.count, "queries"))
    return figures
