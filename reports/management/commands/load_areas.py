"""``load_areas``: a country's list of first-level administrative areas, from a CSV.

    python manage.py load_areas roadmap/data/areas/vn.csv [--dry-run]
    python manage.py load_areas --shipped        # every list shipped, for the countries here

In ``reports`` rather than ``roadmap``: after loading, the names kept "not in the list" on
the country's activities are mapped onto the new areas, and activities are this app's.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reports.services.areas import unlisted_areas_map
from roadmap.areas import COLUMNS, ParsedList, parse_area_list, shipped_lists
from roadmap.models import Country
from roadmap.services import areas_load

HELP = (
    "Load administrative areas from CSV files (UTF-8, a header line, then one area a "
    f"line). Columns: {','.join(COLUMNS)}. country: ISO 3166-1 code of a country already "
    "here (VN); code: ISO 3166-2 where there is one (VN-HN); name_en, name_vi: the names "
    "in English and Vietnamese; aliases: other spellings separated by semicolons "
    "(Hanoi; Ha Noi); order: a whole number, the order of the list. Two optional "
    "columns, valid_from and valid_until (YYYY-MM-DD), bound when an area is offered: a "
    "report is offered the areas valid in its cycle. Areas are matched by "
    "(country, code): a new code is added, a known one takes the names, spellings and "
    "order of the file. When any line is bad, each is reported with its line number and "
    "nothing is loaded. Afterwards, names typed on the country's activities that are not "
    "in the list are mapped onto the areas they name, on draft and returned reports only."
)


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", help="CSV files to load.")
        parser.add_argument(
            "--shipped",
            action="store_true",
            help="Load the lists shipped in roadmap/data/areas, for the countries here.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count; change nothing."
        )

    def handle(self, *args, **options) -> None:
        parsed = self._read(options["files"])
        if not options["files"] and not options["shipped"]:
            raise CommandError("Name a CSV file, or use --shipped.")
        if options["shipped"]:
            here = set(Country.objects.values_list("code", flat=True))
            shipped = [str(p) for p in shipped_lists() if p.stem.upper() in here]
            extra = self._read(shipped)
            parsed = ParsedList(parsed.rows + extra.rows, parsed.errors + extra.errors)
        with transaction.atomic():
            result = areas_load(parsed=parsed, dry_run=options["dry_run"])
            if result.errors:
                raise CommandError("Nothing loaded:\n" + "\n".join(result.errors))
            mapped = 0
            if not options["dry_run"]:
                mapped = sum(unlisted_areas_map(country=c) for c in result.countries)
        prefix = "Dry run: would load" if options["dry_run"] else "Loaded"
        self.stdout.write(
            f"{prefix} {result.created} new area(s), {result.updated} changed, "
            f"{result.unchanged} unchanged; {mapped} activity(ies) mapped onto the list."
        )

    def _read(self, files: list[str]) -> ParsedList:
        rows, errors = [], []
        for name in files:
            try:
                text = Path(name).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"{name}: cannot be read as UTF-8 ({exc}).") from exc
            parsed = parse_area_list(text)
            prefix = f"{Path(name).name}: " if len(files) > 1 else ""
            rows += parsed.rows
            errors += [prefix + e for e in parsed.errors]
        return ParsedList(rows, errors)
