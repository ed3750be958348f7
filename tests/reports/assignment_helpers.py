"""Helpers for the assignment tests: contributors (with their agency) and assigning."""

from __future__ import annotations

from reports.models import Question
from reports.services.assignments import assign
from roadmap.models import Agency, Membership, Role
from tests.factories import UserFactory


def contributor(report, username: str, agency: str = "General Statistics Office"):
    """A contributor of the report's country, from ``agency``."""
    user = UserFactory(username=username)
    agency_row, _created = Agency.objects.get_or_create(country=report.country, name=agency)
    Membership.objects.create(
        user=user, country=report.country, role=Role.CONTRIBUTOR, agency=agency_row
    )
    return user


def question(report, code: str) -> Question:
    return Question.objects.get(section__questionnaire=report.cycle.questionnaire, code=code)


def assign_question(report, focal, people, code: str = "highlights", **kwargs):
    return assign(
        report=report,
        user=focal,
        kind="question",
        target_id=question(report, code).pk,
        assignees=people,
        **kwargs,
    )
