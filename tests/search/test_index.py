"""The index is in step with every write, in the writer's transaction: an edit is
findable at once and the old text no longer is, whichever path wrote it (the entry and
activity services, comments, the Word import, the admin, the demo, ``search_reindex``)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from reports.models import Report
from reports.services.activities import ActivityData, activity_delete, activity_update
from search.index import sync_reports, texts_of
from search.models import SearchEntry
from tests.demo_day import DRAFT_DAY, freeze_today
from tests.factories import member, report_with_form
from tests.reports.word.helpers import filled_export, upload

from .support import activity, answer, found, fresh

pytestmark = pytest.mark.django_db


def _in_step(report_ids) -> None:
    """The stored entries are exactly what a fresh build writes."""
    wanted = {key: text.text for key, (_r, text) in texts_of(report_ids).items()}
    stored = dict(SearchEntry.objects.filter(report_id__in=report_ids).values_list("key", "text"))
    assert stored == wanted


def test_an_edited_answer_is_found_at_once_and_its_old_text_no_longer(report, alice):
    answer(report, alice, "A campaign on television.")
    answer(report, alice, "A campaign on social media.")

    assert found(alice, "social media")
    assert not found(alice, "television")
    assert SearchEntry.objects.count() == 1


def test_an_emptied_answer_leaves_no_entry(report, alice):
    answer(report, alice, "A campaign on television.")
    answer(report, alice, "")

    assert not found(alice, "television")
    assert not SearchEntry.objects.exists()


def test_an_activity_edited_or_deleted_through_the_service(report, alice):
    made = activity(report, title="Workshop on forced labour")
    made = activity_update(
        activity=made,
        revision=made.revision,
        data=ActivityData(
            title="Workshop on trafficking", kind="workshop", starts_on=made.starts_on
        ),
    )
    assert found(alice, "trafficking") and not found(alice, "forced")

    activity_delete(activity=made, revision=made.revision)
    assert not found(alice, "trafficking")
    assert not SearchEntry.objects.exists()


def test_a_rolled_back_save_leaves_the_index_as_it_was(report, alice):
    answer(report, alice, "Old words.")
    with pytest.raises(RuntimeError), connection.cursor():
        from django.db import transaction

        with transaction.atomic():
            answer(report, alice, "New words.")
            raise RuntimeError
    assert found(alice, "old") and not found(alice, "new")


def test_the_word_import_is_findable_at_once(client):
    report = report_with_form(priorities=5)
    owner = member(report, username="owner")
    client.force_login(owner)
    response = client.post(
        reverse("reports:word_import", args=[report.pk]),
        {"file": upload(filled_export(report, {"1": "Đăng ký khai sinh lưu động."}))},
    )
    client.post(response["Location"], {"import_all": "1"})

    [hit] = found(owner, "dang ky khai sinh luu dong")
    assert "<mark>Đăng ký khai sinh lưu động</mark>" in hit.snippet


def test_the_admin_edits_none_of_the_indexed_texts(admin_user, rf):
    """Answers, activities, next steps, indicator values and comments are read-only in the
    admin (a report with any of them cannot be deleted there either): no write path to
    keep the index in step with."""
    from django.contrib import admin

    from reports.models import Activity, Answer, Comment, CommentThread, IndicatorValue, NextStep

    request = rf.get("/")
    request.user = admin_user
    for model in (Answer, Activity, NextStep, IndicatorValue, CommentThread):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_add_permission(request), model
    assert Comment not in admin.site._registry
    assert SearchEntry not in admin.site._registry


def test_the_demo_is_indexed_as_seeded(monkeypatch, demo_snapshot):
    freeze_today(monkeypatch, DRAFT_DAY)
    demo_snapshot.load(DRAFT_DAY)

    ids = list(Report.objects.values_list("pk", flat=True))
    _in_step(ids)
    assert SearchEntry.objects.filter(kind="activity").exists()
    assert SearchEntry.objects.filter(kind="indicator").exists()


def test_reindex_repairs_an_index_that_went_astray(report, alice):
    answer(report, alice, "Hotline 111.")
    SearchEntry.objects.all().delete()
    assert not found(alice, "hotline")

    out = io.StringIO()
    call_command("search_reindex", stdout=out)
    assert found(alice, "hotline")
    assert "1 reports" in out.getvalue()


def test_syncing_twice_writes_nothing_the_second_time(report, alice, django_assert_num_queries):
    answer(report, alice, "Hotline 111.")
    activity(report, title="Training")
    # Five kinds of text (and the activities' areas), the stored entries: the report's
    # place comes with the writer's report (its cycle loaded).
    loaded = fresh(report)
    with django_assert_num_queries(7):
        sync_reports([loaded])
    _in_step([report.pk])


def test_the_databases_own_full_text_index_is_there_and_follows_the_rows(report, alice):
    answer(report, alice, "Hotline 111.")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector_gin'"
            )
            assert "USING gin (vector)" in cursor.fetchone()[0]
            cursor.execute("SELECT vector::text FROM search_searchentry")
            assert cursor.fetchone()[0] == "'111':2 'hotline':1"
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
            assert "fts5" in cursor.fetchone()[0]
            cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH 'hotline'")
            assert [row[0] for row in cursor.fetchall()] == [SearchEntry.objects.get().pk]
