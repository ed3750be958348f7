"""An admin brings a country's past years in from Word as accepted reports."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from reports import workflow
from reports.models import Answer, Report, ReportState
from tests.factories import CycleFactory, ReportFactory, questionnaire_for

from .helpers import upload
from .seed_document import build_seed_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "VN 2012-2013.docx"
    path.write_bytes(build_seed_docx())
    return path


@pytest.fixture
def cycle_2012(demo_report):
    cycle = CycleFactory(framework=demo_report.cycle.framework, starts_on=dt.date(2012, 5, 1))
    questionnaire_for(cycle)
    return cycle


def _import(path, by="admin", cycle="2012-2013"):
    out = io.StringIO()
    call_command("import_report", str(path), country="VN", cycle=cycle, by=by, stdout=out)
    return out.getvalue()


def test_a_past_report_comes_in_accepted_with_its_answers_and_next_steps(seed_file, cycle_2012):
    out = _import(seed_file)
    report = Report.objects.get(country__code="VN", cycle=cycle_2012)
    assert report.state == ReportState.ACCEPTED and report.accepted_at and report.submitted_at
    assert report.next_steps.count() == 5
    assert report.answers.filter(priority__isnull=False).count() == 14
    assert Answer.objects.get(report=report, question__code="overall_rating").value == "2"
    assert "answers and 5 next steps imported from VN 2012-2013.docx" in out
    transition = report.transitions.get()
    assert transition.action == workflow.IMPORT_HISTORY
    assert transition.by.username == "admin"
    assert transition.reason == "Imported from the Word file VN 2012-2013.docx"
    assert transition.snapshot["items"]
    assert report.roadmap.frozen_at is not None  # handed in: its roadmap version is frozen
    record = report.answers.first().history.get()
    assert record.history_user.username == "admin"
    assert record.history_change_reason == "Word file: VN 2012-2013.docx"


def test_a_cycle_with_a_handed_in_report_is_refused(seed_file, demo_report):
    before = Answer.objects.count()
    with pytest.raises(CommandError, match="already has a report"):
        _import(seed_file, cycle="2021-2022")
    assert Answer.objects.count() == before


def test_only_an_admin_imports_history(seed_file, cycle_2012):
    with pytest.raises(CommandError, match="may not import past reports"):
        _import(seed_file, by="vn-focal")
    assert not Report.objects.filter(cycle=cycle_2012).exists()


def test_the_history_transition_refuses_a_cycle_not_over(admin_user, demo_report):
    year = dt.date.today().year + 1
    cycle = CycleFactory(framework=demo_report.cycle.framework, starts_on=dt.date(year, 5, 1))
    report = ReportFactory(country=demo_report.country, cycle=cycle, roadmap=demo_report.roadmap)
    with pytest.raises(ValidationError, match="cycle that is over"):
        workflow.report_import_history(report=report, user=admin_user, source="a.docx")
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and not report.transitions.exists()


def test_the_history_transition_is_for_admins_and_fresh_drafts(admin_user, alice, report):
    with pytest.raises(PermissionDenied):
        workflow.report_import_history(report=report, user=alice, source="a.docx")
    report.submitted_at = report.created_at
    report.state = ReportState.RETURNED
    report.save()
    with pytest.raises(ValidationError, match="already handed in"):
        workflow.report_import_history(report=report, user=admin_user, source="a.docx")
    assert not report.transitions.exists()


def _page_post(client, country, cycle, data):
    return client.post(
        reverse("reports:history_import"),
        {"country": country.pk, "cycle": cycle.pk, "file": upload(data, "VN 2020.docx")},
    )


def test_an_admin_imports_a_past_year_on_its_page(client, cycle_2012, demo_report):
    client.force_login(get_user_model().objects.get(username="admin"))
    assert 'data-testid="history-import"' in client.get(reverse("home")).content.decode()
    response = _page_post(client, demo_report.country, cycle_2012, build_seed_docx())
    report = Report.objects.get(country=demo_report.country, cycle=cycle_2012)
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert report.state == ReportState.ACCEPTED
    assert report.transitions.get().by.username == "admin"


def test_the_page_refuses_a_cycle_already_reported_beside_the_cycle(client, demo_report):
    client.force_login(get_user_model().objects.get(username="admin"))
    accepted = Report.objects.get(country=demo_report.country, cycle__starts_on__year=2021)
    response = _page_post(client, demo_report.country, accepted.cycle, build_seed_docx())
    assert response.status_code == 400
    page = response.content.decode()
    assert "This country already has a report for this cycle." in page
    assert 'id="id_cycle"' in page and "is-invalid" in page


def test_the_page_is_for_admins_only(client, demo_report, cycle_2012):
    client.force_login(get_user_model().objects.get(username="vn-focal"))
    assert client.get(reverse("reports:history_import")).status_code == 403
    assert _page_post(client, demo_report.country, cycle_2012, build_seed_docx()).status_code == 403
    assert not Report.objects.filter(cycle=cycle_2012).exists()
