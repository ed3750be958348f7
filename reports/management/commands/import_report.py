"""Bring a country's report of a past cycle in from Word, as an accepted report with its
answers and next steps (so carry-over, trends and the board have history from the first
day). Recorded in the audit trail: the admin given with --by, the time, the file.

    python manage.py import_report --country VN --cycle 2021-2022 --by admin FILE.docx
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports.models import ReportingCycle
from reports.services.word_import import history_import
from reports.word.reader import MAX_FILE_BYTES
from roadmap.models import Country

SHOWN_UNMATCHED = 20


class Command(BaseCommand):
    help = "Import a country's report of a past cycle from a Word file (.docx) as history."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The filled report, a .docx file.")
        parser.add_argument("--country", required=True, help="ISO code, e.g. VN.")
        parser.add_argument("--cycle", required=True, help="Cycle code, e.g. 2021-2022.")
        parser.add_argument("--by", required=True, help="Username of the importing admin.")

    def handle(self, *args, **options) -> None:
        try:
            country = Country.objects.get(code=options["country"].strip().upper())
        except Country.DoesNotExist:
            raise CommandError(f"No country with the code {options['country']!r}.") from None
        try:
            cycle = (
                ReportingCycle.objects.filter(framework__roadmaps__country=country)
                .distinct()
                .get_by_code(options["cycle"])
            )
        except (ReportingCycle.DoesNotExist, ReportingCycle.MultipleObjectsReturned) as error:
            raise CommandError(
                f"No single cycle {options['cycle']!r} for {country}: {error}"
            ) from None
        try:
            user = get_user_model().objects.get(username=options["by"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {options['by']!r}.") from None
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError("The file is larger than 20 MB.")
        try:
            report, match = history_import(
                country=country, cycle=cycle, user=user, data=path.read_bytes(), source=path.name
            )
        except PermissionDenied as error:
            raise CommandError(f"{user} may not import past reports: {error}") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"{report}: {report.answers.count()} answers and {report.next_steps.count()} next "
            f"steps imported from {path.name}; the report is {report.get_state_display()}."
        )
        if match.unmatched:
            self.stdout.write(f"{len(match.unmatched)} paragraphs answer no question:")
            for text in match.unmatched[:SHOWN_UNMATCHED]:
                self.stdout.write(f"  - {text[:120]}")
