import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from reports.layout import build_layout
from reports.models import Choice, Question
from reports.services import questionnaire_copy, report_create
from tests.factories import CycleFactory, RoadmapFactory, questionnaire_for, report_with_form

pytestmark = pytest.mark.django_db


def test_copy_creates_an_independent_questionnaire(report):
    source = report.cycle.questionnaire
    next_cycle = CycleFactory(starts_on=dt.date(2023, 5, 1))
    copy = questionnaire_copy(source=source, cycle=next_cycle)

    old = Question.objects.filter(section__questionnaire=source)
    new = Question.objects.filter(section__questionnaire=copy)
    assert [q.code for q in old] == [q.code for q in new]
    assert (
        Choice.objects.filter(question__in=new).count()
        == Choice.objects.filter(question__in=old).count()
    )
    # conditions point inside the copy, not back at the source
    detail = new.get(code="other_successes_detail")
    assert detail.shown_if.section.questionnaire == copy

    new.filter(code="highlights").update(text="Edited for next year")
    assert old.get(code="highlights").text.startswith("Considering the progress")
    assert build_layout(report).item_by_key()  # the old report still lays out on its form


def test_copy_refuses_a_cycle_that_has_a_form(report):
    other = CycleFactory(starts_on=dt.date(2023, 5, 1))
    questionnaire_for(other)
    with pytest.raises(ValidationError) as excinfo:
        questionnaire_copy(source=report.cycle.questionnaire, cycle=other)
    assert excinfo.value.code == "cycle_has_questionnaire"


def test_report_create_uses_the_latest_roadmap_version(report):
    newer = RoadmapFactory(country=report.country, framework=report.cycle.framework, version=2)
    cycle = CycleFactory(starts_on=dt.date(2023, 5, 1))
    created = report_create(country=report.country, cycle=cycle)
    assert created.roadmap == newer
    assert report.roadmap.version == 1  # the old report keeps the priorities it was written on


def test_report_create_refuses_a_duplicate(report):
    with pytest.raises(ValidationError) as excinfo:
        report_create(country=report.country, cycle=report.cycle)
    assert excinfo.value.code == "duplicate_report"


def test_report_create_needs_a_roadmap():
    report = report_with_form(priorities=1)
    from tests.factories import CountryFactory

    with pytest.raises(ValidationError) as excinfo:
        report_create(country=CountryFactory(), cycle=report.cycle)
    assert excinfo.value.code == "no_roadmap"


def test_opening_a_cycle_creates_one_report_per_pathfinder_country(report):
    from reports.services import cycle_open_reports
    from tests.factories import CountryFactory

    next_cycle = CycleFactory(starts_on=dt.date(2023, 5, 1))
    questionnaire_copy(source=report.cycle.questionnaire, cycle=next_cycle)
    other = RoadmapFactory(country=CountryFactory(), framework=report.cycle.framework)
    RoadmapFactory(country=CountryFactory(is_pathfinder=False), framework=report.cycle.framework)

    created = cycle_open_reports(cycle=next_cycle)
    assert {r.country for r in created} == {report.country, other.country}
    assert cycle_open_reports(cycle=next_cycle) == []  # idempotent


def test_a_cycle_without_questionnaire_cannot_be_opened(report):
    from reports.services import cycle_open_reports

    with pytest.raises(ValidationError) as excinfo:
        cycle_open_reports(cycle=CycleFactory(starts_on=dt.date(2023, 5, 1)))
    assert excinfo.value.code == "cycle_without_questionnaire"
