"""Invitations of contributors (issue 24): sent in the invitee's language, the link works
once and expires, used twice or late it says so, and asking for a new one tells the focal
point without revealing anything."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from roadmap.models import Agency, Invitation, Membership, Role
from roadmap.services.invitations import invitation_send, token_hash
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


def _send(client, report, focal, **fields):
    client.force_login(focal)
    data = {
        "email": "hanh@gso.example",
        "name": "Lê Thị Hạnh",
        "new_agency": "General Statistics Office",
        "language": "vi",
    } | fields
    return client.post(reverse("reports:invite", args=[report.pk]), data)


def _link(message) -> str:
    return re.search(r"https?://\S+/reports/invitations/\S+/", message.body)[0]


def _path(link: str) -> str:
    return link[link.index("/reports/") :]


def test_focal_point_invites_in_the_invitees_language(
    client, report, focal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(client, report, focal).status_code == 302
    (message,) = mail.outbox
    assert message.to == ["hanh@gso.example"]
    assert "Lê Thị Hạnh" in message.body and "mời" in message.subject  # Vietnamese
    invitation = Invitation.objects.get()
    assert invitation.agency.name == "General Statistics Office"
    token = _link(message).rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == token_hash(token) and token not in invitation.token_hash


def test_invitation_sent_twice_is_one(client, report, focal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, report, focal)
        _send(client, report, focal)
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1
    assert Agency.objects.count() == 1


def test_agency_is_required_and_the_form_keeps_the_address(client, report, focal):
    response = _send(client, report, focal, new_agency="")
    assert response.status_code == 400
    assert "hanh@gso.example" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["alice", "charlie", "reviewer"])
def test_only_the_focal_point_or_an_admin_invites(client, report, who, request):
    response = _send(client, report, request.getfixturevalue(who))
    assert response.status_code in (403, 404)
    assert not Invitation.objects.exists()


def _invite(report, focal, email="hanh@gso.example"):
    sent = invitation_send(
        country=report.country,
        email=email,
        name="Hạnh",
        language="en",
        invited_by=focal,
        new_agency="General Statistics Office",
    )
    return sent.invitation, _path(sent.link)


def _new_account(client, path):
    return client.post(
        path,
        {
            "first_name": "Hạnh",
            "last_name": "Lê",
            "password1": "a long pass phrase 2023",
            "password2": "a long pass phrase 2023",
        },
    )


def test_new_person_makes_an_account_and_becomes_a_contributor_once(client, report, focal):
    invitation, path = _invite(report, focal)
    assert client.get(path).status_code == 200
    assert _new_account(client, path).status_code == 302
    user = get_user_model().objects.get(email="hanh@gso.example")
    membership = Membership.objects.get(user=user, country=report.country)
    assert membership.role == Role.CONTRIBUTOR
    assert membership.agency.name == "General Statistics Office"
    invitation.refresh_from_db()
    assert invitation.used_by == user
    # Used twice: a clear page, no second account.
    client.logout()
    again = client.get(path)
    assert again.status_code == 410
    assert "Ask for a new link" in again.content.decode()
    assert _new_account(client, path).status_code == 410
    assert get_user_model().objects.filter(email="hanh@gso.example").count() == 1


def test_existing_user_signs_in_then_accepts(client, report, focal):
    person = UserFactory(email="hanh@gso.example")
    _invitation, path = _invite(report, focal)
    page = client.get(path).content.decode()
    assert "Sign in" in page and 'name="password1"' not in page
    client.force_login(person)
    assert client.post(path).status_code == 302
    assert Membership.objects.get(user=person).role == Role.CONTRIBUTOR


def test_invitation_never_lowers_an_existing_role(client, report, focal, alice):
    _invitation, path = _invite(report, focal, email=alice.email or "alice@example.org")
    client.force_login(alice)
    client.post(path)
    assert Membership.objects.get(user=alice, country=report.country).role == Role.REPORTER


def test_expired_link_says_so(client, report, focal):
    invitation, path = _invite(report, focal)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert client.get(path).status_code == 410
    assert _new_account(client, path).status_code == 410
    assert not Membership.objects.filter(role=Role.CONTRIBUTOR).exists()


def test_asking_for_a_new_link_tells_the_focal_point_once_and_reveals_nothing(
    client, report, focal
):
    focal.email = "fiona@molisa.example"
    focal.save()
    invitation, path = _invite(report, focal)
    Invitation.objects.filter(pk=invitation.pk).update(used_at=timezone.now())
    renew = path.rstrip("/") + "/renew/"
    unknown = client.post("/reports/invitations/not-a-token/renew/")
    first = client.post(renew)
    client.post(renew)  # rate-limited: one notice
    assert first.status_code == unknown.status_code == 200
    said = "If this link was one of ours"
    assert said in first.content.decode() and said in unknown.content.decode()
    assert [m.to for m in mail.outbox] == [["fiona@molisa.example"]]


def test_admin_invites_through_the_service(
    client, report, admin_user, django_capture_on_commit_callbacks
):
    agency = Agency.objects.create(country=report.country, name="Ministry of Public Security")
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:roadmap_invitation_add"),
            {
                "email": "an@mps.example",
                "name": "An",
                "country": report.country.pk,
                "agency": agency.pk,
                "language": "en",
            },
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert len(invitation.token_hash) == 64 and invitation.invited_by == admin_user
    assert [m.to for m in mail.outbox] == [["an@mps.example"]]
    change = client.get(reverse("admin:roadmap_invitation_change", args=[invitation.pk]))
    assert change.status_code == 200 and 'name="email"' not in change.content.decode()
