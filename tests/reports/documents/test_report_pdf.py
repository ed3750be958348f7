"""A report's PDF is rendered once per revision and kept (``documents.report_pdf``); the
render_report command."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from reports.documents import printer
from reports.documents.report_pdf import pdf_for
from reports.management.commands import render_report
from reports.models import DocumentKind, KeptDocument, Report, ReportState
from reports.revisions import report_touch
from tests.factories import CountryFactory, report_with_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Replace the costly WeasyPrint render by a counted stand-in: these tests are about
    when a render happens, not what it draws (tests/reports/documents/test_printer.py is)."""
    calls: list[int] = []

    def fake_render(report: Report, language: str | None = None) -> bytes:
        calls.append(report.revision)
        return f"%PDF-1.7 report {report.pk} revision {report.revision}".encode()

    monkeypatch.setattr(printer, "render_pdf", fake_render)
    return calls


def content(pdf: KeptDocument) -> bytes:
    with pdf.file.open("rb") as f:
        return f.read()


def test_pdf_is_rendered_once_and_served_from_the_kept_file(report, renders):
    first = pdf_for(report=report)
    again = pdf_for(report=report)
    assert renders == [1]
    assert again.pk == first.pk
    assert content(again) == f"%PDF-1.7 report {report.pk} revision 1".encode()
    assert first.file.name.startswith(f"reports/pdf/{report.pk}/")


def test_a_changed_report_gets_a_new_pdf_and_the_old_one_goes(
    report, renders, django_capture_on_commit_callbacks
):
    old = pdf_for(report=report)
    old_name = old.file.name
    report_touch(report=report)
    with django_capture_on_commit_callbacks(execute=True):
        new = pdf_for(report=report)
    assert renders == [1, 2]
    assert new.revision == 2 and b"revision 2" in content(new)
    assert list(report.documents.all()) == [new]
    assert not old.file.storage.exists(old_name)


def test_a_change_saved_during_the_render_is_not_kept_under_the_old_revision(report, monkeypatch):
    calls = []

    def slow_render(r: Report, language: str | None = None) -> bytes:
        calls.append(r.revision)
        if len(calls) == 1:
            report_touch(report=Report.objects.get(pk=r.pk))  # someone saves meanwhile
        return f"%PDF revision {r.revision}".encode()

    monkeypatch.setattr(printer, "render_pdf", slow_render)
    kept = pdf_for(report=report)
    assert calls == [1, 2]
    assert kept.revision == 2 and content(kept) == b"%PDF revision 2"


def test_when_another_request_keeps_the_same_revision_first_its_pdf_is_used(
    report, renders, monkeypatch
):
    original_save = FileSystemStorage.save

    def save_after_losing_the_race(self, name, content, max_length=None):
        # The other request inserts its row between our check and our insert.
        if not report.documents.exists():
            theirs = original_save(self, "reports/pdf/theirs.pdf", ContentFile(b"%PDF theirs"))
            KeptDocument.objects.create(
                kind=DocumentKind.REPORT_PDF,
                subject=report,
                revision=report.revision,
                language="en",
                media_type="application/pdf",
                filename="theirs.pdf",
                file=theirs,
            )
        return original_save(self, name, content, max_length)

    monkeypatch.setattr(FileSystemStorage, "save", save_after_losing_the_race)
    kept = pdf_for(report=report)
    assert content(kept) == b"%PDF theirs"
    assert report.documents.count() == 1
    # Our losing copy was not left behind in storage.
    _dirs, files = kept.file.storage.listdir(f"reports/pdf/{report.pk}")
    assert files == []


def test_a_kept_row_whose_file_was_lost_is_rendered_again(report, renders):
    kept = pdf_for(report=report)
    kept.file.storage.delete(kept.file.name)
    again = pdf_for(report=report)
    assert renders == [1, 1]
    assert again.pk == kept.pk and kept.file.storage.exists(again.file.name)


