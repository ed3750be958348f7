"""Formerly built the index of the reports already there by running ``search.index``.
Real models inside a migration break as soon as a later migration of ``reports`` adds a
column (the code would select a column the database does not have yet), so the index is
now built after the whole ``migrate`` has run: ``search.apps`` listens to ``post_migrate``
and indexes the reports when the index is empty. Kept as a no-op for the migration graph."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = []
