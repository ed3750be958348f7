"""The demo, seeded once per test session (per xdist worker) and per seeding day, and copied
row by row into each test that asks for it.

``seed_demo`` takes 5 to 12 seconds on these machines and some 70 tests need the demo as
their data (the Word import, the browser tests, the reader-language walk, the programme
report). Copying the rows it writes takes a few hundredths of a second. The copy holds
exactly what the command wrote into an empty database, so a test sees the same rows, ids
apart: the snapshot is taken inside a transaction that is then rolled back, and every row
it captured is checked to be new (the command updating or deleting a row it did not write
would make the snapshot unfaithful, and raises). ``tests/test_seed_demo.py`` keeps running
the command itself, and a test whose database already holds rows the demo writes gets the
command too (its ids would collide with the copy's).

``seed_demo`` anchors the demo on the day it runs (``tests.demo_day``): a snapshot is taken
per day a test asks for, on first use, with the clock set to that day as the test's own
``freeze_today`` sets it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from unittest import mock

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from tests.demo_day import clock_on


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    columns: tuple[str, ...]
    json_columns: frozenset[int]  # positions of JSON columns
    rows: tuple[tuple, ...]

    @property
    def name(self) -> str:
        return self.model._meta.db_table


def _concrete_models() -> list[type[models.Model]]:
    """Every model with a table of its own: auto-created M2M tables and history included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _fields(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.local_concrete_fields)


def _rows(model: type[models.Model]) -> dict:
    """pk -> row (a tuple of the raw column values) of ``model``'s table."""
    fields = _fields(model)
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    pk_at = fields.index(model._meta.pk)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {qn(model._meta.db_table)}")  # noqa: S608
        return {row[pk_at]: tuple(row) for row in cursor.fetchall()}


class DemoSnapshot:
    def __init__(self, tables: list[Table]) -> None:
        self.tables = tables

    @classmethod
    def take(cls, day: dt.date | None = None) -> DemoSnapshot:
        """Seed the demo (as of ``day``, or today) inside a transaction, keep the rows it
        wrote, roll it all back."""
        everything = _concrete_models()
        with transaction.atomic():
            before = {model: _rows(model) for model in everything}
            # The demo accounts' password is the default one, as the browser tests sign in.
            password = os.environ.pop("DEMO_PASSWORD", None)
            try:
                _seed(day)
            finally:
                if password is not None:
                    os.environ["DEMO_PASSWORD"] = password
            tables = [cls._table(model, before[model]) for model in everything]
            transaction.set_rollback(True)
        return cls([table for table in tables if table.rows])

    @staticmethod
    def _table(model: type[models.Model], before: dict) -> Table:
        after = _rows(model)
        touched = [pk for pk, row in before.items() if after.get(pk) != row]
        if touched:
            raise RuntimeError(
                f"seed_demo changed rows of {model._meta.db_table} it did not write "
                f"({touched[:5]}): a copy of its new rows would not be the demo"
            )
        fields = _fields(model)
        return Table(
            model=model,
            columns=tuple(f.column for f in fields),
            json_columns=frozenset(
                i for i, f in enumerate(fields) if isinstance(f, models.JSONField)
            ),
            rows=tuple(row for pk, row in after.items() if pk not in before),
        )

    def load(self) -> None:
        """The demo in the current database (its tables empty: see ``DemoSnapshots``)."""
        # One transaction: foreign keys are checked at its end (Django declares them
        # DEFERRABLE INITIALLY DEFERRED on both databases), so table order does not matter.
        with transaction.atomic():
            for table in self.tables:
                _insert(table)
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(
                    no_style(), [table.model for table in self.tables]
                ):
                    cursor.execute(statement)


class DemoSnapshots:
    """The session's snapshots, one per seeding day, each taken when a test first asks."""

    def __init__(self) -> None:
        self._taken: dict[dt.date | None, DemoSnapshot] = {}

    def load(self, day: dt.date | None = None) -> None:
        """The demo as seeded on ``day`` (None: today) in the current database: copied when
        its tables are empty, otherwise seeded by the command (rows already there would
        collide with the copy's ids)."""
        if _holds_rows():
            _seed(day)
            return
        if day not in self._taken:
            self._taken[day] = DemoSnapshot.take(day)
        self._taken[day].load()


# Written by migrate, not by the demo.
MIGRATION_ROWS = {"contenttypes.ContentType", "auth.Permission"}


def _holds_rows() -> bool:
    """Whether any table the demo could write to holds rows already."""
    return any(
        model._base_manager.exists()
        for model in _concrete_models()
        if model._meta.label not in MIGRATION_ROWS
    )


def _seed(day: dt.date | None) -> None:
    """``seed_demo`` as of ``day``: the clock at 10:00 UTC that day, moving on from there."""
    if day is None:
        call_command("seed_demo", stdout=io.StringIO())
        return
    with mock.patch.object(timezone, "now", clock_on(day)):
        call_command("seed_demo", today=day, stdout=io.StringIO())


def _insert(table: Table) -> None:
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in table.columns)
    if connection.vendor == "postgresql":
        from psycopg2.extras import Json, execute_values

        rows = [
            tuple(
                # Django reads jsonb as its text (str); anything parsed goes back as JSON.
                Json(v) if i in table.json_columns and not isinstance(v, str | None) else v
                for i, v in enumerate(row)
            )
            for row in table.rows
        ]
        with connection.cursor() as cursor:
            execute_values(
                cursor.cursor,
                f"INSERT INTO {qn(table.name)} ({columns}) VALUES %s",  # noqa: S608
                rows,
                page_size=1000,
            )
        return
    marks = ", ".join(["%s"] * len(table.columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {qn(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608
            table.rows,
        )
