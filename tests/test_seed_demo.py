import io

import pytest
from django.apps import apps
from django.core.management import call_command

from reports.layout import build_layout
from reports.models import Report, ReportState
from roadmap.models import Priority

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"roadmap", "reports", "auth"} and not m._meta.auto_created
    }


def test_seed_demo_twice_gives_the_same_data():
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert snapshot() == first
    assert "vn-reporter" in out.getvalue()


def test_seed_demo_keeps_what_demo_users_typed():
    call_command("seed_demo", stdout=io.StringIO())
    report = Report.objects.get(cycle__starts_on__year=2022)
    answer = report.answers.filter(priority__isnull=False).first()
    answer.text = "Typed by a demo user"
    answer.save()
    call_command("seed_demo", stdout=io.StringIO())
    answer.refresh_from_db()
    assert answer.text == "Typed by a demo user"


def test_demo_fixes_the_seed_report_slips():
    call_command("seed_demo", stdout=io.StringIO())
    # the repeated agriculture priority is held once; the education theme counts 1-4
    annual = Priority.objects.filter(
        roadmap__country__code="VN", roadmap__framework__slug="alliance87"
    )
    assert annual.count() == 14
    education = Priority.objects.filter(theme__name="Child labour prevention and education")
    assert sorted(education.values_list("number", flat=True)) == [1, 2, 3, 4]
    texts = list(Priority.objects.values_list("text", flat=True))
    assert len(texts) == len(set(texts))


def test_demo_reports_carry_next_steps_over():
    call_command("seed_demo", stdout=io.StringIO())
    previous = Report.objects.get(cycle__starts_on__year=2021)
    current = Report.objects.with_context().get(cycle__starts_on__year=2022)
    assert previous.state == ReportState.ACCEPTED
    assert current.state == ReportState.DRAFT
    layout = build_layout(current)
    assert len(layout.next_steps_carried) == 5
    assert current.activities.count() >= 5
    hotline = current.indicator_values.get(indicator__name__startswith="Calls received")
    assert hotline.value == 2434 and hotline.disaggregation["counselling"] == 541


def test_demo_password_comes_from_the_environment(monkeypatch):
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-secret")
    call_command("seed_demo", stdout=io.StringIO())
    assert get_user_model().objects.get(username="vn-focal").check_password("another-demo-secret")
