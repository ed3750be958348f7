"""People reached: totals of a report's activities by sex, by priority and by province."""

import pytest
from django.urls import reverse

from reports.selectors.activities import activity_totals, alphabetical, report_activities
from roadmap.models import Priority
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activities(report):
    p1, p2 = Priority.objects.filter(roadmap=report.roadmap).in_order()[:2]
    a = ActivityFactory(
        report=report,
        places=["An Giang", "Hà Nội"],
        participants_women=32,
        participants_men=8,
        participants_total=40,
    )
    a.priorities.set([p1, p2])
    b = ActivityFactory(
        report=report,
        places=["Hà Nội"],
        participants_women=10,
        participants_men=5,
        participants_total=20,  # 5 of unknown sex
    )
    b.priorities.set([p1])
    # Sex not recorded at all, no province, no priority.
    ActivityFactory(
        report=report,
        places=[],
        participants_women=None,
        participants_men=None,
        participants_total=120,
    )
    # No participant figures.
    ActivityFactory(
        report=report, participants_women=None, participants_men=None, participants_total=None
    )
    return p1, p2


def test_people_reached_by_sex_note_those_of_unknown_sex(report, activities):
    totals = activity_totals(activities=report_activities(report=report))
    overall = totals.overall
    assert (overall.activities, overall.women, overall.men, overall.total) == (4, 42, 13, 180)
    assert overall.sex_unknown == 180 - 42 - 13
    assert totals.without_figures == 1


def test_people_reached_by_priority_count_an_activity_under_each_priority(report, activities):
    p1, p2 = activities
    totals = activity_totals(activities=report_activities(report=report))
    by_priority = {priority: reach for priority, reach in totals.by_priority}
    assert list(by_priority) == [p1, p2]
    assert (by_priority[p1].activities, by_priority[p1].women, by_priority[p1].total) == (2, 42, 60)
    assert (by_priority[p2].activities, by_priority[p2].total) == (1, 40)
    assert (totals.no_priority.activities, totals.no_priority.total) == (2, 120)


def test_people_reached_by_province(report, activities):
    totals = activity_totals(activities=report_activities(report=report))
    by_province = {name: reach for name, reach in totals.by_province}
    assert list(by_province) == ["An Giang", "Hà Nội"]
    assert (by_province["Hà Nội"].activities, by_province["Hà Nội"].total) == (2, 60)
    assert (by_province["Hà Nội"].women, by_province["Hà Nội"].men) == (42, 13)
    assert by_province["An Giang"].total == 40
    assert (totals.no_province.activities, totals.no_province.total) == (2, 120)


def test_a_total_left_empty_in_the_admin_still_counts_women_and_men(report):
    ActivityFactory(
        report=report, participants_women=3, participants_men=4, participants_total=None
    )
    overall = activity_totals(activities=report_activities(report=report)).overall
    assert (overall.total, overall.sex_unknown) == (7, 0)


def test_provinces_sort_as_in_vietnamese():
    names = ["Hà Nội", "Đà Nẵng", "Cao Bằng", "An Giang", "Dak Lak"]
    assert sorted(names, key=alphabetical) == [
        "An Giang",
        "Cao Bằng",
        "Dak Lak",
        "Đà Nẵng",
        "Hà Nội",
    ]


def test_the_list_shows_the_totals(client, report, alice, activities):
    client.force_login(alice)
    html = client.get(reverse("reports:activities", args=[report.pk])).content.decode()
    assert 'data-testid="total-women">42<' in html
    assert 'data-testid="total-men">13<' in html
    assert 'data-testid="total-unknown">125<' in html
    assert 'data-testid="total-all">180<' in html
    assert "1 activity has no participant figures." in html


def test_women_and_men_not_recorded_show_as_a_dash_not_zero(client, report, alice, activities):
    totals = activity_totals(activities=report_activities(report=report))
    assert (totals.no_priority.women, totals.no_priority.men) == (None, None)

    client.force_login(alice)
    html = client.get(reverse("reports:activities", args=[report.pk])).content.decode()
    row = html.split("No priority given")[1].split("</tr>")[0]
    assert [cell.split("<")[0] for cell in row.split('class="text-end">')[1:]] == [
        "2",
        "—",
        "—",
        "120",
    ]
