"""``export_reports``: every report of a cycle as JSON, CSV or XLSX, for analysts.

    python manage.py export_reports --cycle 2022-2023 --format json --output reports.json

The command line has no user, so it exports every report of the cycle, drafts included:
it is for the portal's operators, as the admin is.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.exports import FORMATS, export_reports
from reports.management.commands.render_report import cycle_from_code
from reports.models import Report


class Command(BaseCommand):
    help = "Export every report of a cycle as JSON, CSV or XLSX (see docs/export-schema.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", required=True, help="Cycle code, e.g. 2022-2023.")
        parser.add_argument("--format", required=True, dest="fmt", help="json, csv or xlsx.")
        parser.add_argument("--output", required=True, help="File to write.")

    def handle(self, *args, **options) -> None:
        fmt = options["fmt"].lower()
        if fmt not in FORMATS:
            raise CommandError(
                f"Unknown format {options['fmt']!r}: use one of {', '.join(FORMATS)}."
            )
        cycle = cycle_from_code(options["cycle"])
        reports = list(Report.objects.with_context().filter(cycle=cycle).order_by("country__code"))
        target = Path(options["output"])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(export_reports(reports=reports, fmt=fmt))
        self.stdout.write(f"{len(reports)} report(s) of {cycle.code} written to {target} ({fmt}).")
