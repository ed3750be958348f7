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
    call_command("migrate", verbosity=0)


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
def test_the_areas_migration_maps_the_demos_provinces_and_loses_none(monkeypatch):
    """Migrations 0021-0023 on the demo's data as it stood before areas (free-text
    provinces): the shipped lists are loaded for the countries there, and every name
    typed is either an area of the country's list or kept as typed ("not in the list")."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from roadmap.areas import fold, split_aliases
    from tests.demo_day import MONITORING_DAY, freeze_today

    freeze_today(monkeypatch, MONITORING_DAY)
    call_command("seed_demo", stdout=io.StringIO())
    # The demo's contributors (issue 24) cannot exist before their migrations: the older
    # role constraint refuses them. The demo as it stood before areas had none.
    from reports.models import Assignment, AssignmentEvent
    from roadmap.models import Membership, Role

    AssignmentEvent.objects.all().delete()
    Assignment.objects.all().delete()
    Membership.objects.filter(role=Role.CONTRIBUTOR).delete()
    before = [("reports", "0020_notice_sending"), ("roadmap", "0006_field_names")]
    after = [("reports", "0023_activity_coverage_constraint")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)  # back to free text: the areas' names, in the country's language
    old = executor.loader.project_state(before).apps.get_model("reports", "Activity")
    spelled = old.objects.filter(report__country__code="VN").exclude(provinces=[]).first()
    spelled.provinces = ["HA NOI", "Ha  Noi", "hà nội", "Atlantis"]
    spelled.save()
    typed = {a.pk: list(a.provinces) for a in old.objects.all()}
    assert sum(map(len, typed.values())) > 50

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new_apps = executor.loader.project_state(after).apps
    Area = new_apps.get_model("roadmap", "Area")
    assert Area.objects.filter(country__code="VN").count() == 63
    activities = new_apps.get_model("reports", "Activity").objects.prefetch_related("areas")
    mapped = 0
    for activity in activities:
        known = {fold(name) for name in activity.unlisted_areas}
        for area in activity.areas.all():
            names = [area.name, area.translations.get("vi", {}).get("name", "")]
            known |= {fold(n) for n in names + split_aliases(area.aliases)}
        assert {fold(name) for name in typed[activity.pk]} <= known, activity.title
        mapped += activity.areas.count()
    assert mapped > 0
    spelled = activities.get(pk=spelled.pk)
    assert [a.code for a in spelled.areas.all()] == ["VN-HN"]
    assert spelled.unlisted_areas == ["Atlantis"]
    call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_every_framework_that_existed_gets_the_default_validation_rules():
    """Migration 0025: frameworks made before rules existed get the default ones."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from reports.validation_models import RuleKind
    from tests.factories import FrameworkFactory

    framework = FrameworkFactory()
    before = [("reports", "0024_validation_rules")]
    after = [("reports", "0025_default_validation_rules")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("reports", "ValidationRule")
    assert not old.objects.exists()  # the reverse took them away
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("reports", "ValidationRule")
    kinds = set(new.objects.filter(framework_id=framework.pk).values_list("kind", flat=True))
    assert kinds == set(RuleKind.values)
    call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_break_downs_move_from_dicts_to_rows_and_nothing_is_lost():
    """Migration 0026 on the demo's break-downs and on what the admin's JSON field let
    anyone store: every "label: number" becomes a part in its order, text that reads
    "label: number" is parsed, anything else is kept word for word; the reverse gives the
    dicts back."""
    from decimal import Decimal

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from demo import data as demo
    from tests.factories import IndicatorFactory, report_with_form

    report = report_with_form(priorities=1)
    demo_breakdowns = [row[6] for row in demo.INDICATORS if row[6]]
    stored = [
        *demo_breakdowns,
        {"girls": 12.5, "boys": "1,050"},
        "counselling: 541\nreferred 105 (estimate)\nvia Zalo: 17",
        {"girls": -3, "boys": "about 40", "": 5},
    ]
    before = [("reports", "0025_default_validation_rules")]
    after = [("reports", "0026_breakdown_parts")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldValue = old_apps.get_model("reports", "IndicatorValue")
    ids = []
    for breakdown in stored:
        indicator = IndicatorFactory(country=report.country)
        ids.append(
            OldValue.objects.create(
                report_id=report.pk, indicator_id=indicator.pk, value=2434, disaggregation=breakdown
            ).pk
        )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new_apps = executor.loader.project_state(after).apps
    Value = new_apps.get_model("reports", "IndicatorValue")

    def rows(pk):
        value = Value.objects.get(pk=pk)
        parts = [(p.label, p.amount) for p in value.parts.order_by("order")]
        return parts, value.breakdown_text

    def unordered(result):
        # PostgreSQL's jsonb never kept a dict's order (SQLite's JSON did): the rows take
        # the order the database gives back.
        return sorted(result[0]), result[1]

    for pk, breakdown in zip(ids, demo_breakdowns, strict=False):
        assert unordered(rows(pk)) == (sorted((k, Decimal(v)) for k, v in breakdown.items()), "")
    assert unordered(rows(ids[-3])) == ([("boys", Decimal(1050)), ("girls", Decimal("12.5"))], "")
    assert rows(ids[-2]) == (
        [("counselling", Decimal(541)), ("via Zalo", Decimal(17))],
        "referred 105 (estimate)",
    )
    assert rows(ids[-1])[0] == []
    assert sorted(rows(ids[-1])[1].splitlines()) == [": 5", "boys: about 40", "girls: -3"]

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    OldValue = executor.loader.project_state(before).apps.get_model("reports", "IndicatorValue")
    assert OldValue.objects.get(pk=ids[0]).disaggregation == demo_breakdowns[0]
    assert OldValue.objects.get(pk=ids[-2]).disaggregation == {
        "counselling": 541,
        "via Zalo": 17,
        "text": "referred 105 (estimate)",
    }
    call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_rows_get_their_last_change_from_the_audit_trail():
    """Migration 0028: a next step, activity or indicator value stored before the column
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
    executor.migrate([("reports", "0027_evidence_files")])
    executor = MigrationExecutor(connection)
    executor.migrate([("reports", "0028_updated_at")])
    assert NextStep.objects.get(pk=step.pk).updated_at == long_ago
    call_command("migrate", verbosity=0)
