"""The session's demo snapshot (tests/demo_snapshot.py) gives a test the rows seed_demo
writes, so the tests that use it test the demo and not a copy that drifted from it."""

import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from reports.models import Answer, Report
from tests.demo_snapshot import DemoSnapshot, _concrete_models

pytestmark = pytest.mark.django_db


def _contents() -> dict[str, int]:
    """Rows per table (auto-created and history tables included), empty tables left out."""
    counts = {m._meta.db_table: m._base_manager.count() for m in _concrete_models()}
    return {table: n for table, n in counts.items() if n}


def _seeded_by_the_command() -> tuple[dict[str, int], set, set]:
    with transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        seen = (
            _contents(),
            set(Answer.objects.values_list("text", flat=True)),
            set(get_user_model().objects.values_list("username", "is_staff")),
        )
        transaction.set_rollback(True)
    return seen


def test_the_copy_holds_every_row_seed_demo_writes(demo_snapshot):
    expected = _seeded_by_the_command()
    demo_snapshot.load()
    assert expected[0]  # the demo fills tables: an empty copy would not pass by accident
    assert _contents() == expected[0]
    assert set(Answer.objects.values_list("text", flat=True)) == expected[1]
    assert set(get_user_model().objects.values_list("username", "is_staff")) == expected[2]


def test_the_demo_accounts_of_the_copy_have_the_demo_password(monkeypatch):
    """The browser tests sign in with it, whatever DEMO_PASSWORD the shell running them has."""
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-secret")
    DemoSnapshot.take().load()
    assert get_user_model().objects.get(username="vn-focal").check_password("pathfinder-demo")
    assert os.environ["DEMO_PASSWORD"] == "another-demo-secret"


def test_the_copy_into_a_database_holding_demo_rows_seeds_with_the_command(demo_snapshot):
    demo_snapshot.load()
    reports = Report.objects.count()
    demo_snapshot.load()  # ids would collide: the command adds what is missing, i.e. nothing
    assert Report.objects.count() == reports


def test_a_snapshot_refuses_a_command_that_changed_rows_it_did_not_write():
    get_user_model().objects.create(username="vn-focal", first_name="Someone else")
    with pytest.raises(RuntimeError, match="changed rows of auth_user"):
        DemoSnapshot.take()
