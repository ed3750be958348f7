"""The index of the reports already there. It runs the index's own code (``search.index``,
the one writer of entries), not a copy of it: entries are derived rows, and a second
recipe here could disagree with the first. ``manage.py search_reindex`` does the same
after a restore."""

from django.db import migrations


def build(apps, schema_editor):
    from search.index import reindex_all

    reindex_all()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [migrations.RunPython(build, migrations.RunPython.noop)]
