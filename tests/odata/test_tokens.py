"""The feed and the files at fixed URLs open with a personal access token, as Excel's and
Power BI's dialogs send it (HTTP Basic, the token as password) and as scripts do (Bearer):
exactly the person's reports; a revoked or expired token, or a deactivated person's, is
refused with the challenge those tools answer, never a redirect."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import personal_token
from tokens.services import token_revoke

pytestmark = pytest.mark.django_db


def basic(secret: str) -> dict[str, str]:
    # Excel and Power BI ask for a user name too; any will do.
    pair = base64.b64encode(f"analyst:{secret}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {pair}"}


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_token_as_basic_password_reads_the_persons_reports_in_the_feed(client, report, alice):
    _token, secret = personal_token(alice)
    response = client.get("/odata/v4/alliance87/Reports", **basic(secret))
    assert response.status_code == 200
    assert [row["Id"] for row in response.json()["value"]] == [report.pk]
    assert "sessionid" not in response.cookies


def test_a_token_opens_the_csv_file_without_a_redirect(client, report, alice):
    _token, secret = personal_token(alice)
    response = client.get("/api/v1/files/reports.csv", **bearer(secret))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert str(report.pk) in response.content.decode("utf-8-sig")


@pytest.mark.parametrize("why", ["revoked", "expired", "deactivated"])
def test_a_refused_token_gets_the_challenge_in_the_feed_and_the_files(client, alice, why):
    token, secret = personal_token(alice)
    if why == "revoked":
        token_revoke(token=token, by=alice)
    elif why == "expired":
        long_ago = timezone.now() - dt.timedelta(days=91)
        type(token).objects.filter(pk=token.pk).update(
            created_at=long_ago, expires_at=long_ago + dt.timedelta(days=90)
        )
    else:
        alice.is_active = False
        alice.save(update_fields=["is_active"])

    feed = client.get("/odata/v4/alliance87/Reports", **basic(secret))
    assert feed.status_code == 401
    assert feed["WWW-Authenticate"] == 'Basic realm="Pathfinder"'
    assert feed.json()["error"]["code"] == "unauthorized"

    csv_file = client.get("/api/v1/files/reports.csv", **bearer(secret))
    assert csv_file.status_code == 401
    assert 'Basic realm="Pathfinder"' in csv_file["WWW-Authenticate"]
