import datetime as dt

import pytest
from django.urls import reverse

from reports.workflow import report_transition
from tests.factories import CycleFactory, report_with_form

from .entry_helpers import forget_structure
from .review_support import fill_required

pytestmark = pytest.mark.django_db


def hub(client, user, report) -> str:
    client.force_login(user)
    return client.get(reverse("reports:detail", args=[report.pk])).content.decode()


def test_report_past_its_deadline_and_not_handed_in_is_marked_late(client, report, alice):
    assert report.cycle.deadline < dt.date.today()
    assert 'data-testid="late"' in hub(client, alice, report)


def test_report_before_its_deadline_is_not_late(client):
    from roadmap.models import Role
    from tests.factories import member

    next_year = dt.date.today().year + 1
    cycle = CycleFactory(
        starts_on=dt.date(next_year - 1, 5, 1), deadline=dt.date(next_year + 1, 6, 30)
    )
    report = report_with_form(priorities=1, cycle=cycle)
    assert 'data-testid="late"' not in hub(client, member(report, Role.REPORTER), report)


def test_hub_offers_what_the_person_may_do(client, report, alice, focal):
    reporter_page = hub(client, alice, report)
    assert "Fill in the questionnaire" in reporter_page
    assert "Check and submit" not in reporter_page
    assert "Check and submit" in hub(client, focal, report)
    # nothing submitted twice yet: no "changes since last submission"
    assert reverse("reports:changes", args=[report.pk]) not in reporter_page


def test_hub_names_the_framework(client, report, alice):
    assert report.cycle.framework.name in hub(client, alice, report)


def test_changes_link_appears_after_a_resubmission(client, report, focal, reviewer):
    fill_required(report)
    report_transition(report=report, user=focal, action="submit")
    report_transition(report=report, user=reviewer, action="return", reason="More figures.")
    report_transition(report=report, user=focal, action="submit")
    assert reverse("reports:changes", args=[report.pk]) in hub(client, focal, report)


def test_a_returned_reports_reason_heads_the_hub_and_every_entry_page(
    client, report, focal, reviewer
):
    fill_required(report)
    report_transition(report=report, user=focal, action="submit")
    report_transition(
        report=report, user=reviewer, action="return", reason="Add the 2023 <hotline> figures."
    )
    client.force_login(focal)
    urls = [reverse("reports:detail", args=[report.pk])]
    urls += [reverse("reports:section", args=[report.pk, s.order]) for s in report_sections(report)]
    urls += [
        reverse(name, args=[report.pk])
        for name in ("reports:submit", "reports:activities", "reports:activity_add")
    ]
    urls.append(reverse("reports:indicators", args=[report.pk]))
    for url in urls:
        html = client.get(url).content.decode()
        assert 'data-testid="return-reason-notice"' in html, url
        assert "Add the 2023 &lt;hotline&gt; figures." in html, url
        assert "Returned for revision by" in html, url

    report_transition(report=report, user=focal, action="submit")
    for url in urls[:2]:
        assert 'data-testid="return-reason-notice"' not in client.get(url).content.decode()


def report_sections(report):
    return report.cycle.questionnaire.sections.all()


@pytest.mark.parametrize(("priorities", "rounds"), [(2, 1), (40, 4)])
def test_hub_query_count_does_not_grow_with_the_report(
    client, django_assert_num_queries, priorities, rounds
):
    """Few or many priorities (each answered, with next steps), one or several rounds of
    submission and return: the hub costs the same."""
    from roadmap.models import Role
    from tests.factories import member

    report = report_with_form(priorities=priorities)
    focal = member(report, Role.FOCAL_POINT)
    reviewer = member(report, Role.REVIEWER)
    fill_required(report)
    for _ in range(rounds):
        report_transition(report=report, user=focal, action="submit")
        report_transition(report=report, user=reviewer, action="return", reason="More figures.")
    client.force_login(focal)
    # session, user, report (+ country, cycle, roadmap, questionnaire), memberships
    # (roles); the layout (kept sections, reports.layout): the latest earlier report,
    # own next steps, answers; the transitions with who made them, without their
    # snapshots (none to read, and no query, for a draft never handed in:
    # tests/reports/test_hub.py). The first request also reads the structure (sections,
    # questions, choices, priorities), then kept (reports.structure). For the country's
    # staff, the latest "ready for the focal point" and the focal points (who submits).
    # Issue 25: was 15, then 14 and 10.
    forget_structure(report)
    with django_assert_num_queries(14):
        client.get(reverse("reports:detail", args=[report.pk]))
    with django_assert_num_queries(10):
        response = client.get(reverse("reports:detail", args=[report.pk]))
    assert response.status_code == 200
