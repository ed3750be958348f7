"""``render_report``: a report's PDF on the command line, or every report of a cycle.

    python manage.py render_report --country VN --cycle 2022-2023 --output report.pdf
    python manage.py render_report --all --cycle 2022-2023 --output-dir out/

Goes through the kept PDFs (``reports.documents.report_pdf.pdf_for``): a revision
already rendered is copied, not rendered again, and what is rendered here is kept for the
web too.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet

from reports.documents.printer import pdf_filename, pdf_language
from reports.documents.report_pdf import kept_pdf, pdf_for
from reports.documents.store import DocumentNotStored
from reports.models import Report, ReportingCycle
from roadmap.models import Country


def cycle_from_code(code: str) -> ReportingCycle:
    """The cycle of ``code`` ("2022-2023"), or a CommandError naming the known ones."""
    try:
        return ReportingCycle.objects.get_by_code(code)
    except ReportingCycle.DoesNotExist:
        known = ", ".join(sorted({c.code for c in ReportingCycle.objects.all()})) or "none"
        raise CommandError(f"Unknown cycle {code!r}. Known cycles: {known}.") from None
    except ReportingCycle.MultipleObjectsReturned:
        raise CommandError(
            f"Several reporting frameworks have a {code} cycle; this command cannot tell "
            "them apart."
        ) from None


class Command(BaseCommand):
    help = "Write the PDF of one report (--country) or of every report of a cycle (--all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", required=True, help="Cycle code, e.g. 2022-2023.")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--country", help="ISO code of the country, e.g. VN.")
        which.add_argument("--all", action="store_true", help="Every report of the cycle.")
        parser.add_argument("--output", help="File to write (with --country).")
        parser.add_argument("--output-dir", help="Directory to write into (with --all).")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the PDF (default: the site's, LANGUAGE_CODE).",
        )

    def handle(self, *args, **options) -> None:
        self.language = pdf_language(options["language"])
        cycle = cycle_from_code(options["cycle"])
        reports: QuerySet[Report] = Report.objects.with_context().filter(cycle=cycle)
        if options["all"]:
            if not options["output_dir"]:
                raise CommandError("--all needs --output-dir.")
            self._write_all(reports.order_by("country__code"), Path(options["output_dir"]))
            return
        if not options["output"]:
            raise CommandError("--country needs --output.")
        code = options["country"].strip().upper()
        if not Country.objects.filter(code=code).exists():
            raise CommandError(f"Unknown country {options['country']!r} (expected an ISO code).")
        report = reports.filter(country__code=code).first()
        if report is None:
            raise CommandError(f"{code} has no report for the cycle {cycle.code}.")
        self._write(report, Path(options["output"]))

    def _write_all(self, reports: QuerySet[Report], directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        reports = list(reports)
        if not reports:
            raise CommandError("This cycle has no reports.")
        for position, report in enumerate(reports, start=1):
            target = directory / pdf_filename(report, language=self.language)
            self._write(report, target, f"[{position}/{len(reports)}] ")

    def _write(self, report: Report, target: Path, prefix: str = "") -> None:
        start = time.perf_counter()
        kept = kept_pdf(report=report, revision=report.revision, language=self.language)
        kept_before = kept is not None
        try:
            pdf = pdf_for(report=report, language=self.language)
        except DocumentNotStored as error:
            raise CommandError(
                f"{report.country.code} {report.cycle.code}: the PDF could not be stored ({error})."
            ) from error
        target.parent.mkdir(parents=True, exist_ok=True)
        with pdf.file.open("rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
        how = "kept" if kept_before else f"rendered in {time.perf_counter() - start:.1f} s"
        self.stdout.write(
            f"{prefix}{report.country.code} {report.cycle.code} revision {pdf.revision}: "
            f"{target} ({how})"
        )
