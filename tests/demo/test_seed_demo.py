import datetime as dt
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reports import permissions
from reports.layout import build_layout
from reports.models import Answer, NextStep, Report, ReportingCycle, ReportState
from reports.selectors.cycles import current_cycles
from reports.selectors.previous import previous_answers
from roadmap.models import Country, Priority
from tests.demo_day import freeze_today

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 6)  # in the 2026-2027 cycle (May to April)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, TODAY)


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
    report = Report.objects.get(
        country__code="VN", state=ReportState.DRAFT, cycle__framework__slug="alliance87"
    )
    answer = report.answers.exclude(text="").first()
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
    handed_in = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
    assert previous.state == handed_in.state == ReportState.ACCEPTED
    assert handed_in.submitted_at.date() == dt.date(2023, 6, 20)  # before its deadline
    assert len(build_layout(handed_in).next_steps_carried) == 5
    assert handed_in.activities.count() >= 5
    assert all(
        dt.date(2022, 5, 1) <= a.starts_on <= dt.date(2023, 4, 30)
        for a in handed_in.activities.all()
    )
    hotline = handed_in.indicator_values.get(indicator__name__startswith="Calls received")
    parts = {part.label: part.amount for part in hotline.parts.all()}
    assert hotline.value == 2434 and parts["counselling"] == 541


def test_viet_nams_current_draft_carries_over_its_latest_report():
    call_command("seed_demo", stdout=io.StringIO())
    draft = Report.objects.with_context().get(
        country__code="VN", state=ReportState.DRAFT, cycle__framework__slug="alliance87"
    )
    assert draft.cycle.starts_on == dt.date(2026, 5, 1)  # the cycle containing today
    layout = build_layout(draft)
    # Viet Nam skipped the cycles between: its 2022-2023 report's next steps carry over
    assert [s.report.cycle.starts_on.year for s in layout.next_steps_carried] == [2022] * 3
    status = draft.answers.get(question__code="next_step_status")
    assert status.next_step == layout.next_steps_carried[0] and status.value == "ongoing"
    shown = previous_answers(report=draft, items=layout.items())
    assert shown and {p.cycle_label for p in shown.values()} == {"May 2022 – April 2023"}


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
    # Viet Nam's own years, then the four cycles that end at the one containing today
    assert sorted({r.cycle.starts_on.year for r in annual}) == list(range(2020, 2027))
    monitored = annual.exclude(country__code="VN")
    assert sorted({r.cycle.starts_on.year for r in monitored}) == [2023, 2024, 2025, 2026]
    assert set(annual.values_list("state", flat=True)) == set(ReportState.values)
    assert monitored.count() < 5 * 4  # some countries have not opened a cycle's report
    late = [
        r
        for r in annual.exclude(submitted_at=None).select_related("cycle")
        if r.submitted_at.date() > r.cycle.deadline
    ]
    assert [(r.country.code, r.cycle.starts_on.year) for r in late] == [("NP", 2025)]
    assert all(r.submitted_at <= timezone.now() for r in annual.exclude(submitted_at=None))
    for report in annual.exclude(state=ReportState.DRAFT):
        assert report.indicator_values.exists(), report
        assert report.activities.filter(participants_women__gt=0).exists(), report


def test_demo_carries_next_steps_over_the_years_with_statuses():
    call_command("seed_demo", stdout=io.StringIO())
    titles = NextStep.objects.filter(report__country__code="UG").values_list("title", flat=True)
    carried = "Train labour officers of ten districts"
    assert list(titles).count(carried) == 3  # set in the first cycle, listed again twice
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


@pytest.mark.parametrize(
    "today, current",
    [(TODAY, dt.date(2026, 5, 1)), (dt.date(2025, 3, 15), dt.date(2024, 5, 1))],
)
def test_demo_seeded_today_shows_an_open_cycle_with_days_left(client, monkeypatch, today, current):
    freeze_today(monkeypatch, today)
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="secretariat"))
    board = client.get(reverse("monitoring:board", args=["alliance87"])).context
    assert board["cycle"].starts_on == current
    assert board["cycle"].opens_on <= today < board["cycle"].deadline
    rows = board["rows"]
    assert len(rows) == 6 and not any(r.is_late for r in rows)
    waiting = [r for r in rows if r.first_submitted_on is None]
    assert waiting and all(r.days_left == (r.deadline - today).days > 0 for r in waiting)
    assert {r.status for r in rows} >= {"draft", "not_opened", "submitted", "accepted"}
    # The help page lists it as open, its deadline ahead.
    listed = {c.cycle.starts_on: c for c in current_cycles(today=today)}
    assert listed[current].status == "open" and listed[current].days > 0
    # Nothing was handed in, or done, after today.
    annual = Report.objects.filter(cycle__framework__slug="alliance87")
    assert all(r.submitted_at.date() <= today for r in annual.exclude(submitted_at=None))
    assert not annual.filter(activities__starts_on__gt=today).exists()
    assert not ReportingCycle.objects.filter(starts_on__gt=today).exists()


def test_viet_nams_focal_point_is_offered_no_second_report_of_the_current_cycle(client):
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="vn-focal"))
    assert client.get(reverse("home")).context["to_open"] == []
    Report.objects.filter(
        country__code="VN", state=ReportState.DRAFT, cycle__framework__slug="alliance87"
    ).delete()
    offered = client.get(reverse("home")).context["to_open"]
    assert [(i.country.code, i.cycle.starts_on) for i in offered] == [("VN", dt.date(2026, 5, 1))]
