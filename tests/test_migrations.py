import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_kept_pdfs_survive_as_kept_documents():
    """Migration 0006 turns every rendered PDF into a kept report PDF, file and all."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.factories import report_with_form

    report = report_with_form(priorities=1)
    before = [("reports", "0005_client_keys_for_new_rows")]
    after = [("reports", "0006_kept_documents")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    old_apps.get_model("reports", "RenderedPDF").objects.create(
        report_id=report.pk,
        revision=3,
        language="vi",
        file=f"reports/pdf/{report.pk}/VN-2022-2023-r3-vi.pdf",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new_apps = executor.loader.project_state(after).apps
    [document] = new_apps.get_model("reports", "KeptDocument").objects.all()
    assert (document.kind, document.subject_id, document.revision, document.language) == (
        "report_pdf",
        report.pk,
        3,
        "vi",
    )
    assert (document.subject_type.app_label, document.subject_type.model) == ("reports", "report")
    assert document.file.name == f"reports/pdf/{report.pk}/VN-2022-2023-r3-vi.pdf"
    assert (document.filename, document.media_type) == ("VN-2022-2023-r3-vi.pdf", "application/pdf")
    call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_freeze_migration_freezes_what_a_never_frozen_database_holds():
    """Migration 0014 on a database where no handed-in report ever froze anything (the
    demo, history imports): their roadmap versions, indicators and questionnaires are
    frozen; a roadmap and a questionnaire with drafts only are not."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.factories import CycleFactory, IndicatorValueFactory, report_with_form

    accepted = report_with_form(priorities=2)
    value = IndicatorValueFactory(report=accepted)
    draft = report_with_form(
        priorities=2, cycle=CycleFactory(starts_on=accepted.cycle.starts_on.replace(year=2030))
    )
    before = [("reports", "0013_field_names")]
    after = [("reports", "0014_freeze_questionnaires")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    old_apps.get_model("reports", "Report").objects.filter(pk=accepted.pk).update(state="accepted")
    for name in ("Roadmap", "Indicator"):
        old_apps.get_model("roadmap", name).objects.update(frozen_at=None)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new_apps = executor.loader.project_state(after).apps
    Roadmap = new_apps.get_model("roadmap", "Roadmap")
    Questionnaire = new_apps.get_model("reports", "Questionnaire")
    assert Roadmap.objects.get(pk=accepted.roadmap_id).frozen_at is not None
    assert new_apps.get_model("roadmap", "Indicator").objects.get(pk=value.indicator_id).frozen_at
    assert Questionnaire.objects.get(cycle_id=accepted.cycle_id).frozen_at is not None
    assert Roadmap.objects.get(pk=draft.roadmap_id).frozen_at is None
    assert Questionnaire.objects.get(cycle_id=draft.cycle_id).frozen_at is None
    call_command("migrate", verbosity=0)  # back to the latest, for the tests after it


@pytest.mark.django_db(transaction=True)
def test_activity_dates_outside_1990_to_2100_take_the_nearest_bound_before_the_constraint():
    """Migration 0015: rows saved before with 0001-01-01 or 9999-12-31 would stop the
    constraint from being added; they take the nearest bound instead."""
    import datetime as dt

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.factories import report_with_form

    report = report_with_form(priorities=1)
    before = [("reports", "0014_freeze_questionnaires")]
    after = [("reports", "0015_activity_dates_in_range")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("reports", "Activity")
    for starts, ends in [(dt.date(1, 1, 1), None), (dt.date(2022, 10, 1), dt.date(9999, 12, 31))]:
        old.objects.create(
            report_id=report.pk, title="Stray", kind="other", starts_on=starts, ends_on=ends
        )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("reports", "Activity")
    dates = sorted((a.starts_on, a.ends_on) for a in new.objects.all())
    assert dates == [(dt.date(1990, 1, 1), None), (dt.date(2022, 10, 1), dt.date(2100, 12, 31))]
    call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_rows_get_their_last_change_from_the_audit_trail():
    """Migration 0021: a next step, activity or indicator value stored before the column
    takes its last change from its audit trail, not the moment of the migration."""
    import datetime as dt

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from reports.models import NextStep
    from tests.factories import NextStepFactory

    step = NextStepFactory()
    long_ago = dt.datetime(2021, 3, 4, 5, 6, tzinfo=dt.UTC)
    step.history.update(history_date=long_ago)
    executor = MigrationExecutor(connection)
    executor.migrate([("reports", "0020_notice_sending")])
    executor = MigrationExecutor(connection)
    executor.migrate([("reports", "0021_updated_at")])
    assert NextStep.objects.get(pk=step.pk).updated_at == long_ago
    call_command("migrate", verbosity=0)
