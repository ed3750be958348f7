"""The board: every country of a framework in one cycle, for reviewers, the secretariat
and admins; completeness of drafts without their text; filters, sorting, downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Answer, CommentThread, Report, ReportState
from roadmap.models import Region, Role
from tests.factories import (
    CycleFactory,
    MembershipFactory,
    ReportFactory,
    UserFactory,
    member,
    questionnaire_for,
    report_with_form,
    secretariat_of,
)
from tests.reports.review_support import fill_required

from .support import countries_with_reports, country_without_report, submitted

pytestmark = pytest.mark.django_db


def board(client, report, **params):
    url = reverse("monitoring:board", args=[report.cycle.framework.slug])
    return client.get(url, {"cycle": report.cycle.code, **params})


def by_country(response) -> dict[str, object]:
    return {row.country.name: row for row in response.context["rows"]}


def test_secretariat_sees_every_country_whether_or_not_it_opened_its_report(client, report):
    quiet = country_without_report(report.cycle, name="Quietland")
    handed = submitted(report_with_form(priorities=2, cycle=report.cycle))
    client.force_login(secretariat_of(report.cycle.framework))

    rows = by_country(board(client, report))

    assert set(rows) == {report.country.name, quiet.name, handed.country.name}
    assert rows[quiet.name].status == "not_opened" and rows[quiet.name].report is None
    assert rows[report.country.name].status == ReportState.DRAFT
    assert rows[handed.country.name].status == ReportState.SUBMITTED
    assert rows[handed.country.name].can_read and not rows[report.country.name].can_read


def test_reviewer_sees_only_the_countries_they_cover(client, report, reviewer):
    submitted(report_with_form(priorities=2, cycle=report.cycle))
    country_without_report(report.cycle)
    client.force_login(reviewer)

    assert list(by_country(board(client, report))) == [report.country.name]


def test_draft_shows_completeness_to_the_reviewer_but_none_of_its_text(client, report, reviewer):
    fill_required(report, text="Secret draft wording")
    Answer.objects.filter(report=report, question__code="highlights").update(text="Draft only")
    client.force_login(reviewer)

    response = board(client, report)
    page = response.content.decode()

    row = by_country(response)[report.country.name]
    assert row.status == ReportState.DRAFT and row.percent_complete == 100
    assert "100%" in page
    assert "Secret draft wording" not in page and "Draft only" not in page
    assert reverse("reports:read", args=[report.pk]) not in page


def test_partly_filled_draft_counts_what_is_answered(client, report, admin_user):
    Answer.objects.create(
        report=report,
        question=report.cycle.questionnaire.sections.get(order=3).questions.get(code="highlights"),
        text="Some",
    )
    client.force_login(admin_user)
    row = by_country(board(client, report))[report.country.name]
    assert row.required_answered == 1 and 0 < row.percent_complete < 10


@pytest.mark.parametrize("role", [Role.REPORTER, Role.FOCAL_POINT])
def test_country_staff_have_no_board(client, report, role):
    client.force_login(member(report, role))
    assert board(client, report).status_code == 404
    assert client.get(reverse("monitoring:index")).status_code == 404


def test_deadline_days_left_and_late(client, report, admin_user):
    deadline = report.cycle.deadline
    on_time = submitted(
        report_with_form(priorities=1, cycle=report.cycle),
        on=timezone.make_aware(dt.datetime.combine(deadline, dt.time(10))),
    )
    late = submitted(
        report_with_form(priorities=1, cycle=report.cycle),
        on=timezone.make_aware(dt.datetime.combine(deadline + dt.timedelta(days=4), dt.time(10))),
        state=ReportState.ACCEPTED,
    )
    client.force_login(admin_user)
    rows = by_country(board(client, report))  # today is long after the 2023 deadline

    assert not rows[on_time.country.name].is_late
    assert rows[on_time.country.name].first_submitted_on == deadline
    assert rows[late.country.name].days_late == 4
    draft = rows[report.country.name]
    assert draft.is_late and draft.days_late == (timezone.localdate() - deadline).days
    assert draft.days_left is None


def test_days_left_before_the_deadline(client, admin_user):
    cycle = CycleFactory(starts_on=dt.date(timezone.localdate().year, 1, 1))
    cycle.deadline = timezone.localdate() + dt.timedelta(days=10)
    cycle.opens_on = timezone.localdate() - dt.timedelta(days=1)
    cycle.save()
    questionnaire_for(cycle)
    report = report_with_form(priorities=1, cycle=cycle)
    client.force_login(admin_user)
    row = by_country(board(client, report))[report.country.name]
    assert row.days_left == 10 and not row.is_late
    assert "10 days left" in board(client, report).content.decode()


def test_filters_by_state_late_and_region(client, report, admin_user):
    report.country.region = Region.ASIA_PACIFIC
    report.country.save()
    quiet = country_without_report(report.cycle, region=Region.AFRICA)
    handed = submitted(
        report_with_form(priorities=1, cycle=report.cycle),
        on=timezone.make_aware(dt.datetime.combine(report.cycle.deadline, dt.time(9))),
    )
    client.force_login(admin_user)

    assert list(by_country(board(client, report, status="not_opened"))) == [quiet.name]
    assert set(by_country(board(client, report, late="on"))) == {
        report.country.name,
        quiet.name,
    }
    assert list(by_country(board(client, report, region=Region.AFRICA))) == [quiet.name]
    assert handed.country.name in by_country(board(client, report, status="bogus"))


def test_sorts_by_any_column(client, report, admin_user):
    fill_required(report)
    empty = report_with_form(priorities=1, cycle=report.cycle)
    client.force_login(admin_user)

    ascending = list(by_country(board(client, report, sort="complete")))
    descending = list(by_country(board(client, report, sort="complete", desc="on")))

    assert ascending == [empty.country.name, report.country.name]
    assert descending == ascending[::-1]
    page = board(client, report, sort="complete").content.decode()
    assert 'aria-sort="ascending"' in page
    for key in ("country", "region", "status", "deadline", "submitted", "threads", "changed"):
        assert board(client, report, sort=key).status_code == 200


def test_switching_cycle_shows_that_cycles_reports(client, report, admin_user):
    later = CycleFactory(starts_on=dt.date(2023, 5, 1))
    questionnaire_for(later)
    next_year = ReportFactory(country=report.country, roadmap=report.roadmap, cycle=later)
    submitted(next_year)
    client.force_login(admin_user)

    rows = by_country(board(client, next_year))
    assert rows[report.country.name].report == next_year
    assert by_country(board(client, report))[report.country.name].report == report
    # Without a cycle: the latest that has opened.
    url = reverse("monitoring:board", args=[report.cycle.framework.slug])
    assert client.get(url).context["cycle"] == later


@pytest.mark.parametrize("n", [5, 40])
def test_board_queries_do_not_grow_with_countries(client, django_assert_num_queries, n):
    CycleFactory(starts_on=dt.date(2021, 5, 1))  # next steps carried from it are counted
    cycle = CycleFactory()
    questionnaire_for(cycle)
    reports = countries_with_reports(cycle, n // 2)
    for _ in range(n - n // 2):
        country_without_report(cycle)
    user = secretariat_of(cycle.framework)
    client.force_login(user)
    url = reverse("monitoring:board", args=[cycle.framework.slug])
    # session, user, roles, framework, cycles, countries, reports, then completeness:
    # required questions, cycles, carried next steps
    with django_assert_num_queries(10):
        response = client.get(url, {"cycle": cycle.code})
    assert len(response.context["rows"]) == n
    assert reports[0].country.name in response.content.decode()


def test_board_downloads_as_csv_and_xlsx_with_formulas_neutralised(client, report, admin_user):
    report.country.name = "=HYPERLINK(1)"
    report.country.save()
    country_without_report(report.cycle, name="Quietland")
    client.force_login(admin_user)
    url = reverse("monitoring:board_export", args=[report.cycle.framework.slug, "csv"])

    csv_text = client.get(url, {"cycle": report.cycle.code}).content.decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0].startswith("ISO code,Country,Country (vi),Region,State,Completeness (%)")
    code = report.country.code
    assert lines[1].startswith(f"{code},'=HYPERLINK(1),'=HYPERLINK(1),,Draft,")
    assert ",Quietland,Quietland,,Not opened,," in lines[2]

    from openpyxl import load_workbook

    xlsx_url = reverse("monitoring:board_export", args=[report.cycle.framework.slug, "xlsx"])
    response = client.get(xlsx_url, {"cycle": report.cycle.code, "status": "not_opened"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][1:5] == ["Quietland", "Quietland", None, "Not opened"]
    assert sheet.max_row == 2
    assert client.get(url.replace(".csv", ".pdf")).status_code == 404


def test_board_download_gives_the_iso_code_and_the_country_in_each_language(
    client, report, admin_user
):
    report.country.translations = {"vi": {"name": "Xứ Thử"}}
    report.country.save()
    client.force_login(admin_user)
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    url = reverse("monitoring:board_export", args=[report.cycle.framework.slug, "csv"])
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã ISO", "Quốc gia", "Quốc gia (vi)"]
    assert rows[1][:3] == [report.country.code, report.country.name, "Xứ Thử"]


def test_board_is_linked_in_the_header_for_the_secretariat(client, report):
    client.force_login(secretariat_of(report.cycle.framework))
    page = client.get(reverse("home")).content.decode()
    assert reverse("monitoring:index") in page
    response = client.get(reverse("monitoring:index"))
    assert response.status_code == 302 and response.url.endswith("/board/")


def test_vietnamese_board(client, report, admin_user):
    client.force_login(admin_user)
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    page = board(client, report).content.decode()
    assert "Bản nháp" in page or "Nháp" in page


def test_every_column_sorts_and_is_labelled():
    from monitoring.forms import SORT_LABELS
    from monitoring.selectors.board import SORT_KEYS

    assert set(SORT_LABELS) == set(SORT_KEYS)


def test_board_csv_gives_every_last_change_in_one_format(client, report, admin_user):
    """One row changed on a whole second and one not: str() of a datetime adds microseconds
    only to the second, so the column mixed two formats."""
    other = ReportFactory(cycle=report.cycle)
    on_the_second = dt.datetime(2023, 6, 5, 10, 0, 0, tzinfo=dt.UTC)
    Report.objects.filter(pk=report.pk).update(updated_at=on_the_second)
    Report.objects.filter(pk=other.pk).update(updated_at=on_the_second.replace(microsecond=123456))
    client.force_login(admin_user)
    url = reverse("monitoring:board_export", args=[report.cycle.framework.slug, "csv"])
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    column = rows[0].index("Last change")
    changes = [row[column] for row in rows[1:]]
    assert len(changes) == 2
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", c) for c in changes), changes


def _open_thread(report) -> None:
    question = report.cycle.questionnaire.sections.get(order=3).questions.get(code="highlights")
    CommentThread.objects.create(report=report, question=question, created_by=UserFactory())


@pytest.mark.parametrize(
    ("role", "counted"), [("reviewer", False), ("secretariat", False), ("admin", True)]
)
def test_open_threads_of_a_draft_never_handed_in_only_for_who_may_read_it(
    client, report, reviewer, admin_user, role, counted
):
    """A draft's threads are part of the draft: a reviewer (or the secretariat) who may
    not read it sees no count on the board or in its download; on a handed-in report
    they do."""
    handed = submitted(report_with_form(priorities=2, cycle=report.cycle))
    MembershipFactory(user=reviewer, country=handed.country, role=Role.REVIEWER)
    for each in (report, handed):
        _open_thread(each)
        _open_thread(each)
    viewer = {
        "reviewer": reviewer,
        "secretariat": secretariat_of(report.cycle.framework),
        "admin": admin_user,
    }[role]
    client.force_login(viewer)

    rows = by_country(board(client, report))

    assert rows[report.country.name].open_threads == (2 if counted else None)
    assert rows[handed.country.name].open_threads == 2
    url = reverse("monitoring:board_export", args=[report.cycle.framework.slug, "csv"])
    lines = client.get(url, {"cycle": report.cycle.code}).content.decode("utf-8-sig")
    draft_line = next(line for line in lines.splitlines() if f"{report.country.code}," in line)
    assert draft_line.split(",")[-2] == ("2" if counted else "")
