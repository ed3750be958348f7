"""A pending import lives in its own row, not in the session: the session stays small
after a large file, what is kept and shown is bounded, and only its owner, on its report,
before it expires, can open, import or cancel it (issue 18, item 7)."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reports.layout import build_layout
from reports.models import MAX_ANSWER_LENGTH, Answer, PendingWordImport, Report
from reports.services.word_import import history_import
from reports.word import pending
from reports.word.reader import read_docx
from tests.factories import CycleFactory, ReportFactory, questionnaire_for

from .helpers import filled_export, upload

pytestmark = pytest.mark.django_db

LONG = 25_000  # characters in each long answer: more than an answer holds
LOOSE = 1_000  # paragraphs that answer no question, of 1,500 characters each


def _words(seed: str, length: int) -> str:
    text = " ".join(f"{seed}{n}" for n in range(length // 4))
    return text[:length]


def large_file(report) -> bytes:
    """The report's export with five answers of 25,000 characters and 1,000 paragraphs
    of front matter that answer no question: ~1.8 million characters."""
    numbers = [i.display_number for i in build_layout(report).items()][:5]
    data = filled_export(report, {n: _words(f"a{n}w", LONG) for n in numbers})
    document = docx.Document(io.BytesIO(data))
    first = document.paragraphs[0]
    for n in range(LOOSE):
        first.insert_paragraph_before(_words(f"loose{n}x", 1_500))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _upload(client, report, data):
    response = client.post(reverse("reports:word_import", args=[report.pk]), {"file": upload(data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


@pytest.fixture
def large(client, report, alice):
    client.force_login(alice)
    return _upload(client, report, large_file(report))


def session_bytes(client) -> int:
    return len(Session.objects.get(session_key=client.session.session_key).session_data)


def test_the_session_stays_small_after_uploading_a_large_file(client, report, alice, large):
    # Before, the session row held every answer and paragraph read: megabytes.
    assert session_bytes(client) < 2_000
    held = PendingWordImport.objects.get()
    assert (held.user, held.report) == (alice, report)
    kept = len(json.dumps(held.proposals)) + len(json.dumps(held.unmatched))
    # The texts at their bounds, and the JSON around them.
    bound = 5 * MAX_ANSWER_LENGTH + pending.MAX_UNMATCHED * pending.MAX_UNMATCHED_CHARS
    assert kept < bound + 20_000
    assert all(len(p["text"]) <= MAX_ANSWER_LENGTH for p in held.proposals.values())
    assert len(held.unmatched) == pending.MAX_UNMATCHED
    assert held.unmatched_left_out == LOOSE - pending.MAX_UNMATCHED
    # Requests after it carry nothing of the file either.
    client.get(reverse("reports:detail", args=[report.pk]))
    assert session_bytes(client) < 2_000


def test_the_preview_of_a_large_file_is_bounded_and_says_what_it_leaves_out(client, report, large):
    page = client.get(large).content.decode()

    # 1.8 million characters read; the page shows at most 3,000 per text.
    assert len(page) < 400_000
    assert page.count('data-testid="preview-cut"') == 5
    assert "Only the first 3,000 characters of each text are shown here." in page
    assert "only its first 20,000 characters would be imported" in page
    assert 'data-testid="unmatched-left-out"' in page and "And 700 more paragraphs" in page
    # An answer the import would cut is not ticked by default.
    assert page.count('data-status="new"') == 5
    assert "checked" not in page.split('data-testid="unmatched"')[0].split("<tbody>")[1]


def test_a_cut_answer_imports_its_first_20000_characters_when_ticked(client, report, alice, large):
    client.post(large, {"import_all": "1"})

    texts = [a.text for a in Answer.objects.filter(report=report)]
    assert len(texts) == 5 and all(len(t) == MAX_ANSWER_LENGTH for t in texts)
    assert not PendingWordImport.objects.exists()


def _small(client, report, user) -> str:
    client.force_login(user)
    items = build_layout(report).items()
    number = next(i for i in items if i.question.code == "highlights").display_number
    return _upload(client, report, filled_export(report, {number: "From Word."}))


NO_LONGER_OPEN = "This import is no longer open"


def test_an_expired_import_gives_a_clear_page_and_is_deleted_at_the_next_upload(
    client, report, alice
):
    url = _small(client, report, alice)
    PendingWordImport.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = client.get(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("reports:word_import", args=[report.pk])
    assert NO_LONGER_OPEN in response.content.decode() and "8 hours" in response.content.decode()
    client.post(url, {"import_all": "1"})
    assert not Answer.objects.filter(report=report).exists()
    expired = PendingWordImport.objects.get()
    _small(client, report, alice)
    assert not PendingWordImport.objects.filter(pk=expired.pk).exists()


def test_someone_elses_token_gives_the_same_page_and_imports_nothing(client, report, alice, bob):
    url = _small(client, report, alice)
    client.force_login(bob)

    response = client.get(url, follow=True)
    assert NO_LONGER_OPEN in response.content.decode()
    client.post(url, {"import_all": "1"})
    client.post(url, {"cancel": "1"})

    assert not Answer.objects.filter(report=report).exists()
    assert PendingWordImport.objects.get().user == alice


def test_a_token_on_another_report_is_not_open_there(client, report, alice):
    url = _small(client, report, alice)
    earlier = CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2021, 5, 1))
    questionnaire_for(earlier)
    other = ReportFactory(country=report.country, cycle=earlier, roadmap=report.roadmap)
    token = url.rstrip("/").split("/")[-1]

    response = client.get(reverse("reports:word_preview", args=[other.pk, token]), follow=True)

    assert NO_LONGER_OPEN in response.content.decode()


def test_cancel_deletes_the_pending_import_and_saves_nothing(client, report, alice):
    url = _small(client, report, alice)

    response = client.post(url, {"cancel": "1", "accept": ["q1"]}, follow=True)

    assert "Import cancelled: nothing was saved." in response.content.decode()
    assert not PendingWordImport.objects.exists()
    assert not Answer.objects.filter(report=report).exists()


def test_a_person_keeps_three_imports_at_most(client, report, alice):
    urls = [_small(client, report, alice) for _ in range(4)]

    assert PendingWordImport.objects.filter(user=alice).count() == 3
    assert NO_LONGER_OPEN in client.get(urls[0], follow=True).content.decode()
    assert client.get(urls[3]).status_code == 200


def test_another_persons_imports_are_not_counted_against_mine(client, report, alice, bob):
    _small(client, report, bob)
    for _ in range(3):
        _small(client, report, alice)
    assert PendingWordImport.objects.filter(user=bob).count() == 1


def test_a_file_with_more_text_than_any_report_is_read_up_to_the_bound_and_says_so(
    client, report, alice, monkeypatch
):
    """Past ``MAX_TEXT_CHARS`` the rest of the file is never inflated or parsed: the
    preview says so, and what was read before the bound is offered as usual."""
    client.force_login(alice)
    data = large_file(report)
    assert len(read_docx(data).lines) > LOOSE and not read_docx(data).cut
    monkeypatch.setattr("reports.word.stream.MAX_TEXT_CHARS", 20_000)
    document = read_docx(data)
    assert document.cut and len(document.lines) < 20

    page = client.get(_upload(client, report, data)).content.decode()

    assert 'data-testid="file-cut"' in page, page[:3000]
    assert "only its first 20,000 characters were read" in page
    assert PendingWordImport.objects.get().file_cut


def test_history_is_not_imported_from_a_file_read_only_in_part(admin_user, report, monkeypatch):
    monkeypatch.setattr("reports.word.stream.MAX_TEXT_CHARS", 20_000)
    earlier = CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2012, 5, 1))
    questionnaire_for(earlier)

    with pytest.raises(ValidationError, match="far more text than a report"):
        history_import(
            country=report.country,
            cycle=earlier,
            user=admin_user,
            data=large_file(report),
            source="big.docx",
        )
    assert not Report.objects.filter(cycle=earlier).exists()
