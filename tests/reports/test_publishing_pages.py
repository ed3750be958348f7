"""The portal side of publishing: the Public pages panel on a report's hub and reading
view, the confirmation pages, the history, the evidence form's public box, the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import Evidence, Publication, Question, TransitionAction
from tests.factories import secretariat_of
from tests.reports import evidence_samples as samples

from .publishing_support import accept, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(report, focal, reviewer):
    return accept(report, focal=focal, reviewer=reviewer)


@pytest.fixture
def secretariat(report):
    return secretariat_of(report.cycle.framework, username="sam")


def _panel(client, user, report, page="reports:detail") -> str:
    client.force_login(user)
    response = client.get(reverse(page, args=[report.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-testid="publication-panel"' in text
    return text


def test_the_secretariat_is_offered_publish_and_then_withdraw(client, accepted, secretariat):
    text = _panel(client, secretariat, accepted)
    assert "Not public" in text
    assert reverse("reports:transition", args=[accepted.pk, "publish"]) in text

    step(accepted, secretariat, TransitionAction.PUBLISH)
    text = _panel(client, secretariat, accepted, "reports:read")
    assert f"revision {accepted.revision}." in text
    assert reverse("reports:transition", args=[accepted.pk, "withdraw"]) in text
    assert reverse("reports:transition", args=[accepted.pk, "publish"]) not in text


def test_the_country_sees_what_is_public_and_no_publishing_button(
    client, accepted, secretariat, alice
):
    step(accepted, secretariat, TransitionAction.PUBLISH)
    text = _panel(client, alice, accepted)
    assert "Public" in text and f"revision {accepted.revision}." in text
    assert "/transition/publish/" not in text and "/transition/withdraw/" not in text


def _public_urls(report, lang: str) -> tuple[str, str]:
    where = {"framework_slug": report.cycle.framework.slug, "country_code": report.country.code}
    return (
        reverse("public:report", kwargs={"lang": lang, **where, "cycle_code": report.cycle.code}),
        reverse("public:country", kwargs={"lang": lang, **where}),
    )


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_panel_links_to_the_public_pages_in_the_readers_language(
    client, accepted, secretariat, alice, lang
):
    step(accepted, secretariat, TransitionAction.PUBLISH)
    client.force_login(alice)
    for page in ("reports:detail", "reports:read"):
        response = client.get(reverse(page, args=[accepted.pk]), HTTP_ACCEPT_LANGUAGE=lang)
        text = response.content.decode()
        report_url, country_url = _public_urls(accepted, lang)
        assert f'href="{report_url}"' in text and f'href="{country_url}"' in text
        other = "vi" if lang == "en" else "en"
        assert _public_urls(accepted, other)[0] not in text
    # The links lead to the pages, which anyone reads.
    client.logout()
    assert client.get(report_url).status_code == 200
    assert client.get(country_url).status_code == 200


def test_no_public_links_before_publishing_or_after_withdrawing(client, accepted, secretariat):
    report_url, country_url = _public_urls(accepted, "en")
    assert report_url not in _panel(client, secretariat, accepted)
    step(accepted, secretariat, TransitionAction.PUBLISH)
    assert report_url in _panel(client, secretariat, accepted)
    step(accepted, secretariat, TransitionAction.WITHDRAW, reason="A figure is wrong.")
    text = _panel(client, secretariat, accepted)
    assert report_url not in text and country_url not in text


def test_the_focal_point_is_asked_for_consent(client, report, accepted, focal, secretariat):
    framework = report.cycle.framework
    framework.publication_needs_consent = True
    framework.save()

    text = _panel(client, focal, accepted)
    assert "Awaiting your consent" in text
    assert reverse("reports:transition", args=[accepted.pk, "consent"]) in text
    text = _panel(client, secretariat, accepted)
    assert "Awaiting consent" in text and "/transition/publish/" not in text

    client.force_login(focal)
    client.post(reverse("reports:transition", args=[accepted.pk, "consent"]), {"reason": ""})
    text = _panel(client, secretariat, accepted)
    assert "consented on" in text and "/transition/publish/" in text


def test_a_draft_shows_no_panel(client, report, alice):
    client.force_login(alice)
    response = client.get(reverse("reports:detail", args=[report.pk]))
    assert 'data-testid="publication-panel"' not in response.content.decode()


def test_publish_is_confirmed_and_a_double_post_publishes_once(client, accepted, secretariat):
    client.force_login(secretariat)
    url = reverse("reports:transition", args=[accepted.pk, "publish"])
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "reopening the report does not take it off the public pages" in (
        confirmation.content.decode()
    )

    first = client.post(url, {"reason": ""})
    second = client.post(url, {"reason": ""})

    assert first.status_code == second.status_code == 302
    assert Publication.objects.count() == 1
    assert accepted.transitions.filter(action=TransitionAction.PUBLISH).count() == 1
    messages = [str(m) for m in second.wsgi_request._messages]
    assert any("already public" in m for m in messages)


def test_a_withdrawal_without_reason_is_refused_at_the_field(client, accepted, secretariat):
    step(accepted, secretariat, TransitionAction.PUBLISH)
    client.force_login(secretariat)

    response = client.post(
        reverse("reports:transition", args=[accepted.pk, "withdraw"]), {"reason": " "}
    )

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert Publication.objects.get().is_live


def test_the_reviewer_cannot_publish_by_a_crafted_post(client, accepted, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:transition", args=[accepted.pk, "publish"]), {"reason": ""}
    )
    assert response.status_code == 302
    assert not Publication.objects.exists()


def test_the_history_lists_publishing_steps(client, accepted, secretariat):
    step(accepted, secretariat, TransitionAction.PUBLISH)
    step(accepted, secretariat, TransitionAction.WITHDRAW, "A figure is being checked.")
    client.force_login(secretariat)

    text = client.get(reverse("reports:history", args=[accepted.pk])).content.decode()

    assert f"Publish · revision {accepted.revision}" in text
    assert f"Withdraw from public pages · revision {accepted.revision}" in text
    assert "A figure is being checked." in text


def test_the_evidence_form_asks_whether_a_file_may_be_public(client, report, alice):
    client.force_login(alice)
    question = Question.objects.get(
        section__questionnaire__cycle=report.cycle, code="evidence_detail"
    )
    url = reverse("reports:evidence_add", args=[report.pk, "question", question.pk])
    assert 'name="is_public"' in client.get(url).content.decode()

    client.post(
        url,
        {
            "title": "Survey",
            "language": "en",
            "is_public": "on",
            "file": samples.upload("s.pdf", samples.pdf()),
        },
    )

    assert Evidence.objects.get(report=report).is_public


def test_publications_are_read_only_in_the_admin(client, accepted, secretariat, admin_user):
    step(accepted, secretariat, TransitionAction.PUBLISH)
    client.force_login(admin_user)
    publication = Publication.objects.get()

    assert client.get(reverse("admin:reports_publication_changelist")).status_code == 200
    page = client.get(reverse("admin:reports_publication_change", args=[publication.pk]))
    assert page.status_code == 200
    assert client.get(reverse("admin:reports_publication_add")).status_code == 403
    deleted = client.post(
        reverse("admin:reports_publication_delete", args=[publication.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 403
    assert Publication.objects.filter(pk=publication.pk).exists()


def test_a_withdrawal_while_returned_is_not_taken_for_the_return(
    client, accepted, secretariat, reviewer, alice
):
    step(accepted, secretariat, TransitionAction.PUBLISH)
    step(accepted, reviewer, TransitionAction.REOPEN, "Please correct the hotline figure.")
    step(accepted, secretariat, TransitionAction.WITHDRAW, "Until the figure is corrected.")
    client.force_login(alice)

    text = client.get(reverse("reports:detail", args=[accepted.pk])).content.decode()

    assert "Please correct the hotline figure." in text
    assert f"Withdraw from public pages · revision {accepted.revision}" in text
