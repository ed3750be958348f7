"""``restore``: a backup into an empty database and MEDIA_ROOT (see backups/archive.py).

    python manage.py restore /srv/backups/pathfinder-20261128-031500.tar.gz

It refuses a database that has any table, or a MEDIA_ROOT holding files, and changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups.archive import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and an empty MEDIA_ROOT."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="A .tar.gz written by `backup`.")

    def handle(self, *args: object, **options: object) -> None:
        try:
            manifest = restore_backup(options["archive"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {options['archive']} ({manifest['vendor']} backup of {manifest['created']})"
        )
