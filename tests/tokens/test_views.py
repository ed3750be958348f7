"""The Connect page and the token pages: who may do what, the form's rules at its
fields, the token shown once, the feeds of the person's own frameworks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from reports.models import ReportState
from roadmap.models import Role
from tests.factories import FrameworkFactory, member, personal_token, secretariat_of
from tokens.models import PersonalToken

pytestmark = pytest.mark.django_db


def test_owner_lists_their_tokens_by_prefix_never_the_secret(client, alice, bob):
    token, raw = personal_token(alice, label="Power BI")
    personal_token(bob, label="Bob's R")
    client.force_login(alice)
    page = client.get("/connect/").content.decode()
    assert token.prefix in page and "Power BI" in page
    assert raw not in page and "Bob&#x27;s R" not in page


def test_create_shows_the_token_once(client, alice):
    client.force_login(alice)
    form = client.get("/connect/tokens/new/").context["form"]
    key = form.initial["client_key"]
    sent = {"label": "Excel at MOLISA", "days": "30", "client_key": key}
    response = client.post("/connect/tokens/new/", sent)
    assert response.status_code == 200
    raw = response.context["raw"]
    assert raw in response.content.decode()
    token = PersonalToken.objects.get(user=alice)
    assert token.lifetime_days == 30
    # The same form sent again (reloaded, retried): no second token, no secret.
    again = client.post("/connect/tokens/new/", sent, follow=True)
    assert raw not in again.content.decode()
    assert "already created and shown once" in again.content.decode()
    assert PersonalToken.objects.filter(user=alice).count() == 1


def test_create_with_a_date_counts_the_days(client, alice):
    client.force_login(alice)
    until = timezone.localdate() + dt.timedelta(days=200)
    client.post("/connect/tokens/new/", {"label": "R", "expires_on": until.isoformat()})
    assert PersonalToken.objects.get(user=alice).lifetime_days == 200


@pytest.mark.parametrize(
    "sent, field, message",
    [
        ({"label": "R", "days": "400"}, "days", "less than or equal to 365"),
        ({"label": "R", "days": "0"}, "days", "greater than or equal to 1"),
        ({"label": "R", "expires_on": "2000-01-01"}, "expires_on", "after today"),
        ({"label": "R", "expires_on": "2999-01-01"}, "expires_on", "at most a year"),
        ({"label": "R", "days": "5", "expires_on": "2999-01-01"}, "expires_on", "not both"),
        ({"label": "R", "expires_on": "soon"}, "expires_on", "valid date"),
        ({"label": "", "days": "5"}, "label", "required"),
        ({"label": "   ", "days": "5"}, "label", "required"),
    ],
)
def test_bad_input_is_refused_at_its_field_keeping_what_was_typed(
    client, alice, sent, field, message
):
    client.force_login(alice)
    response = client.post("/connect/tokens/new/", sent)
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form.data["label"] == sent["label"]
    assert "error-summary" in response.content.decode()
    assert not PersonalToken.objects.exists()


def test_owner_can_revoke_their_token(client, alice):
    token, _raw = personal_token(alice)
    client.force_login(alice)
    assert client.get(f"/connect/tokens/{token.pk}/revoke/").status_code == 200
    response = client.post(f"/connect/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == alice and token.revoked_at is not None


@pytest.mark.parametrize("who", ["bob", "charlie", "admin_user"])
def test_nobody_else_can_revoke_a_token_on_the_page(client, alice, who, request):
    token, _raw = personal_token(alice)
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/connect/tokens/{token.pk}/revoke/").status_code == 404
    assert client.post(f"/connect/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_connect_page_needs_signing_in(client):
    assert client.get("/connect/")["Location"].startswith("/accounts/login/")


def test_connect_page_gives_the_feeds_of_the_persons_frameworks(client, report, alice):
    FrameworkFactory(slug="csr-ta", name="Programme", kind="programme")
    client.force_login(alice)
    page = client.get("/connect/").content.decode()
    assert "http://testserver/odata/v4/alliance87/" in page
    assert "http://testserver/api/v1/files/answers.csv?framework=alliance87" in page
    assert 'framework = "alliance87"' in page  # the R snippet
    assert 'PARAMS = {"framework": "alliance87"}' in page  # the Python one
    assert "csr-ta" not in page


def test_reviewer_gets_no_feed_before_anything_is_handed_in(client, report):
    reviewer = member(report, Role.REVIEWER)
    client.force_login(reviewer)
    assert "/odata/v4/alliance87/" not in client.get("/connect/").content.decode()
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.save()
    assert "/odata/v4/alliance87/" in client.get("/connect/").content.decode()


def test_secretariat_gets_its_frameworks_feed(client, db):
    framework = FrameworkFactory(slug="csr-ta", name="Programme", kind="programme")
    client.force_login(secretariat_of(framework))
    assert "/odata/v4/csr-ta/" in client.get("/connect/").content.decode()


def test_connect_page_in_vietnamese(client, report, alice):
    client.force_login(alice)
    page = client.get("/connect/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Kết nối công cụ của bạn" in page
    assert "/odata/v4/alliance87/" in page


@pytest.mark.parametrize("tokens", [1, 15])
def test_connect_page_queries_do_not_grow_with_tokens(
    client, report, alice, tokens, django_assert_num_queries
):
    for n in range(tokens):
        personal_token(alice, label=f"Token {n}")
    client.force_login(alice)
    # Session, user, roles, tokens, frameworks.
    with django_assert_num_queries(5):
        assert client.get("/connect/").status_code == 200
