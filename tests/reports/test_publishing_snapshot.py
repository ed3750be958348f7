"""What a publication freezes (reports.publication_snapshot) and prints
(reports.documents.public_pdf): the accepted revision, never anything private, and
nothing later until it is published again."""

from __future__ import annotations

import io
import json

import pypdf
import pytest
from django.core.files.storage import storages

from reports.documents.public_store import public_pdfs_store
from reports.models import (
    Answer,
    Comment,
    CommentThread,
    Publication,
    Question,
    TransitionAction,
    WarningExplanation,
)
from reports.revisions import report_touch
from reports.services.evidence import EvidenceTarget, evidence_add
from reports.validation_models import RuleKind
from roadmap.models import Priority
from tests.factories import ActivityFactory, secretariat_of
from tests.reports import evidence_samples as samples

from .publishing_support import step
from .review_support import fill_required

pytestmark = pytest.mark.django_db

# Every private thing below carries this word; the public snapshot and PDF never do.
SECRET = "Quokkasecret"
PUBLIC_ANSWER = "Hotlines answered calls in every province"


def _attach(report, user, *, title: str, public: bool):
    question = Question.objects.get(
        section__questionnaire__cycle=report.cycle, code="evidence_detail"
    )
    return evidence_add(
        report=report,
        user=user,
        target=EvidenceTarget(question=question),
        title=title,
        language="en",
        upload=samples.upload("file.pdf", samples.pdf()),
        is_public=public,
    )


@pytest.fixture
def marked(report, alice, focal, reviewer):
    """An accepted report holding a private marker wherever private things live."""
    for person in (alice, focal, reviewer):
        person.first_name, person.last_name = f"{SECRET}first", f"{SECRET}last"
        person.email = f"{SECRET.lower()}.{person.username}@example.org"
        person.save()
    fill_required(report, text=PUBLIC_ANSWER)
    public_file = _attach(report, alice, title="Child labour survey 2022", public=True)
    _attach(report, alice, title=f"{SECRET} internal memo", public=False)
    activity = ActivityFactory(report=report, title="Training of labour inspectors")
    WarningExplanation.objects.create(
        report=report,
        activity=activity,
        kind=RuleKind.ACTIVITY_IN_CYCLE,
        text=f"{SECRET} explanation",
        written_by=alice,
    )
    question = Question.objects.get(section__questionnaire__cycle=report.cycle, code="highlights")
    thread = CommentThread.objects.create(report=report, question=question, created_by=reviewer)
    Comment.objects.create(thread=thread, author=reviewer, body=f"{SECRET} comment")
    step(report, focal, TransitionAction.SUBMIT, f"{SECRET} late reason")
    step(report, reviewer, TransitionAction.ACCEPT, f"{SECRET} reviewer note")
    report.refresh_from_db()
    report.public_file = public_file
    return report


@pytest.fixture
def secretariat(report):
    return secretariat_of(report.cycle.framework, username="sam")


def test_nothing_private_is_in_the_snapshot(marked, secretariat):
    step(marked, secretariat, TransitionAction.PUBLISH)
    snapshot = Publication.objects.get().snapshot

    text = json.dumps(snapshot, ensure_ascii=False)
    assert SECRET.lower() not in text.lower()
    assert "@" not in text  # no e-mail address at all
    assert PUBLIC_ANSWER in text
    # The public file, as the public pages link it; the private one not even by title.
    files = [f for s in snapshot["sections"] for i in s["items"] for f in i["evidence"]]
    assert files == [
        {"id": marked.public_file.pk, "title": "Child labour survey 2022", "language": "en"}
    ]
    assert snapshot["roadmap"]["themes"][0]["priorities"][0]["key"] == "1.1"
    assert snapshot["framework"]["slug"] == marked.cycle.framework.slug
    assert {"name", "name_vi"} <= set(snapshot["framework"])


def test_the_snapshot_stays_until_published_again(marked, secretariat, reviewer, focal):
    step(marked, secretariat, TransitionAction.PUBLISH)
    first = Publication.objects.get()

    # Reopened, corrected, handed in and accepted again: the public still reads the old.
    step(marked, reviewer, TransitionAction.REOPEN, "One answer needs correcting.")
    Answer.objects.filter(report=marked, text=PUBLIC_ANSWER).update(text="Corrected wording")
    report_touch(report=marked, carry_over=False)
    step(marked, focal, TransitionAction.SUBMIT)
    step(marked, reviewer, TransitionAction.ACCEPT)
    # A priority of the roadmap reworded meanwhile changes nothing published either (behind
    # the models' back, as raw SQL would: the roadmap is frozen, its querysets refuse it).
    Priority._base_manager.filter(roadmap=marked.roadmap).update(text="Reworded priority")

    live = Publication.objects.get(withdrawn_at__isnull=True)
    assert live.pk == first.pk
    frozen = json.dumps(live.snapshot, ensure_ascii=False)
    assert PUBLIC_ANSWER in frozen and "Corrected wording" not in frozen
    assert "Reworded priority" not in frozen

    marked.refresh_from_db()
    step(marked, secretariat, TransitionAction.PUBLISH)
    again = json.dumps(
        Publication.objects.get(withdrawn_at__isnull=True).snapshot, ensure_ascii=False
    )
    assert "Corrected wording" in again and PUBLIC_ANSWER not in again


def _text(name: str) -> str:
    with storages["documents"].open(name) as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_public_pdfs_are_stored_in_both_languages_without_private_parts(marked, secretariat):
    step(marked, secretariat, TransitionAction.PUBLISH)

    assert public_pdfs_store(report_id=marked.pk) == 2
    assert public_pdfs_store(report_id=marked.pk) == 0  # a retry does nothing twice

    publication = Publication.objects.get()
    english, vietnamese = _text(publication.pdf_en.name), _text(publication.pdf_vi.name)
    for text in (english, vietnamese):
        assert SECRET.lower() not in text.lower()
        assert "Child labour survey 2022" in text
        assert "Training of labour inspectors" in text
    assert "Published on" in english and "Công bố ngày" in vietnamese
    assert publication.pdf_en.name.endswith("-public-en.pdf")


def test_no_live_publication_no_pdf(report):
    assert public_pdfs_store(report_id=report.pk) == 0
