"""``backup``: the database and MEDIA_ROOT in one archive (see backups/archive.py).

python manage.py backup                       # into BACKUP_DIR, named by the time
python manage.py backup --output /srv/backups/pathfinder.tar.gz
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups.archive import BackupError, create_backup, default_destination


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT (the kept PDFs) into one .tar.gz archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="Archive to write (.tar.gz).")

    def handle(self, *args: object, **options: object) -> None:
        destination = options["output"] or default_destination()
        try:
            written = create_backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = written.stat().st_size / 1_000_000
        self.stdout.write(f"Backup written to {written} ({size:.1f} MB)")
