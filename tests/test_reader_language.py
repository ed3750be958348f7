"""The demo read in Vietnamese holds no English taken from the data, and the English pages
no Vietnamese: every page a reporter, a reviewer, the secretariat and an admin reach from
the home page, the report PDF, the Word export and an e-mail.

What is checked: every text of a TRANSLATED_FIELDS field of the demo's translatable rows
(roadmap data and questionnaire) whose Vietnamese differs from its English. A text the
country also typed somewhere (an answer quoting "Viet Nam", say) may rightly show in
either language, so it is left out; what is left must not appear on the other
language's page.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import models
from django.urls import Resolver404, resolve
from django.utils import translation

from translations.translatable import Translatable

pytestmark = pytest.mark.django_db

# Pages not walked: downloads (checked apart below), forms that act, the language switch.
SKIPPED_ROUTES = {
    "logout",
    # The public PDF is printed by the job engine: "being prepared" (503) until then.
    "report_pdf",
    "set_language",
    "pdf",
    "export",
    "cycle_export",
    "board_export",
    "word_export",
    # A country's own file, in the language it was written in (and the demo snapshot
    # copies the database, not the files).
    "evidence",
    "autosave",
    "password_change",
    "password_change_done",
}
# Pages of one kind walked per person: the second and third show the variety (another
# report, another country) without walking all 24 reports of the demo.
PER_ROUTE = 3
ADMIN_PAGES = [
    "/admin/",
    "/admin/roadmap/priority/",
    "/admin/roadmap/theme/",
    "/admin/reports/report/",
    "/admin/roadmap/country/",
    "/admin/roadmap/framework/",
    "/admin/roadmap/roadmap/",
    "/admin/roadmap/indicator/",
]


class _Visible(HTMLParser):
    """The text a reader sees or hears: text outside script and style, and the title,
    aria-label, alt and placeholder attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "alt", "placeholder") and value:
                self.parts.append(value)
            if tag == "a" and name == "href" and value:
                self.links.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible(html: str) -> tuple[str, list[str]]:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split()), parser.links


def _typed_texts() -> list[str]:
    """Every text held by a row that is not translatable data (answers, activities, next
    steps, comments, names... and their history)."""
    texts = []
    for model in apps.get_models():
        source = getattr(model, "instance_type", model)  # a historical model's own model
        # A publication's snapshot is a copy of the data in both languages, not typed text.
        if source.__name__ == "Publication":
            continue
        if issubclass(source, Translatable) or model._meta.app_label not in (
            "reports",
            "roadmap",
            "auth",
        ):
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model._default_manager.values_list(*fields):
            texts.extend(str(value) for value in row if value)
    return texts


def _fragments(text: str) -> list[str]:
    """A text's pieces between its placeholders ("Since {period_start}, what..."), each
    long enough to be telling, spaces normalised."""
    pieces = re.split(r"\{[a-z_]+\}", text)
    return [p for p in (" ".join(piece.split()).strip(" .,:;?") for piece in pieces) if len(p) >= 3]


def _needles() -> dict[str, set[str]]:
    """{"en": English texts that must not show on a Vietnamese page, "vi": the reverse}."""
    typed = "\n".join(_typed_texts())
    found: dict[str, set[str]] = {"en": set(), "vi": set()}
    for model in apps.get_models():
        if not issubclass(model, Translatable) or model._meta.abstract:
            continue
        for row in model._default_manager.all():
            for field in model.TRANSLATED_FIELDS:
                english = getattr(row, field) or ""
                vietnamese = (row.translations or {}).get("vi", {}).get(field) or ""
                if not vietnamese or vietnamese == english:
                    continue
                for language, text in (("en", english), ("vi", vietnamese)):
                    for piece in _fragments(str(text)):
                        if not _contains(typed, piece):
                            found[language].add(piece)
    # A piece that is also a piece of the other language's texts (a name both share).
    shared = found["en"] & found["vi"]
    return {language: pieces - shared for language, pieces in found.items()}


