"""A country's trends: who may see them, indicators, next steps followed across three
cycles, people reached, rating and coverage; every chart equals its table."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from monitoring.charts import Chart, fmt
from reports.models import Answer, Question, ReportState
from roadmap.models import Role
from roadmap.services import indicator_figures_set
from tests.factories import (
    ActivityFactory,
    AreaFactory,
    CycleFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    NextStepFactory,
    ReportFactory,
    member,
    questionnaire_for,
    report_with_form,
    secretariat_of,
)

from .support import submitted

pytestmark = pytest.mark.django_db


def later(report, year: int, state=ReportState.SUBMITTED):
    """The same country's report for the cycle starting in ``year``, handed in."""
    cycle = CycleFactory(starts_on=dt.date(year, 5, 1))
    questionnaire_for(cycle)
    nxt = ReportFactory(country=report.country, roadmap=report.roadmap, cycle=cycle)
    return submitted(nxt, state=state) if state != ReportState.DRAFT else nxt


def status(report, step, value: str) -> None:
    question = Question.objects.get(
        section__questionnaire__cycle=report.cycle, code="next_step_status"
    )
    Answer.objects.create(report=report, question=question, next_step=step, value=value)


def trends_url(report) -> str:
    return reverse("monitoring:trends", args=[report.cycle.framework.slug, report.country.code])


@pytest.fixture
def three_cycles(report):
    """Reports 2022, 2023 (handed in) and 2024 (a draft) of the ``report`` fixture's country."""
    submitted(report, state=ReportState.ACCEPTED)
    return report, later(report, 2023), later(report, 2024, state=ReportState.DRAFT)


def test_next_steps_followed_across_three_cycles(client, three_cycles, alice):
    first, second, third = three_cycles
    done = NextStepFactory(report=first, title="Adopt the plan")
    carried = NextStepFactory(report=first, title="Train inspectors")
    NextStepFactory(report=first, title="Map the mines")
    status(second, done, "completed")
    status(second, carried, "ongoing")
    again = NextStepFactory(report=second, title="Train  inspectors")  # listed again
    status(third, again, "ongoing")
    client.force_login(alice)

    steps = {
        row["track"].title: row["track"] for row in client.get(trends_url(first)).context["steps"]
    }

    assert steps["Adopt the plan"].statuses == ["completed"]
    assert steps["Adopt the plan"].completed and not steps["Adopt the plan"].overdue
    assert steps["Train inspectors"].statuses == ["ongoing", "ongoing"]
    assert steps["Train inspectors"].overdue
    assert steps["Map the mines"].statuses == ["dropped"] and steps["Map the mines"].dropped
    assert len(steps) == 3
    page = client.get(trends_url(first)).content.decode()
    assert "Not completed two cycles after it was set" in page


def test_reviewer_sees_no_draft_figures_country_staff_do(client, three_cycles, reviewer, alice):
    first, _second, draft = three_cycles
    indicator = IndicatorFactory(country=first.country, name="Calls", unit="calls")
    IndicatorValueFactory(report=first, indicator=indicator, value=1200)
    IndicatorValueFactory(report=draft, indicator=indicator, value=98765)
    client.force_login(reviewer)
    page = client.get(trends_url(first)).content.decode()
    assert "1,200" in page and "98,765" not in page and "2024-2025" not in page

    client.force_login(alice)
    page = client.get(trends_url(first)).content.decode()
    assert "98,765" in page


@pytest.mark.parametrize(
    "who,expected",
    [
        ("reporter", 200),
        ("focal_point", 200),
        ("reviewer", 200),
        ("secretariat", 200),
        ("admin", 200),
        ("other_staff", 404),
        ("other_reviewer", 404),
        ("other_secretariat", 404),
        ("nobody", 404),
    ],
)
def test_who_may_see_a_countrys_trends(client, report, who, expected):
    from tests.factories import CountryFactory, FrameworkFactory, UserFactory

    users = {
        "reporter": lambda: member(report, Role.REPORTER),
        "focal_point": lambda: member(report, Role.FOCAL_POINT),
        "reviewer": lambda: member(report, Role.REVIEWER),
        "secretariat": lambda: secretariat_of(report.cycle.framework),
        "admin": lambda: UserFactory(is_staff=True),
        "other_staff": lambda: member(CountryFactory(), Role.FOCAL_POINT),
        "other_reviewer": lambda: member(CountryFactory(), Role.REVIEWER),
        "other_secretariat": lambda: secretariat_of(FrameworkFactory(slug="other")),
        "nobody": lambda: UserFactory(),
    }
    client.force_login(users[who]())
    assert client.get(trends_url(report)).status_code == expected


