import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from reports.models import Activity, Answer, NextStep, ReportingCycle
from tests.factories import (
    ActivityFactory,
    CycleFactory,
    FrameworkFactory,
    NextStepFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


def test_cycle_label_is_derived_from_its_dates():
    cycle = CycleFactory(starts_on=dt.date(2022, 5, 1))
    assert cycle.label == "May 2022 – April 2023"
    assert cycle.code == "2022-2023"


def test_cycle_label_follows_the_language():
    cycle = CycleFactory(starts_on=dt.date(2022, 5, 1))
    with translation.override("vi"):
        assert "2022" in cycle.label and "May" not in cycle.label


def test_cycle_found_by_code():
    cycle = CycleFactory(starts_on=dt.date(2021, 5, 1))
    assert ReportingCycle.objects.get_by_code("2021-2022") == cycle
    with pytest.raises(ReportingCycle.DoesNotExist):
        ReportingCycle.objects.get_by_code("last year")


def test_quarterly_cycle_has_a_month_code():
    quarter = CycleFactory(
        starts_on=dt.date(2003, 10, 1),
        ends_on=dt.date(2003, 12, 31),
        opens_on=dt.date(2004, 1, 1),
        deadline=dt.date(2004, 1, 31),
    )
    assert quarter.code == "2003-10"
    assert quarter.label == "October 2003 – December 2003"
    assert ReportingCycle.objects.get_by_code("2003-10") == quarter


def test_cycle_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingCycle.objects.create(
            framework=FrameworkFactory(),
            starts_on=dt.date(2022, 5, 1),
            ends_on=dt.date(2021, 4, 30),
            opens_on=dt.date(2022, 3, 1),
            deadline=dt.date(2022, 6, 30),
        )


def test_cycle_validation_names_the_rule():
    cycle = ReportingCycle(
        framework=FrameworkFactory(),
        starts_on=dt.date(2022, 5, 1),
        ends_on=dt.date(2022, 4, 30),
        opens_on=dt.date(2023, 3, 1),
        deadline=dt.date(2023, 2, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        cycle.full_clean()
    messages = " ".join(excinfo.value.messages)
    assert "must end after it starts" in messages
    assert "deadline cannot be before" in messages


def test_one_report_per_country_and_cycle():
    report = ReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(country=report.country, cycle=report.cycle, roadmap=report.roadmap)


def test_participants_women_and_men_never_above_total():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(participants_women=32, participants_men=9, participants_total=40)


def test_participants_may_leave_sex_unknown():
    activity = ActivityFactory(
        participants_women=None, participants_men=None, participants_total=120
    )
    assert Activity.objects.get(pk=activity.pk).participants_total == 120


def test_activity_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(starts_on=dt.date(2022, 9, 23), ends_on=dt.date(2022, 9, 22))


def test_next_step_needs_a_title():
    with pytest.raises(IntegrityError), transaction.atomic():
        NextStepFactory(title="")


def test_one_answer_per_question_and_priority(report):
    from reports.layout import build_layout

    item = next(i for i in build_layout(report).items() if i.priority is not None)
    Answer.objects.create(report=report, question=item.question, priority=item.priority, text="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(report=report, question=item.question, priority=item.priority)


def test_one_answer_per_plain_question(report):
    from reports.layout import build_layout

    item = next(i for i in build_layout(report).items() if i.question.code == "highlights")
    Answer.objects.create(report=report, question=item.question, text="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(report=report, question=item.question, text="b")


def test_answer_hangs_on_a_priority_or_a_next_step_not_both(report):
    from reports.layout import build_layout

    item = next(i for i in build_layout(report).items() if i.priority is not None)
    step = NextStep.objects.create(report=report, title="A step")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(
            report=report, question=item.question, priority=item.priority, next_step=step
        )


def test_a_thread_links_to_itself_in_the_reading_view(report, reviewer):
    from reports.layout import build_layout
    from reports.models import CommentThread

    item = next(build_layout(report).items())
    thread = CommentThread.objects.create(
        report=report, question=item.question, priority=item.priority, created_by=reviewer
    )
    assert thread.get_absolute_url() == f"/reports/{report.pk}/read/#thread-{thread.pk}"
