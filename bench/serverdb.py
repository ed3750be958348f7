"""The database side of the server benches (``bench.server``), run in a process of its own
against the throw-away PostgreSQL database: ``python -m bench.serverdb prepare`` and
``python -m bench.serverdb answers``. Each prints one JSON document on stdout.

A process of its own because the bench's main process is set up on another database
(``bench.__main__``), and Django is set up once per process.

- ``prepare``: migrate, seed the demo, keep the PDFs the load test downloads (English,
  the site's language: a download never renders, it answers 202 until one is kept), and
  sign people in (sessions made here, as ``bench.http`` does: no password hashing under
  load). It prints what the load needs: session keys per account, the editable reports
  with their sections, the reports a reviewer reads and may comment on, the PDFs, the board.
- ``answers REPORT KEY...``: each item's stored text, revision and number of history
  records, for the autosave bench to check that no save was lost or applied twice.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys

# How many sessions per account: one per simulated person, as a browser would have.
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "10"))


def _sessions(username: str, count: int) -> list[str]:
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    keys = []
    for _ in range(count):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        keys.append(session.session_key)
    return keys


def _editors(reports: list) -> list[dict]:
    """Each editable report with each person who may edit it: its pages and autosaves."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from reports import permissions
    from reports.layout import build_layout

    users = get_user_model().objects
    editors: list[dict] = []
    for report in reports:
        for user in users.filter(memberships__country_id=report.country_id).order_by("pk"):
            if not permissions.can_edit_report(user, report):
                continue
            layout = build_layout(report, with_answers=False)
            editors.append(
                {
                    "report": report.pk,
                    "label": f"{report.country.code} {report.cycle.code}",
                    "username": user.username,
                    "hub": reverse("reports:detail", args=[report.pk]),
                    "pdf": reverse("reports:pdf", args=[report.pk]),
                    "sections": [
                        reverse("reports:section", args=[report.pk, s.section.order])
                        for s in layout.sections
                    ],
                    "autosave": [
                        reverse("reports:autosave", args=[report.pk, s.section.order])
                        for s in layout.sections
                    ],
                }
            )
    return editors


def _reviewed(reports: list) -> list[dict]:
    """The reports the ILO reviewer reads and may comment on, with their first 20 items."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from reports import permissions
    from reports.layout import build_layout

    reviewer = get_user_model().objects.get(username="ilo-reviewer")
    reviewed = []
    for report in reports:
        if permissions.can_view_report(reviewer, report) and permissions.can_comment(
            reviewer, report
        ):
            layout = build_layout(report, with_answers=False)
            reviewed.append(
                {
                    "report": report.pk,
                    "label": f"{report.country.code} {report.cycle.code}",
                    "read": reverse("reports:read", args=[report.pk]),
                    "thread_new": reverse("reports:thread_new", args=[report.pk]),
                    "items": [item.key for item in layout.items()][:20],
                }
            )
    return reviewed


def prepare() -> dict:
    from django.core.management import call_command
    from django.urls import reverse

    from reports.documents.report_pdf import pdf_for
    from reports.models import Report
    from roadmap.models import Framework

    call_command("migrate", verbosity=0)
    # As of March 2023: Viet Nam's 2022-2023 report, the one the benches measure, is the
    # draft being filled in (seeded today it is handed in, and the draft nearly empty).
    call_command("seed_demo", today=dt.date(2023, 3, 15), stdout=io.StringIO())
    reports = list(Report.objects.with_context().order_by("pk"))
    editors = _editors(reports)
    reviewed = _reviewed(reports)
    # Keep the PDFs the load downloads: the reports being edited (served at an older
    # revision once edited: the download never renders) and those the reviewer reads.
    for pk in sorted({e["report"] for e in editors} | {e["report"] for e in reviewed}):
        pdf_for(report=next(r for r in reports if r.pk == pk))
    pdfs = [reverse("reports:pdf", args=[entry["report"]]) for entry in reviewed]
    framework = Framework.objects.order_by("pk").first()
    accounts = {e["username"] for e in editors} | {"ilo-reviewer", "secretariat"}
    return {
        "sessions": {name: _sessions(name, SESSIONS) for name in sorted(accounts)},
        "editors": editors,
        "reviewed": reviewed,
        "pdfs": pdfs,
        "board": reverse("monitoring:board", args=[framework.slug]),
        "home": reverse("home"),
    }


def answers(report_pk: int, keys: list[str]) -> dict:
    from reports.layout import key_of
    from reports.models import Answer

    wanted = set(keys)
    found = {}
    for answer in Answer.objects.filter(report_id=report_pk):
        key = key_of(answer)
        if key in wanted:
            found[key] = {
                "text": answer.text,
                "revision": answer.revision,
                "history": Answer.history.filter(id=answer.pk).count(),
            }
    return found


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
    import django

    django.setup()
    command, *args = sys.argv[1:]
    if command == "prepare":
        result = prepare()
    elif command == "answers":
        result = answers(int(args[0]), args[1:])
    else:
        raise SystemExit(f"unknown command {command!r}")
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