def test_country_a_staff_get_404_on_country_b(client, report, alice):
    other = report_with_form(priorities=1, cycle=report.cycle)
    client.force_login(alice)
    assert client.get(trends_url(other)).status_code == 404
    missing = reverse("monitoring:trends", args=[report.cycle.framework.slug, "ZZ"])
    assert client.get(missing).status_code == 404


def charts_of(context) -> list[Chart]:
    return [
        *context["indicator_charts"],
        *context["people_charts"],
        context["rating_chart"],
        context["coverage_chart"],
    ]


def test_every_chart_draws_what_its_table_says(client, three_cycles, alice):
    first, second, _draft = three_cycles
    indicator = IndicatorFactory(country=first.country, name="Calls", unit="calls")
    IndicatorValueFactory(report=first, indicator=indicator, value=3808)
    IndicatorValueFactory(report=second, indicator=indicator, value=2434)
    priority = first.roadmap.priorities.first()
    for report, women, men in [(first, 30, 10), (second, 12, 30)]:
        activity = ActivityFactory(
            report=report,
            participants_women=women,
            participants_men=men,
            participants_total=women + men + 5,
            places=["An Giang"],
        )
        activity.priorities.set([priority])
    rating = Question.objects.get(section__questionnaire__cycle=first.cycle, code="overall_rating")
    Answer.objects.create(report=first, question=rating, value="4")
    client.force_login(alice)

    response = client.get(trends_url(first))
    page = html.unescape(response.content.decode())

    for chart in charts_of(response.context):
        drawn = re.findall(r'<rect class="pf-bar"[^>]*><title>(.*?)</title>', str(chart.svg()))
        expected = []
        for row in chart.rows:
            for (name, values), cell in zip(chart.series, row[1:], strict=False):
                if values[chart.rows.index(row)] is not None:
                    single = len(chart.series) == 1
                    expected.append(f"{row[0]}: {cell}" if single else f"{row[0]}, {name}: {cell}")
        assert [html.unescape(t) for t in drawn] == expected, chart.title
        assert chart.title in page and chart.summary in page
    sex = response.context["people_charts"][0]
    assert sex.rows[0] == ["2022-2023", "30", "10", "5", "45"]
    assert response.context["rating_chart"].rows[0] == ["2022-2023", "4"]


def test_coverage_lists_priorities_without_progress(client, report, alice):
    submitted(report)
    question = Question.objects.get(
        section__questionnaire__cycle=report.cycle, code="priority_progress"
    )
    priorities = list(report.roadmap.priorities.all())
    for priority in priorities[:-1]:
        Answer.objects.create(report=report, question=question, priority=priority, text="Done.")
    client.force_login(alice)
    chart = client.get(trends_url(report)).context["coverage_chart"]
    assert chart.rows[0][1:3] == [fmt(len(priorities) - 1), "1"]
    assert chart.rows[0][3] == priorities[-1].short_label


def test_numbers_read_in_the_readers_language():
    """As the rest of the portal prints them (the PDF, the activities page)."""
    assert fmt(2434) == "2,434" and fmt(12.5) == "12.5"
    with translation.override("vi"):
        assert fmt(12.5) == "12,5"
        assert fmt(Decimal("2434.00")) == "2.434"  # grouped as Vietnamese writes it


