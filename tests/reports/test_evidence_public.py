"""Whether an evidence file may be shown on the public pages, changed after its upload:
by the country's staff while the report is a draft or returned, once per request sent
twice (one new revision), never on a handed-in report; the pages listing files show the
state and the control, without JavaScript."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reports.models import Evidence, Report, ReportState
from reports.services.evidence import evidence_set_public
from tests.factories import ActivityFactory, IndicatorValueFactory

from .assignment_helpers import assign_question, contributor
from .test_evidence_service import attach, hand_in, question_of

pytestmark = pytest.mark.django_db


def public_url(evidence: Evidence) -> str:
    return reverse("reports:evidence_public", args=[evidence.report_id, evidence.pk])


def revision(report: Report) -> int:
    return Report.objects.values_list("revision", flat=True).get(pk=report.pk)


def stored(evidence: Evidence) -> bool:
    return Evidence.objects.values_list("is_public", flat=True).get(pk=evidence.pk)


def section_page(client, report) -> str:
    url = reverse("reports:section", args=[report.pk, question_of(report).section.order])
    return client.get(url).content.decode()


# -- the service ------------------------------------------------------------------------


def test_the_owner_says_a_file_may_be_public_and_the_revision_grows_once(report, alice):
    evidence = attach(report, alice)
    before = revision(report)
    assert evidence_set_public(evidence=evidence, user=alice, is_public=True) is True
    assert stored(evidence) and revision(report) == before + 1
    # The same again (a resent form): nothing changes, no revision.
    assert evidence_set_public(evidence=evidence, user=alice, is_public=True) is False
    assert revision(report) == before + 1
    assert evidence_set_public(evidence=evidence, user=alice, is_public=False) is True
    assert not stored(evidence) and revision(report) == before + 2


def test_the_focal_point_and_a_colleague_may_too(report, alice, bob, focal):
    evidence = attach(report, alice)
    evidence_set_public(evidence=evidence, user=bob, is_public=True)
    evidence_set_public(evidence=evidence, user=focal, is_public=False)
    assert not stored(evidence)


def test_reviewers_outsiders_and_contributors_may_not(report, alice, focal, charlie, reviewer):
    evidence = attach(report, alice)
    carol = contributor(report, "carol")
    assign_question(report, focal, [carol], code=question_of(report).code)
    hand_in(report, ReportState.RETURNED)  # reviewers read it, the country edits it
    for user in (reviewer, charlie, carol):
        with pytest.raises(PermissionDenied):
            evidence_set_public(evidence=evidence, user=user, is_public=True)
    assert not stored(evidence)


def test_a_handed_in_report_refuses_also_one_handed_in_since_it_was_read(report, alice):
    evidence = attach(report, alice)
    before = revision(report)
    # Read as a draft, handed in meanwhile: the locked row says so.
    Report.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    with pytest.raises(ValidationError, match="handed in"):
        evidence_set_public(evidence=evidence, user=alice, is_public=True)
    hand_in(report, ReportState.ACCEPTED)
    with pytest.raises(PermissionDenied):
        evidence_set_public(
            evidence=Evidence.objects.get(pk=evidence.pk), user=alice, is_public=True
        )
    assert not stored(evidence) and revision(report) == before


# -- the page ---------------------------------------------------------------------------


def test_the_owner_toggles_from_the_section_page_without_javascript(client, report, alice):
    evidence = attach(report, alice)
    client.force_login(alice)
    page = section_page(client, report)
    assert f'action="{public_url(evidence)}"' in page
    assert 'Show on the public pages<span class="visually-hidden">: ' in page
    assert f'data-testid="evidence-file-{evidence.pk}"' in page
    before = revision(report)
    response = client.post(public_url(evidence), {"is_public": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("#evidence")
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("once the report is published" in m for m in said), said
    # Sent twice (a double click, a retry): done once, one new revision.
    assert client.post(public_url(evidence), {"is_public": "1"}).status_code == 302
    assert stored(evidence) and revision(report) == before + 1
    page = section_page(client, report)
    assert "Do not show on the public pages" in page
    assert 'data-testid="evidence-public"' in page
    assert client.post(public_url(evidence), {"is_public": "0"}).status_code == 302
    assert not stored(evidence) and revision(report) == before + 2
    assert 'data-testid="evidence-public"' not in section_page(client, report)


def test_only_a_post_is_answered(client, report, alice):
    evidence = attach(report, alice)
    client.force_login(alice)
    assert client.get(public_url(evidence)).status_code == 405


def test_others_are_refused_and_see_no_control(client, report, alice, focal, charlie, reviewer):
    evidence = attach(report, alice)
    carol = contributor(report, "carol")
    assign_question(report, focal, [carol], code=question_of(report).code)
    # A draft never handed in: the reviewer does not know it; nor does a contributor
    # read the report's files (the reading rule), nor an outsider.
    for user in (reviewer, charlie, carol):
        client.force_login(user)
        assert client.post(public_url(evidence), {"is_public": "1"}).status_code == 404, user
    client.force_login(carol)
    page = section_page(client, report)
    assert public_url(evidence) not in page and "/delete/" not in page
    hand_in(report, ReportState.RETURNED)
    client.force_login(reviewer)
    assert client.post(public_url(evidence), {"is_public": "1"}).status_code == 403
    assert public_url(evidence) not in section_page(client, report)
    assert not stored(evidence)


def test_a_handed_in_report_refuses_with_a_message(client, report, alice):
    evidence = attach(report, alice)
    client.force_login(alice)
    page = section_page(client, report)  # shown while a draft
    assert public_url(evidence) in page
    hand_in(report)
    before = revision(report)
    response = client.post(public_url(evidence), {"is_public": "1"})
    assert response.status_code == 302
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("handed in" in m for m in said), said
    assert not stored(evidence) and revision(report) == before
    assert public_url(evidence) not in section_page(client, report)


def test_the_activities_page_offers_the_control(client, report, alice):
    activity = ActivityFactory(report=report)
    evidence = attach(report, alice, activity=activity)
    client.force_login(alice)
    page = client.get(reverse("reports:activities", args=[report.pk])).content.decode()
    assert f'action="{public_url(evidence)}"' in page
    response = client.post(public_url(evidence), {"is_public": "1"})
    assert response["Location"] == reverse("reports:activities", args=[report.pk])
    assert stored(evidence)


def test_the_indicators_page_keeps_each_control_out_of_the_values_form(client, report, alice):
    value = IndicatorValueFactory(report=report)
    evidence = attach(report, alice, indicator_value=value)
    client.force_login(alice)
    page = client.get(reverse("reports:indicators", args=[report.pk])).content.decode()
    # Forms do not nest: the button names its own form, written after the values' form
    # (so Enter in a value field still saves the values).
    form_id = f"evidence-public-{evidence.pk}"
    assert f'form="{form_id}"' in page
    values_form_ends = page.index("</form>", page.index('data-testid="indicator-form"'))
    assert page.index(f'id="{form_id}"') > values_form_ends
    assert f'action="{public_url(evidence)}" id="{form_id}"' in page
    response = client.post(public_url(evidence), {"is_public": "1"})
    assert response["Location"] == reverse("reports:indicators", args=[report.pk])
    assert stored(evidence)
