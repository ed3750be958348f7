"""A report's revision: the one way it grows (``reports.revisions``)."""

import datetime as dt

import pytest

from reports.models import Report, TransitionAction
from reports.revisions import report_touch
from reports.workflow import report_transition
from tests.factories import CycleFactory, ReportFactory, report_with_form

from .review_support import fill_required

pytestmark = pytest.mark.django_db


def test_touching_a_report_renews_the_next_cycles_report_too(report):
    """The next cycle's report shows this one's next steps: its kept PDF must not go stale."""
    later = ReportFactory(
        country=report.country,
        roadmap=report.roadmap,
        cycle=CycleFactory(starts_on=dt.date(2023, 5, 1)),
    )
    much_later = ReportFactory(
        country=report.country,
        roadmap=report.roadmap,
        cycle=CycleFactory(starts_on=dt.date(2024, 5, 1)),
    )
    other_country = report_with_form(priorities=1, cycle=later.cycle)
    before = {r.pk: r.revision for r in (report, later, much_later, other_country)}

    report_touch(report=report)

    for r in (report, later, much_later, other_country):
        r.refresh_from_db()
    assert report.revision == before[report.pk] + 1
    assert later.revision == before[later.pk] + 1
    assert much_later.revision == before[much_later.pk]
    assert other_country.revision == before[other_country.pk]


def test_a_state_change_renews_the_report_but_not_the_next_cycles(report, focal):
    """The workflow bumps through ``report_touch`` without carry-over: a state change does
    not show in the following cycle's report, whose kept PDF stays good."""
    later = ReportFactory(
        country=report.country,
        roadmap=report.roadmap,
        cycle=CycleFactory(starts_on=dt.date(2023, 5, 1)),
    )
    fill_required(report)
    report = Report.objects.get(pk=report.pk)
    before, later_before = report.revision, later.revision

    report_touch(report=report, carry_over=False)
    report_transition(report=report, user=focal, action=TransitionAction.SUBMIT)

    later.refresh_from_db()
    assert report.revision == before + 2
    assert later.revision == later_before
