"""Handed-in means frozen, whatever wrote it (reports.freeze): a priority, an indicator and a
question of a handed-in report are refused through the admin and the model, whether the
report was handed in by the workflow, imported as history or written by the demo."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from reports import workflow
from reports.models import Question, Questionnaire, Report, ReportState
from roadmap.models import Indicator, Priority, Roadmap
from tests.demo_day import MONITORING_DAY
from tests.factories import (
    CycleFactory,
    IndicatorValueFactory,
    questionnaire_for,
    report_with_form,
)
from tests.reports.review_support import fill_required

from .test_questionnaire_checks import question_post

pytestmark = pytest.mark.django_db

ROADMAP_FROZEN = "make a new roadmap version"
INDICATOR_FROZEN = "add a new indicator"
QUESTIONNAIRE_FROZEN = "Copy to another cycle"


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def by_workflow(report, admin_user, focal) -> Report:
    IndicatorValueFactory(report=report)
    fill_required(report)
    workflow.report_transition(report=report, user=focal, action="submit")
    return report


def by_history_import(_report, admin_user, _focal) -> Report:
    cycle = CycleFactory(starts_on=dt.date(2012, 5, 1))
    questionnaire_for(cycle)
    report = report_with_form(priorities=4, cycle=cycle)
    IndicatorValueFactory(report=report)
    workflow.report_import_history(report=report, user=admin_user, source="VN 2012-2013.docx")
    return report


def by_demo(_report, _admin_user, _focal) -> Report:
    # Seeded in November 2023, the demo's cycles are 2020-2021 to 2023-2024 (tests.demo_day).
    call_command("seed_demo", today=MONITORING_DAY, stdout=io.StringIO())
    return Report.objects.get(country__code="NP", cycle__starts_on__year=2021)


PATHS = [by_workflow, by_history_import, by_demo]


@pytest.fixture(params=PATHS, ids=lambda path: path.__name__)
def handed_in(request, report, admin_user, focal) -> Report:
    report = request.param(report, admin_user, focal)
    report.refresh_from_db()
    assert report.state in (ReportState.SUBMITTED, ReportState.ACCEPTED)
    return report


def first_priority(report: Report) -> Priority:
    return report.roadmap.priorities.order_by("pk").first()


def a_question(report: Report) -> Question:
    return Question.objects.get(section__questionnaire__cycle=report.cycle, code="lessons")


def test_what_a_handed_in_report_states_is_marked_frozen(handed_in):
    assert Roadmap.objects.get(pk=handed_in.roadmap_id).frozen_at is not None
    assert not Indicator.objects.filter(values__report=handed_in, frozen_at__isnull=True).exists()
    assert handed_in.indicator_values.exists()
    assert Questionnaire.objects.get(cycle=handed_in.cycle).frozen_at is not None


def test_a_priority_of_a_handed_in_report_is_refused_by_the_admin_and_the_model(staff, handed_in):
    priority = first_priority(handed_in)
    text = priority.text
    url = reverse("admin:roadmap_priority_change", args=[priority.pk])

    assert ROADMAP_FROZEN in staff.get(url).content.decode()
    staff.post(
        url,
        {
            "roadmap": priority.roadmap_id,
            "theme": priority.theme_id,
            "number": priority.number,
            "order": priority.order,
            "text": "New wording",
            "is_active": "on",
        },
    )
    priority.refresh_from_db()
    assert priority.text == text

    priority.text = "New wording"
    with pytest.raises(ValidationError, match=ROADMAP_FROZEN):
        priority.save()


def test_an_indicator_of_a_handed_in_report_is_refused_by_the_admin_and_the_model(staff, handed_in):
    indicator = handed_in.indicator_values.first().indicator
    name = indicator.name
    url = reverse("admin:roadmap_indicator_change", args=[indicator.pk])

    assert INDICATOR_FROZEN in staff.get(url).content.decode()
    staff.post(
        url,
        {
            "country": indicator.country_id,
            "name": "Renamed",
            "unit": "people",
            "order": 0,
            "is_active": "on",
        },
    )
    indicator.refresh_from_db()
    assert indicator.name == name

    indicator.name = "Renamed"
    with pytest.raises(ValidationError, match=INDICATOR_FROZEN):
        indicator.save()


def test_a_question_of_a_handed_in_report_is_refused_by_the_admin_and_the_model(staff, handed_in):
    question = a_question(handed_in)
    text = question.text
    url = reverse("admin:reports_question_change", args=[question.pk])

    page = staff.get(url)
    assert QUESTIONNAIRE_FROZEN in page.content.decode()
    assert {"text", "code", "kind", "order", "section"} <= set(
        page.context["adminform"].readonly_fields
    )
    staff.post(url, question_post(question, text="New wording", order=99))
    question.refresh_from_db()
    assert (question.text, question.order) != ("New wording", 99)
    assert question.text == text

    question.text = "New wording"
    with pytest.raises(ValidationError, match=QUESTIONNAIRE_FROZEN):
        question.save()


def test_priority_28_of_a_fresh_demo_nepals_accepted_2021_report_is_refused(staff):
    call_command("seed_demo", today=MONITORING_DAY, stdout=io.StringIO())
    # The 28th priority the demo creates: /admin/roadmap/priority/28/ on a fresh database.
    priority = Priority.objects.order_by("pk")[27]
    assert priority.roadmap.reports.filter(
        cycle__starts_on__year=2021, state=ReportState.ACCEPTED, country__code="NP"
    ).exists()
    text = priority.text
    url = reverse("admin:roadmap_priority_change", args=[priority.pk])

    page = staff.get(url)
    assert ROADMAP_FROZEN in page.content.decode()
    assert "text" in page.context["adminform"].readonly_fields
    staff.post(url, {"theme": priority.theme_id, "number": 1, "text": "Reworded", "order": 1})

    priority.refresh_from_db()
    assert priority.text == text


def test_a_report_handed_in_by_a_bulk_update_freezes_too(report):
    Report.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)

    assert Roadmap.objects.get(pk=report.roadmap_id).frozen_at is not None
    assert Questionnaire.objects.get(cycle=report.cycle).frozen_at is not None


def test_a_report_created_handed_in_by_a_factory_freezes(report):
    other = report_with_form(priorities=2, state=ReportState.ACCEPTED)

    assert Roadmap.objects.get(pk=other.roadmap_id).frozen_at is not None
    assert Roadmap.objects.get(pk=report.roadmap_id).frozen_at is None


def test_a_value_added_to_a_handed_in_report_freezes_its_indicator(report):
    Report.objects.filter(pk=report.pk).update(state=ReportState.ACCEPTED)

    value = IndicatorValueFactory(report=report)

    assert Indicator.objects.get(pk=value.indicator_id).frozen_at is not None


def test_a_report_handed_in_behind_the_models_back_still_freezes_what_it_states(staff, report):
    """The safety net: no marker was set, the derived check still refuses."""
    value = IndicatorValueFactory(report=report)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reports_report SET state = %s WHERE id = %s", ["accepted", report.pk]
        )
    assert Roadmap.objects.get(pk=report.roadmap_id).frozen_at is None

    priority = first_priority(report)
    priority.text = "New wording"
    with pytest.raises(ValidationError):
        priority.save()
    value.indicator.unit = "people"
    with pytest.raises(ValidationError):
        value.indicator.save()
    question = a_question(report)
    question.text = "New wording"
    with pytest.raises(ValidationError):
        question.save()
    url = reverse("admin:roadmap_roadmap_change", args=[report.roadmap_id])
    assert "text" in staff.get(url).context["inline_admin_formsets"][1].readonly_fields


def test_moving_a_priority_out_of_a_frozen_roadmap_is_refused(report):
    draft_roadmap = report_with_form(priorities=1).roadmap
    Report.objects.filter(pk=report.pk).update(state=ReportState.ACCEPTED)
    priority = first_priority(report)
    priority.roadmap = draft_roadmap
    priority.theme = draft_roadmap.themes.first()
    priority.number = 9

    with pytest.raises(ValidationError, match=ROADMAP_FROZEN):
        priority.save()


@pytest.mark.parametrize("values", [1, 6])
def test_freezing_a_handed_in_report_costs_the_same_whatever_it_holds(
    report, values, django_assert_num_queries
):
    for _ in range(values):
        IndicatorValueFactory(report=report)
    report.state = ReportState.SUBMITTED

    # The save, then one update each for its roadmap, indicators and questionnaire.
    with django_assert_num_queries(4):
        report.save(update_fields=["state"])

    assert not Indicator.objects.filter(values__report=report, frozen_at__isnull=True).exists()
