"""Build the search index anew from the reports' rows (after a restore, or if in doubt):
``python manage.py search_reindex``. Safe to run at any time: each report is compared with
its entries and only the difference written."""

from django.core.management.base import BaseCommand
from django.db import transaction

from search.index import reindex_all


class Command(BaseCommand):
    help = "Bring the search index in step with every report's texts."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            count = reindex_all()
        self.stdout.write(f"Search index in step for {count} reports.")
