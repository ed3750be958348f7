"""The help page (/help/): open to anyone, in both languages, with the cycles' deadlines
read from the database and the contact from the settings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from reports.models import ReportState
from reports.selectors.contacts import admin_contacts
from tests.factories import CycleFactory, FrameworkFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anyone_may_read_the_help_page_without_signing_in(client):
    response = client.get("/help/")
    assert response.status_code == 200
    assert "Help: reporting on the portal" in response.content.decode()


def test_help_page_gives_the_contact_from_the_settings(client, settings):
    settings.HELP_CONTACT_NAME = "Pathfinder help desk"
    settings.HELP_CONTACT_EMAIL = "help@example.org"
    html = client.get("/help/").content.decode()
    assert "Pathfinder help desk" in html
    assert 'href="mailto:help@example.org"' in html


def test_help_page_lists_every_report_state(client):
    html = client.get("/help/").content.decode()
    for state in ReportState:
        assert f"<dt>{state.label}</dt>" in html


def test_help_page_headings_follow_its_table_of_contents(client):
    html = client.get("/help/").content.decode()
    anchors = [
        "cycle",
        "deadlines",
        "roles",
        "states",
        "answering",
        "saving",
        "word",
        "progress",
        "contact",
    ]
    toc = [html.index(f'href="#{a}"') for a in anchors]
    sections = [html.index(f'<section id="{a}"') for a in anchors]
    assert toc == sorted(toc)
    assert sections == sorted(sections)
    assert max(toc) < min(sections)


def test_help_page_reads_in_vietnamese(client):
    response = client.get("/help/", headers={"accept-language": "vi"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Help: reporting on the portal" not in html
    assert "Trợ giúp: báo cáo trên cổng thông tin" in html
    with translation.override("en"):
        english = f"<dt>{ReportState.ACCEPTED.label}</dt>"
    with translation.override("vi"):
        vietnamese = f"<dt>{ReportState.ACCEPTED.label}</dt>"
    assert english not in html
    assert vietnamese in html


def test_help_page_shows_the_open_cycles_deadlines(client):
    today = timezone.localdate()
    framework = FrameworkFactory(name="Annual report")
    CycleFactory(
        framework=framework,
        starts_on=dt.date(today.year - 1, 5, 1),
        ends_on=dt.date(today.year, 4, 30),
        opens_on=today - dt.timedelta(days=10),
        deadline=today + dt.timedelta(days=7),
    )
    CycleFactory(
        framework=framework,
        starts_on=dt.date(today.year - 3, 5, 1),
        ends_on=dt.date(today.year - 2, 4, 30),
        opens_on=today - dt.timedelta(days=800),
        deadline=today - dt.timedelta(days=700),
    )
    html = client.get("/help/").content.decode()
    assert "open: 7 days left" in html
    assert html.count("<tr>") == 2  # the header row and the open cycle; the old one is over


def test_help_page_is_linked_from_the_sign_in_page_and_the_layout(client, alice):
    assert 'href="/help/"' in client.get("/accounts/login/").content.decode()
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert html.count('href="/help/"') == 2  # the navigation and the footer


def test_without_a_help_address_a_signed_in_person_gets_the_admins_addresses(
    client, settings, alice
):
    settings.HELP_CONTACT_EMAIL = ""
    UserFactory(is_superuser=True, is_staff=True, email="ops@example.org", first_name="Ops")
    UserFactory(is_superuser=True, is_staff=True, email="")  # no address: not listed
    UserFactory(is_superuser=True, is_active=False, email="gone@example.org")
    client.force_login(alice)
    html = client.get("/help/").content.decode()
    assert 'href="mailto:ops@example.org"' in html
    assert "gone@example.org" not in html
    assert 'data-testid="help-contact-setting"' not in html  # a note for staff only


def test_without_a_help_address_a_signed_out_visitor_is_told_what_to_do(client, settings):
    settings.HELP_CONTACT_EMAIL = ""
    UserFactory(is_superuser=True, email="ops@example.org")
    html = client.get("/help/").content.decode()
    assert "ops@example.org" not in html
    assert "Sign in to see the administrators' addresses" in html


def test_without_a_help_address_staff_are_told_how_to_set_it(client, settings, admin_user):
    settings.HELP_CONTACT_EMAIL = ""
    client.force_login(admin_user)
    html = client.get("/help/").content.decode()
    assert "<code>HELP_CONTACT_EMAIL</code>" in html


def test_with_a_help_address_the_admins_are_not_listed(client, settings, alice):
    settings.HELP_CONTACT_EMAIL = "help@example.org"
    UserFactory(is_superuser=True, email="ops@example.org")
    client.force_login(alice)
    html = client.get("/help/").content.decode()
    assert "ops@example.org" not in html and 'data-testid="help-admins"' not in html


@pytest.mark.parametrize("admins", [1, 4])
def test_admin_contacts_take_one_query(admins, django_assert_num_queries):
    for n in range(admins):
        UserFactory(is_superuser=True, email=f"a{n}@example.org")
    with django_assert_num_queries(1):
        assert len(admin_contacts()) == admins


def test_help_page_states_the_progress_rule_in_both_languages(client):
    from roadmap.progress import Status

    html = client.get("/help/").content.decode()
    assert "(latest value − baseline) ÷ (target − baseline)" in html
    assert "less 5 percentage points" in html
    for status in Status:
        assert f"<dt>{status.label}</dt>" in html
    vietnamese = client.get("/help/", headers={"accept-language": "vi"}).content.decode()
    assert "Tiến độ hướng tới chỉ tiêu" in vietnamese
    assert "5 điểm phần trăm" in vietnamese