def test_an_accepted_report_has_no_draft_mark():
    report = report_with_form(priorities=1)
    Report.objects.filter(pk=report.pk).update(state=ReportState.ACCEPTED)
    report.refresh_from_db()
    reader = PdfReader(io.BytesIO(printer.render_pdf(report)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Accepted" in text
    assert "DRAFT" not in text and "Draft" not in text


def test_render_report_writes_one_countrys_pdf(report, renders, tmp_path):
    out = io.StringIO()
    target = tmp_path / "report.pdf"
    call_command(
        "render_report",
        "--country",
        report.country.code.lower(),
        "--cycle",
        "2022-2023",
        "--output",
        str(target),
        stdout=out,
    )
    assert target.read_bytes() == f"%PDF-1.7 report {report.pk} revision 1".encode()
    assert f"{report.country.code} 2022-2023 revision 1" in out.getvalue()


def test_render_report_all_prints_a_progress_line_per_report(report, renders, tmp_path):
    other = report_with_form(priorities=1, cycle=report.cycle)
    pdf_for(report=other)  # already kept: copied, not rendered again
    out = io.StringIO()
    call_command(
        "render_report",
        "--all",
        "--cycle",
        "2022-2023",
        "--output-dir",
        str(tmp_path / "out"),
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("[1/2] ") and lines[1].startswith("[2/2] ")
    in_order = sorted((report, other), key=lambda r: r.country.code)
    for line, shown in zip(lines, in_order, strict=True):
        assert f"{shown.country.name}: {shown.country.code} 2022-2023 revision 1" in line
    assert sum("kept, copied" in line for line in lines) == 1
    assert sum("rendered in " in line for line in lines) == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{r.country.code}-2022-2023-r1.pdf" for r in (report, other)
    )
    assert renders == [1, 1]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_render_report_all_on_a_terminal_updates_one_bar(report, renders, tmp_path):
    others = [report_with_form(priorities=1, cycle=report.cycle) for _ in range(3)]
    out = Terminal()
    call_command(
        "render_report", "--all", "--cycle", "2022-2023", "--output-dir", str(tmp_path), stdout=out
    )
    text = out.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")  # one line, ended once done
    steps = text.rstrip("\n").split("\r")[1:]
    assert [step.split("] ")[0] for step in steps] == [
        "\033[K[1/4",
        "\033[K[2/4",
        "\033[K[3/4",
        "\033[K[4/4",
    ]
    assert [step.split()[1] for step in steps] == ["25%", "50%", "75%", "100%"]
    assert len(renders) == 1 + len(others)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "ZZ", "--cycle", "2022-2023", "--output", "x.pdf"], "Unknown country"),
        (["--country", "VN", "--cycle", "2030-2031", "--output", "x.pdf"], "Unknown cycle"),
        (["--country", "VN", "--cycle", "22-23", "--output", "x.pdf"], "Unknown cycle"),
        (["--all", "--cycle", "2022-2023"], "--output-dir"),
        (["--cycle", "2022-2023"], "--country, --all or --queue"),
        (["--cycle", "2022-2023", "--queue", "--country", "VN"], "takes no --country"),
    ],
)
def test_render_report_refuses_unknown_countries_and_cycles(report, args, message):
    CountryFactory(code="VN", name="Viet Nam")
    with pytest.raises(CommandError, match=message):
        call_command("render_report", *args)


def test_render_report_errors_exit_with_code_1(report, capsys):
    command = render_report.Command()
    with pytest.raises(SystemExit) as exit_info:
        command.run_from_argv(
            [
                "manage.py",
                "render_report",
                "--country",
                "ZZ",
                "--cycle",
                "2022-2023",
                "--output",
                "x.pdf",
            ]
        )
    assert exit_info.value.code == 1
    assert "Unknown country 'ZZ'" in capsys.readouterr().err


def test_each_language_has_its_own_kept_pdf(report, renders):
    english = pdf_for(report=report)
    vietnamese = pdf_for(report=report, language="vi-VN")
    assert (english.language, vietnamese.language) == ("en", "vi")
    assert pdf_for(report=report, language="vi").pk == vietnamese.pk
    assert pdf_for(report=report, language="fr").pk == english.pk  # unknown: the site's
    assert len(renders) == 2
    assert vietnamese.file.name.endswith("-vi.pdf")

    report_touch(report=report)
    pdf_for(report=report, language="vi")
    assert not KeptDocument.objects.filter(pk__in=[english.pk, vietnamese.pk]).exists()


def test_download_comes_in_the_readers_language(client, report, renders):
    from django.urls import reverse

    from roadmap.models import Role
    from tests.factories import member

    client.force_login(member(report, Role.REPORTER))
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-vi.pdf"')


def test_vietnamese_pdf_reads_in_vietnamese(report):
    reader = PdfReader(io.BytesIO(printer.render_pdf(report, "vi")))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Tiến bộ hằng năm" in text or "tiến bộ" in text.lower()
    assert "Since May 2022" not in text


def test_render_report_says_when_the_pdf_cannot_be_stored(report, renders, tmp_path, monkeypatch):
    import errno

    def no_space(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", no_space)
    with pytest.raises(CommandError, match=r"could not be stored.*No space left"):
        call_command(
            "render_report",
            "--country",
            report.country.code,
            "--cycle",
            "2022-2023",
            "--output",
            str(tmp_path / "x.pdf"),
        )
    assert not (tmp_path / "x.pdf").exists()
