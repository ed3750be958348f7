"""An answer posted with bytes that are not UTF-8 is refused at its field and the stored
answer kept, by the Save button (urlencoded) and by the autosave (multipart); a
replacement character typed or pasted as such is an ordinary character."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from reports.models import Answer, QuestionKind
from reports.services.answers import stored_digest
from tests.factories import AnswerFactory

from .entry_helpers import item, layout_of, section_data, section_url

pytestmark = pytest.mark.django_db

STORED = "The decree was adopted in May."
# "Hà Nam" sent as Latin-1: bytes that are not UTF-8.
DAMAGED = "Hà Nam".encode("latin-1")
PASTED = "Child \ufffdabour"  # a real U+FFFD, as copied from a damaged PDF


def stored_answer(report, code, index=0):
    it = item(report, code, index)
    return AnswerFactory(
        report=report,
        question=it.question,
        priority=it.priority,
        next_step=it.next_step,
        text=STORED,
    )


def urlencoded(data: dict, raw: dict[str, bytes]) -> bytes:
    plain = {k: v for k, v in data.items() if k not in raw}
    extra = "&".join(f"{quote(k)}={quote(v)}" for k, v in raw.items())
    return (urlencode(plain, doseq=True) + "&" + extra).encode("ascii")


def multipart(data: dict, raw: dict[str, bytes], boundary: str = "pf-boundary") -> bytes:
    body = b""
    fields = [(k, v) for k, v in data.items() if k not in raw] + list(raw.items())
    for name, value in fields:
        for one in value if isinstance(value, list) else [value]:
            one = one if isinstance(one, bytes) else str(one).encode()
            body += (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + one
                + b"\r\n"
            )
    return body + f"--{boundary}--\r\n".encode()


def test_save_refuses_bytes_that_are_not_utf8_and_keeps_the_stored_answer(client, report, alice):
    client.force_login(alice)
    damaged = item(report, "priority_progress", 0).key
    pasted = item(report, "priority_progress", 1).key
    stored = stored_answer(report, "priority_progress", 0)
    data = section_data(report, 1, **{pasted: PASTED})
    data[f"{damaged}-base"] = f"{stored.revision}:{stored_digest(stored)}"
    body = urlencoded(data, {damaged: b"Work in " + DAMAGED})

    response = client.post(
        section_url(report, 1), body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    errors = [e for e in response.context["errors"] if e["id"] == f"id_{damaged}"]
    assert errors and "not sent as UTF-8" in errors[0]["message"]
    stored.refresh_from_db()
    assert (stored.text, stored.revision) == (STORED, 1)
    # What arrived stays in the field, the unreadable bytes shown as �.
    assert "Work in H\ufffd Nam" in response.context["form"][damaged].value()
    # The rest of the section is saved, a pasted U+FFFD included.
    other = item(report, "priority_progress", 1)
    saved = Answer.objects.get(report=report, question=other.question, priority=other.priority)
    assert saved.text == PASTED


def test_autosave_refuses_bytes_that_are_not_utf8_in_an_answer_and_a_next_step(
    client, report, alice
):
    client.force_login(alice)
    steps = item(report, "next_steps")
    order = steps.question.section.order
    text = next(
        i for i in layout_of(report).section(order).items if i.question.kind == QuestionKind.TEXT
    )
    stored = stored_answer(report, text.question.code)
    data = section_data(report, order) | {
        f"{text.key}-base": f"{stored.revision}:{stored_digest(stored)}",
        f"{steps.key}-0-work_areas": "child_labour",
        f"{steps.key}-0-targets": "Three courses",
    }
    raw = {text.key: b"Work in " + DAMAGED, f"{steps.key}-0-title": b"Decree " + DAMAGED}

    reply = client.post(
        section_url(report, order, "reports:autosave"),
        multipart(data, raw),
        content_type="multipart/form-data; boundary=pf-boundary",
    ).json()

    assert reply["ok"] is False
    messages = {e["id"]: e["message"] for e in reply["errors"]}
    assert "not sent as UTF-8" in messages[f"id_{text.key}"]
    assert "not sent as UTF-8" in messages[f"id_{steps.key}-0-title"]
    stored.refresh_from_db()
    assert (stored.text, stored.revision) == (STORED, 1)
    assert not report.next_steps.exists()
