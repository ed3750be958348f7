import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from reports import permissions
from reports.layout import build_layout
from reports.models import Answer, NextStep, Report, ReportState
from roadmap.models import Country, Priority

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
    assert "vn-reporter" in out.getvalue() and "secretariat" in out.getvalue()


def test_seed_demo_keeps_what_demo_users_typed():
    call_command("seed_demo", stdout=io.StringIO())
    report = Report.objects.get(country__code="VN", cycle__starts_on__year=2022)
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
    previous = Report.objects.get(country__code="VN", cycle__starts_on__year=2021)
    current = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
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


def test_demo_has_six_countries_over_four_cycles_in_varied_states():
    call_command("seed_demo", stdout=io.StringIO())
    countries = Country.objects.filter(roadmaps__framework__slug="alliance87").distinct()
    assert set(countries.values_list("code", flat=True)) == {"VN", "UG", "NP", "MG", "CL", "TN"}
    for country in countries:
        priorities = Priority.objects.filter(
            roadmap__country=country, roadmap__framework__slug="alliance87"
        ).count()
        assert 6 <= priorities <= 15, country
        assert country.region
    annual = Report.objects.filter(cycle__framework__slug="alliance87")
    assert sorted({r.cycle.starts_on.year for r in annual}) == [2020, 2021, 2022, 2023]
    assert set(annual.values_list("state", flat=True)) == set(ReportState.values)
    assert annual.count() < 6 * 4  # some countries have not opened a cycle's report
    late = [
        r
        for r in annual.exclude(submitted_at=None).select_related("cycle")
        if r.submitted_at.date() > r.cycle.deadline
    ]
    assert [(r.country.code, r.cycle.starts_on.year) for r in late] == [("NP", 2022)]
    for report in annual.exclude(state=ReportState.DRAFT):
        assert report.indicator_values.exists(), report
        assert report.activities.filter(participants_women__gt=0).exists(), report


def test_demo_carries_next_steps_over_the_years_with_statuses():
    call_command("seed_demo", stdout=io.StringIO())
    titles = NextStep.objects.filter(report__country__code="UG").values_list("title", flat=True)
    carried = "Train labour officers of ten districts"
    assert list(titles).count(carried) == 3  # set in 2020, listed again in 2021 and 2022
    statuses = Answer.objects.filter(
        report__country__code="UG", question__code="next_step_status", next_step__title=carried
    ).order_by("report__cycle__starts_on")
    assert [a.value for a in statuses] == ["ongoing", "ongoing", "completed"]


def test_viet_nams_2021_report_is_filled_in_and_the_secretariat_reviews_everyone():
    call_command("seed_demo", stdout=io.StringIO())
    report = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2021)
    layout = build_layout(report)
    assert layout.required_answered == layout.required_total == 26
    hotline = report.answers.get(
        question__code="priority_progress", priority__number=1, priority__theme__number=2
    )
    assert "3,808" in hotline.text
    secretariat = get_user_model().objects.get(username="secretariat")
    assert permissions.roles_for(secretariat).is_secretariat
    assert permissions.visible_reports(secretariat).filter(country__code="UG").exists()