@pytest.mark.parametrize("cycles", [2, 5])
def test_trends_queries_do_not_grow_with_cycles(
    client, report, alice, cycles, django_assert_num_queries
):
    indicators = [IndicatorFactory(country=report.country) for _ in range(cycles - 1)]
    for indicator in indicators:  # each with a baseline and two targets
        indicator_figures_set(
            roadmap=report.roadmap,
            indicator=indicator,
            baseline=(2021, Decimal(3808), {"en": "Hotline 111"}),
            targets={2023: Decimal(3000), 2025: Decimal(2000)},
        )
    submitted(report)
    for year, indicator in zip(range(2023, 2023 + cycles - 1), indicators, strict=True):
        nxt = later(report, year)
        NextStepFactory(report=nxt)
        ActivityFactory(report=nxt).priorities.set(report.roadmap.priorities.all()[:2])
        IndicatorValueFactory(report=nxt, indicator=indicator)
    client.force_login(alice)
    url = trends_url(report)
    # session, user, roles, framework, country, cycles, reports, indicator values and their
    # break-down parts, next steps, answers, activities + their priorities + their areas,
    # roadmap priorities, baselines, targets
    with django_assert_num_queries(17):
        response = client.get(url)
    assert len(response.context["shown_cycles"]) == cycles


def test_country_staff_find_their_trends_on_the_home_page(client, report, alice):
    client.force_login(alice)
    assert trends_url(report) in client.get(reverse("home")).content.decode()


def test_people_by_province_groups_by_area_code_in_the_readers_language(
    client, three_cycles, alice
):
    first, second, _draft = three_cycles
    code = first.country.code
    AreaFactory(
        country=first.country,
        code=f"{code}-HN",
        name="Ha Noi",
        translations={"vi": {"name": "Hà Nội"}},
    )
    ActivityFactory(report=first, places=["Hà Nội"], participants_total=40)
    ActivityFactory(report=second, places=["HANOI", "Gotham"], participants_total=50)
    ActivityFactory(report=second, places=["gotham"], participants_total=45)
    client.force_login(alice)
    response = client.get(trends_url(first), HTTP_ACCEPT_LANGUAGE="vi")
    (chart,) = [c for c in response.context["people_charts"] if c.slug == "people-province"]
    assert chart.categories == ["Gotham", "Hà Nội"]
    assert [values for _cycle, values in chart.series][:2] == [[None, 40], [95, 50]]


def test_indicator_charts_draw_the_target_and_give_progress_beside_them(client, report, alice):
    calls = IndicatorFactory(country=report.country, name="Hotline calls", unit="calls")
    waiting = IndicatorFactory(country=report.country, name="Officials trained", unit="people")
    for indicator in (calls, waiting):
        indicator_figures_set(
            roadmap=report.roadmap,
            indicator=indicator,
            baseline=(2021, Decimal(3808), {"en": "Hotline 111"}),
            targets={2025: Decimal(2000)},
        )
    submitted(report)
    IndicatorValueFactory(report=report, indicator=calls, value=2434)
    client.force_login(alice)

    response = client.get(trends_url(report))
    charts = {c.title: c for c in response.context["indicator_charts"]}
    html = response.content.decode()

    drawn = charts["Hotline calls (calls)"]
    assert 'class="pf-target"' in str(drawn.svg()) and 'class="pf-baseline"' in str(drawn.svg())
    assert dict(drawn.facts) == {
        "Baseline": "3,808 (2021)",
        "Baseline source": "Hotline 111",
        "Target": "2,000 (2025)",
        "Latest value": "2,434 (2022)",
        "Share of the way": "76 %",
        "Status": "On track",
    }
    # An indicator with a target and no value yet is shown, and says so.
    assert dict(charts["Officials trained (people)"].facts)["Status"] == "No value yet"
    assert html.count('data-testid="chart-facts"') == 2
    assert "Target 2025: 2,000" in html


def test_progress_reads_in_vietnamese(client, report, alice):
    calls = IndicatorFactory(country=report.country, name="Hotline calls", unit="calls")
    indicator_figures_set(
        roadmap=report.roadmap,
        indicator=calls,
        baseline=(2021, Decimal(3808), {"en": "Hotline 111"}),
        targets={2025: Decimal(2000)},
    )
    submitted(report)
    IndicatorValueFactory(report=report, indicator=calls, value=2434)
    client.force_login(alice)

    html = client.get(trends_url(report), headers={"accept-language": "vi"}).content.decode()
    assert "Giá trị cơ sở" in html and "3.808 (2021)" in html and "Đúng tiến độ" in html
