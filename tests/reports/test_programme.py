"""The same engine serves programme reporting: a donor programme's quarterly report with
objectives as themes and outputs as priorities, each output given a status."""

import datetime as dt

import pytest
from django.utils.html import escape

from reports.export_data import report_data
from reports.models import Answer, Report
from reports.services.questionnaires import questionnaire_copy
from roadmap.models import Framework, Role
from tests.demo_day import MONITORING_DAY, freeze_today
from tests.factories import CycleFactory, ReportFactory, member

from .entry_helpers import item, layout_of, section_data, section_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_report(monkeypatch, demo_snapshot):
    freeze_today(monkeypatch, MONITORING_DAY)  # during 2023-2024
    demo_snapshot.load(MONITORING_DAY)
    return Report.objects.with_context().get(cycle__framework__kind=Framework.Kind.PROGRAMME)


def test_quarterly_report_is_laid_out_output_by_output(programme_report):
    layout = layout_of(programme_report)
    assert programme_report.cycle.label == "October 2003 – December 2003"
    status = [i for i in layout.items() if i.question.code == "output_status"]
    progress = [i for i in layout.items() if i.question.code == "output_progress"]
    assert [i.number for i in status] == [1, 2, 3, 4]
    assert [i.number for i in progress] == [5, 6, 7, 8]
    assert status[0].text.startswith('What is the status of output #1 "Awareness of CSR')
    assert [i.answer.value for i in status] == ["partly_achieved", "ongoing", "achieved", "ongoing"]


def test_programme_report_is_separate_from_the_annual_report(programme_report):
    reports = Report.objects.filter(country=programme_report.country)
    # four annual reports (2020-2021 to 2022-2023, and the draft of 2023-2024, the cycle
    # the demo was seeded in) and the quarterly one
    assert reports.count() == 5
    assert reports.filter(cycle__framework__slug="csr-ta").get() == programme_report
    assert programme_report.roadmap.framework.slug == "csr-ta"


def test_output_status_is_entered_as_a_choice(client, programme_report):
    user = member(programme_report, Role.REPORTER)
    client.force_login(user)
    target = item(programme_report, "output_status", 1)
    page = client.get(section_url(programme_report, 1)).content.decode()
    assert f'name="{target.key}"' in page and 'type="radio"' in page
    data = section_data(programme_report, 1, **{target.key: "achieved"})
    assert client.post(section_url(programme_report, 1), data).status_code == 302
    answer = Answer.objects.get(
        report=programme_report, priority=target.priority, question=target.question
    )
    assert answer.value == "achieved"

    data = section_data(programme_report, 1, **{target.key: "finished-ish"})
    response = client.post(section_url(programme_report, 1), data)
    assert response.status_code == 400
    answer.refresh_from_db()
    assert answer.value == "achieved"


def test_exports_carry_the_output_statuses(programme_report):
    data = report_data(programme_report)
    text = repr(data)
    assert "Partly achieved" in text and "Achieved" in text


def test_next_quarter_shows_last_quarters_answer_beside_each_output(client, programme_report):
    quarter = CycleFactory(
        framework=programme_report.cycle.framework,
        starts_on=dt.date(2004, 1, 1),
        ends_on=dt.date(2004, 3, 31),
        opens_on=dt.date(2004, 4, 1),
        deadline=dt.date(2004, 4, 30),
    )
    questionnaire_copy(source=programme_report.cycle.questionnaire, cycle=quarter)
    report = ReportFactory(
        country=programme_report.country, cycle=quarter, roadmap=programme_report.roadmap
    )
    client.force_login(member(report, Role.REPORTER))
    page = client.get(section_url(report, 1)).content.decode()
    last = item(programme_report, "output_progress", 0)
    assert page.count("Copy into my answer") == 4  # the progress of each output, not its status
    assert "answer to question 5 (October 2003 – December 2003)</summary>" in page
    assert escape(last.answer.text) in page
