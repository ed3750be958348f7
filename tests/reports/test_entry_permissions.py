"""Who may open, save and submit a section: owner, colleague, outsider, reviewer, anonymous."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.models import Answer, ReportState

from .entry_helpers import item, section_data, section_url

pytestmark = pytest.mark.django_db


def _post(client, report, text="Changed"):
    key = item(report, "highlights").key
    return client.post(section_url(report, 3), section_data(report, 3, **{key: text}))


def _autosave(client, report, text="Changed"):
    key = item(report, "highlights").key
    url = section_url(report, 3, "reports:autosave")
    return client.post(url, section_data(report, 3, **{key: text}))


@pytest.mark.parametrize("who", ["alice", "bob", "focal"])
def test_country_staff_edit_the_draft(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    assert 'name="csrfmiddlewaretoken"' in client.get(section_url(report, 3)).content.decode()
    assert _post(client, report).status_code == 302
    assert _autosave(client, report, "Again").json()["ok"] is True


def test_outsider_gets_404_even_with_a_crafted_post(client, report, charlie):
    client.force_login(charlie)
    assert client.get(section_url(report, 3)).status_code == 404
    assert _post(client, report).status_code == 404
    assert _autosave(client, report).status_code == 404
    assert client.get(reverse("reports:submit", args=[report.pk])).status_code == 404
    assert not Answer.objects.exists()


def test_reviewer_reads_a_submitted_report_but_cannot_post(client, report, reviewer):
    client.force_login(reviewer)
    assert client.get(section_url(report, 3)).status_code == 404  # never-submitted draft
    report.state, report.submitted_at = ReportState.SUBMITTED, dt.datetime.now(dt.UTC)
    report.save()
    assert client.get(section_url(report, 3)).status_code == 200
    assert _post(client, report).status_code == 403
    assert _autosave(client, report).status_code == 403
    assert not Answer.objects.exists()


def test_submitted_report_refuses_the_country_and_nothing_changes(client, report, alice):
    client.force_login(alice)
    key = item(report, "highlights").key
    client.post(section_url(report, 3), section_data(report, 3, **{key: "Before"}))
    stale = section_data(report, 3, **{key: "After"})
    report.state, report.submitted_at = ReportState.SUBMITTED, dt.datetime.now(dt.UTC)
    report.save()
    report.refresh_from_db()
    revision = report.revision
    assert client.post(section_url(report, 3), stale).status_code == 403
    response = client.post(section_url(report, 3, "reports:autosave"), stale)
    assert response.status_code == 403
    assert response.json()["ok"] is False
    assert Answer.objects.get(report=report).text == "Before"
    report.refresh_from_db()
    assert report.revision == revision


def test_anonymous_is_sent_to_sign_in(client, report):
    for url in (section_url(report, 3), section_url(report, 3, "reports:autosave")):
        response = client.post(url, {}) if "autosave" in url else client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_admin_reads_but_never_edits(client, report, admin_user):
    client.force_login(admin_user)
    html = client.get(section_url(report, 3)).content.decode()
    assert 'class="pf-section-form' not in html
    assert 'name="q' not in html  # no answer field; the comment form is the review side's
    assert _post(client, report).status_code == 403
