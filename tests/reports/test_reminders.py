"""Deadline reminders and overdue notices over a simulated cycle: each step once, to the
right people, in their language; nothing once the report is handed in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from reports.models import MailPreference, Notice, ReportState
from reports.reminders import reminder_step, reminders_plan, reminders_send
from roadmap.models import FrameworkMembership, Role
from tests.factories import (
    CountryFactory,
    CycleFactory,
    FrameworkFactory,
    ReportFactory,
    RoadmapFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db

# CycleFactory's 2022-2023 cycle: reporting opens 1 March 2023, due 30 June 2023.
DEADLINE = dt.date(2023, 6, 30)


@pytest.fixture
def draft():
    return ReportFactory(cycle=CycleFactory())


@pytest.fixture
def staff(draft):
    return {
        "alice": member(draft, Role.REPORTER, username="alice"),
        "fiona": member(draft, Role.FOCAL_POINT, username="fiona"),
        "rita": member(draft, Role.REVIEWER, username="rita"),
        "oscar": member(CountryFactory(), Role.REVIEWER, username="oscar"),
    }


def days(start: dt.date, end: dt.date):
    for n in range((end - start).days + 1):
        yield start + dt.timedelta(days=n)


def run_every_day(start: dt.date, end: dt.date) -> dict[str, list[tuple[dt.date, str]]]:
    """Run the daily job for each day; who got which step on which day."""
    got: dict[str, list[tuple[dt.date, str]]] = {}
    for day in days(start, end):
        before = len(mail.outbox)
        reminders_send(today=day)
        for message in mail.outbox[before:]:
            notice = Notice.objects.filter(recipient__email=message.to[0]).latest("pk")
            got.setdefault(notice.recipient.username, []).append(
                (day, notice.key.rsplit(":", 1)[1])
            )
    return got


def test_steps_before_and_after_the_deadline():
    assert reminder_step(deadline=DEADLINE, today=dt.date(2023, 5, 30)) is None
    assert reminder_step(deadline=DEADLINE, today=dt.date(2023, 5, 31))[1] == "due-30"
    assert reminder_step(deadline=DEADLINE, today=dt.date(2023, 6, 23))[1] == "due-7"
    assert reminder_step(deadline=DEADLINE, today=DEADLINE)[1] == "due-1"
    assert reminder_step(deadline=DEADLINE, today=dt.date(2023, 7, 1))[1] == "overdue-0"
    assert reminder_step(deadline=DEADLINE, today=dt.date(2023, 7, 7))[1] == "overdue-0"
    assert reminder_step(deadline=DEADLINE, today=dt.date(2023, 7, 8))[1] == "overdue-1"


def test_a_simulated_cycle_sends_each_step_once_to_the_right_people(draft, staff, settings):
    settings.REMINDER_OVERDUE_WEEKS = 4
    got = run_every_day(dt.date(2023, 2, 1), dt.date(2023, 8, 31))

    country_steps = [
        (dt.date(2023, 5, 31), "due-30"),
        (dt.date(2023, 6, 23), "due-7"),
        (dt.date(2023, 6, 29), "due-1"),
        (dt.date(2023, 7, 1), "overdue-0"),
        (dt.date(2023, 7, 8), "overdue-1"),
        (dt.date(2023, 7, 15), "overdue-2"),
        (dt.date(2023, 7, 22), "overdue-3"),
    ]
    assert got["alice"] == country_steps
    assert got["fiona"] == country_steps
    # The country's reviewer is copied on the overdue notices only; another country's
    # reviewer hears nothing.
    assert got["rita"] == country_steps[3:]
    assert "oscar" not in got


def test_the_secretariat_is_copied_on_overdue_notices_of_its_framework_only(draft, staff):
    secretariat = UserFactory(username="sam", email="sam@example.org")
    FrameworkMembership.objects.create(user=secretariat, framework=draft.cycle.framework)
    other_framework = UserFactory(username="pat", email="pat@example.org")
    FrameworkMembership.objects.create(
        user=other_framework, framework=FrameworkFactory(slug="other-programme")
    )
    got = run_every_day(dt.date(2023, 6, 20), dt.date(2023, 7, 9))
    assert [step for _day, step in got["sam"]] == ["overdue-0", "overdue-1"]
    assert "pat" not in got


def test_nothing_once_the_report_is_submitted(draft, staff):
    got = run_every_day(dt.date(2023, 5, 1), dt.date(2023, 6, 25))
    assert [step for _day, step in got["alice"]] == ["due-30", "due-7"]
    draft.state, draft.submitted_at = ReportState.SUBMITTED, dt.datetime(2023, 6, 26, tzinfo=dt.UTC)
    draft.save()

    mail.outbox.clear()
    run_every_day(dt.date(2023, 6, 26), dt.date(2023, 8, 31))
    assert mail.outbox == []


def test_a_returned_report_counts_as_handed_in(draft, staff):
    draft.state, draft.submitted_at = ReportState.RETURNED, dt.datetime(2023, 6, 1, tzinfo=dt.UTC)
    draft.save()
    assert reminders_plan(today=dt.date(2023, 7, 1)) == []


def test_a_missed_day_is_caught_up_once(draft, staff):
    """The worker was down on the 7-days morning: the next run sends that step, once."""
    reminders_send(today=dt.date(2023, 6, 25))
    reminders_send(today=dt.date(2023, 6, 26))
    steps = Notice.objects.filter(recipient=staff["alice"]).values_list("key", flat=True)
    assert [key.rsplit(":", 1)[1] for key in steps] == ["due-7"]
    assert "5 days" in mail.outbox[0].body


def test_mail_comes_in_the_recipients_language(draft, staff):
    draft.country.language = "vi"
    draft.country.save()
    MailPreference.objects.create(user=staff["fiona"], language="en")
    reminders_send(today=dt.date(2023, 7, 1))

    by_person = {m.to[0].split("@")[0]: m for m in mail.outbox}
    assert "Quá hạn" in by_person["alice"].subject  # the country's language
    assert by_person["fiona"].subject.startswith("Overdue")  # her own choice
    assert by_person["rita"].subject.startswith("Overdue")  # reviewers: the site's
    assert Notice.objects.get(recipient=staff["alice"]).language == "vi"


def test_the_mail_links_to_the_report(draft, staff, settings):
    settings.SITE_URL = "https://pathfinder.example"
    reminders_send(today=dt.date(2023, 6, 23))
    url = f"https://pathfinder.example{reverse('reports:detail', args=[draft.pk])}"
    assert all(url in m.body for m in mail.outbox)
    # And to the page where reminders are switched off.
    notices = f"https://pathfinder.example{reverse('reports:notices')}"
    assert all(notices in m.body for m in mail.outbox)


def test_a_person_may_switch_reminders_off(draft, staff):
    MailPreference.objects.create(user=staff["alice"], reminders=False)
    reminders_send(today=dt.date(2023, 7, 1))
    assert sorted(m.to[0] for m in mail.outbox) == ["fiona@example.org", "rita@example.org"]


def test_a_country_without_a_report_yet_is_reminded(staff):
    country = CountryFactory()
    RoadmapFactory(country=country)
    newcomer = member(country, Role.FOCAL_POINT, username="nadia")
    reminders_send(today=dt.date(2023, 6, 23))
    message = next(m for m in mail.outbox if m.to == [newcomer.email])
    assert "has not been opened for your country yet" in message.body


def test_a_second_run_or_a_second_worker_sends_nothing_twice(draft, staff):
    stale_plan = reminders_plan(today=dt.date(2023, 7, 1))  # a second worker's, read early
    first = reminders_send(today=dt.date(2023, 7, 1))
    again = reminders_send(today=dt.date(2023, 7, 1))
    assert (first.sent, again.sent) == (3, 0)

    # The second worker acts on what it read before the first one sent.
    from reports import notifications

    for item in stale_plan:
        assert (
            notifications.deliver(
                key=item.key,
                kind=item.kind,
                country_id=item.country.pk,
                report=item.report,
                template="reminder",
                recipients=item.staff + item.copies,
                context={
                    "cycle": item.cycle,
                    "country": item.country,
                    "overdue": True,
                    "days_late": 1,
                },
                url="",
            )
            == 0
        )
    assert len(mail.outbox) == 3


def test_a_mail_that_could_not_go_is_sent_by_the_next_run(draft, staff, settings):
    settings.EMAIL_BACKEND = "tests.reports.test_reminders.BrokenBackend"
    with pytest.raises(ConnectionError):
        reminders_send(today=dt.date(2023, 6, 23))
    assert not Notice.objects.exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders_send(today=dt.date(2023, 6, 24)).sent == 2


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("mail server down")


def test_the_command_does_what_the_job_does(draft, staff, capsys):
    call_command("send_reminders", "--today", "2023-07-01", "--dry-run")
    out = capsys.readouterr().out
    assert "overdue-0" in out and "3 message(s) due, none sent" in out
    assert mail.outbox == [] and not Notice.objects.exists()

    call_command("send_reminders", "--today", "2023-07-01")
    assert "3 message(s) sent" in capsys.readouterr().out
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("countries", [2, 6])
def test_planning_takes_the_same_queries_for_more_countries(countries, django_assert_num_queries):
    cycle = CycleFactory()
    for _n in range(countries):
        report = ReportFactory(cycle=cycle)
        member(report, Role.REPORTER)
        member(report, Role.FOCAL_POINT)
        member(report, Role.REVIEWER)
    # One more than before the secretariat: its framework memberships.
    with django_assert_num_queries(11):
        planned = reminders_plan(today=dt.date(2023, 7, 1))
    assert len(planned) == countries
