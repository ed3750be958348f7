"""Nothing private ever reaches a public page or public file. Private markers (unique
strings) are seeded into everything that is not published: comments, a draft's answers, a
handed-in report not yet accepted, a late reason, a reviewer's note, a warning
explanation, a private evidence file's title, people's names and e-mails, a withdrawn
publication, an edit made after publishing. Then every public URL is fetched (the static
export follows every link from /public/ and the site map: pages in both languages, the
site map, CSVs, zips unzipped, PDFs as text, evidence files) and searched. The published
text must be found, so the search is shown to look where it should."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from pypdf import PdfReader

from reports.models import (
    Answer,
    Comment,
    CommentThread,
    Publication,
    Report,
    ReportState,
    Transition,
    TransitionAction,
    WarningExplanation,
)
from tests.factories import (
    CountryFactory,
    CycleFactory,
    UserFactory,
    member,
    report_with_form,
    secretariat_of,
)
from tests.public.conftest import country_reports, fill, publish

from .support import withdraw
from .test_static_site import public_evidence

pytestmark = pytest.mark.django_db
PRIVATE = "PRIVMARK"  # every private marker starts with it
PUBLIC_ANSWER = "PUBMARK-answer"
PUBLIC_FILE = "PUBMARK-file"


def _person(tag: str, make=UserFactory):
    return make(
        username=f"{PRIVATE}-{tag}-login",
        first_name=f"{PRIVATE}-{tag}-first",
        last_name=f"{PRIVATE}-{tag}-last",
        email=f"{PRIVATE.lower()}-{tag}@example.org",
    )


def _private_around(report: Report, *, reporter, reviewer) -> None:
    """Everything about ``report`` that is not the report (written while it is open)."""
    Report.objects.filter(pk=report.pk).update(state=ReportState.DRAFT)
    activity = report.activities.first()
    thread = CommentThread.objects.create(report=report, activity=activity, created_by=reviewer)
    Comment.objects.create(thread=thread, author=reviewer, body=f"{PRIVATE}-comment")
    for action, reason, by in (
        (TransitionAction.SUBMIT, f"{PRIVATE}-late-reason", reporter),
        (TransitionAction.RETURN, f"{PRIVATE}-reviewer-note", reviewer),
        (TransitionAction.ACCEPT, f"{PRIVATE}-accept-note", reviewer),
    ):
        Transition.objects.create(
            report=report,
            action=action,
            from_state="draft",
            to_state="submitted",
            by=by,
            reason=reason,
        )
    WarningExplanation.objects.create(
        report=report,
        activity=activity,
        kind="participants_add_up",
        text=f"{PRIVATE}-explanation",
        written_by=reporter,
    )
    public_evidence(report, title=f"{PRIVATE}-evidence-title", public=False)
    public_evidence(report, title=PUBLIC_FILE, public=True)


@pytest.fixture
def seeded(db):
    cache.clear()
    reporter, reviewer = _person("reporter"), _person("reviewer")
    # Viet Nam, two cycles published; the first with everything private around it.
    first, second = country_reports(2)
    framework = first.cycle.framework
    secretariat = _person("sec", lambda **kw: secretariat_of(framework, **kw))
    member(first, username=f"{PRIVATE}-member-login", email=f"{PRIVATE.lower()}-m@example.org")
    Answer.objects.filter(report=first, question__code="priority_progress").update(
        text=PUBLIC_ANSWER
    )
    _private_around(first, reporter=reporter, reviewer=reviewer)
    for report in (first, second):
        publication = publish(report, by=secretariat)
        publication.pdf_en.save("p.pdf", ContentFile(_pdf(PUBLIC_ANSWER)), save=True)
    # Edited after it was published: public only once published again.
    Answer.objects.filter(report=second, question__code="priority_progress").update(
        text=f"{PRIVATE}-after-publishing"
    )
    # Viet Nam's next cycle, a draft.
    draft = Report.objects.create(
        country=first.country,
        cycle=CycleFactory(starts_on=dt.date(2021, 5, 1)),
        roadmap=first.roadmap,
    )
    from tests.factories import questionnaire_for

    questionnaire_for(draft.cycle)
    fill(draft, marker=f" {PRIVATE}-draft")
    Report.objects.filter(pk=draft.pk).update(state=ReportState.DRAFT)
    # Another country's report handed in, not accepted; a third's published then withdrawn.
    submitted = fill(
        report_with_form(priorities=2, country=CountryFactory(code="KH"), cycle=first.cycle),
        marker=f" {PRIVATE}-submitted",
    )
    Report.objects.filter(pk=submitted.pk).update(state=ReportState.SUBMITTED)
    withdrawn = fill(
        report_with_form(priorities=2, country=CountryFactory(code="LA"), cycle=first.cycle),
        marker=f" {PRIVATE}-withdrawn",
    )
    publish(withdrawn, by=secretariat)
    withdraw(withdrawn, reason=f"{PRIVATE}-withdrawal-reason")
    assert Publication.objects.filter(withdrawn_at__isnull=True).count() == 2
    return first


def _pdf(text: str) -> bytes:
    """A one-page PDF holding ``text`` (as a public PDF would, rendered elsewhere)."""
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def _texts(path: Path, body: bytes) -> list[tuple[str, str]]:
    """(name, text) of a file and, for a zip, of every member; a PDF as its text."""
    name = path.as_posix()
    if name.endswith(".zip"):
        archive = zipfile.ZipFile(io.BytesIO(body))
        return [
            pair
            for member in archive.namelist()
            for pair in _texts(Path(f"{name}!{member}"), archive.read(member))
        ]
    if body.startswith(b"%PDF"):
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
        return [(name, text)]
    return [(name, body.decode("utf-8", errors="replace"))]


def test_no_private_marker_on_any_public_page_or_file(seeded, tmp_path, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "data.example.org"]
    folder = tmp_path / "site"
    call_command(
        "export_public_site",
        str(folder),
        base_url="https://data.example.org",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    texts = [
        pair
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "static" not in path.relative_to(folder).parts
        for pair in _texts(path.relative_to(folder), path.read_bytes())
    ]
    names = {name for name, _ in texts}
    # It looked everywhere: pages in both languages, the site map, each kind of file.
    for expected in (
        "public/en/alliance87/vn/index.html",
        "public/vi/alliance87/vn/2019-2020/index.html",
        "public/sitemap.xml",
        "public/data/alliance87/vn/answers.csv",
        "public/data/alliance87.zip!VN/answers.csv",
        "public/data/alliance87/vn.zip!datapackage.json",
        "public/en/alliance87/vn/2019-2020/report.pdf",
    ):
        assert expected in names, expected
    assert any("/evidence/" in name for name in names)
    leaks = sorted({name for name, text in texts if PRIVATE in text or PRIVATE.lower() in text})
    assert leaks == []
    # ... and found what is public.
    found = {
        marker: [n for n, text in texts if marker in text]
        for marker in (PUBLIC_ANSWER, PUBLIC_FILE)
    }
    assert "public/en/alliance87/vn/2019-2020/index.html" in found[PUBLIC_ANSWER]
    assert "public/data/alliance87/vn/answers.csv" in found[PUBLIC_ANSWER]
    assert "public/data/alliance87.zip!VN/answers.csv" in found[PUBLIC_ANSWER]
    assert "public/en/alliance87/vn/2019-2020/report.pdf" in found[PUBLIC_ANSWER]
    assert found[PUBLIC_FILE]
    # Nor is anything of the withdrawn or unpublished countries there at all.
    assert not any("/la/" in n or "/kh/" in n or "/LA/" in n or "/KH/" in n for n in names)