def _contains(text: str, piece: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text) is not None


def _leaks(text: str, needles: set[str], *, path: str = "") -> list[str]:
    return sorted(n for n in needles if _contains(text, n))


@pytest.fixture
def demo(client, demo_snapshot):
    demo_snapshot.load()
    return _needles()


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.url_name


def walk(client, username: str, language: str) -> dict[str, str]:
    """The visible text of every page ``username`` reaches from the home page by links
    (``PER_ROUTE`` pages of each kind), and of ``ADMIN_PAGES`` for staff, by path."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages: dict[str, str] = {}
    per_route: Counter[str] = Counter()
    queue = ["/", *(ADMIN_PAGES if user.is_staff else [])]
    while queue:
        path = queue.pop(0)
        route = _route(path)
        if path in pages or route is None or route in SKIPPED_ROUTES:
            continue
        if not path.startswith("/admin/") and per_route[route] >= PER_ROUTE:
            continue
        per_route[route] += 1
        response = client.get(path)
        assert response.status_code in (200, 302), (path, response.status_code)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            pages[path] = ""
            continue
        text, links = visible(response.content.decode())
        pages[path] = text
        for link in links:
            parts = urlsplit(link)
            if (
                not parts.netloc
                and parts.path.startswith("/")
                and not parts.path.startswith("/admin/")
            ):
                queue.append(parts.path)
    client.logout()
    return pages


PEOPLE = ["vn-reporter", "vn-focal", "ilo-reviewer", "secretariat", "admin"]


def test_every_page_of_the_demo_reads_in_the_readers_language_with_no_data_from_the_other(
    client, demo
):
    assert "Viet Nam SDG 8.7 roadmap" in demo["en"]
    assert "Lao động trẻ em và doanh nghiệp" in demo["vi"]
    problems = []
    walked = 0
    for username in PEOPLE:
        for language, other in (("vi", "en"), ("en", "vi")):
            pages = walk(client, username, language)
            walked += len(pages)
            for path, text in pages.items():
                if leaks := _leaks(text, demo[other], path=path):
                    problems.append((username, language, path, leaks[:5]))
    assert walked > 60
    assert not problems, "\n".join(map(str, problems))


def test_vietnamese_pages_show_the_vietnamese_roadmap(client, demo):
    pages = walk(client, "vn-reporter", "vi")
    everything = " ".join(pages.values())
    for text in ["Việt Nam", "Mua bán trẻ em", "Số cuộc gọi đến Tổng đài 111", "cuộc gọi"]:
        assert text in everything


def test_the_pdf_the_word_file_and_the_emails_follow_the_language(demo):
    from docx import Document
    from pypdf import PdfReader

    from reports.documents.printer import render_pdf
    from reports.models import Report, Transition
    from reports.notifications import transition_notify
    from reports.word.writer import render_docx

    report = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
    pdf = PdfReader(io.BytesIO(render_pdf(report, "vi")))
    pdf_text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "Việt Nam" in pdf_text and "Mua bán trẻ em" in pdf_text
    assert not _leaks(pdf_text, demo["en"])

    document = Document(io.BytesIO(render_docx(report, "vi")))
    word_text = " ".join(p.text for p in document.paragraphs)
    assert "Phòng ngừa lao động trẻ em trong nông nghiệp" in word_text
    assert not _leaks(word_text, demo["en"])

    accepted = Transition.objects.filter(
        report__country__code="VN", report__cycle__starts_on__year=2021, action="accept"
    ).first()
    mail.outbox = []
    assert transition_notify(transition_id=accepted.pk) > 0
    by_language = {}
    for message in mail.outbox:
        with translation.override("en"):
            language = "vi" if "Việt Nam" in message.body + message.subject else "en"
        by_language[language] = message
        other = "en" if language == "vi" else "vi"
        assert not _leaks(f"{message.subject} {message.body}", demo[other])
    assert "vi" in by_language, [m.body for m in mail.outbox]
