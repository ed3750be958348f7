"""The OpenAPI schema is valid, and every documented operation answers as documented for
every role, whatever the parameters: schemathesis generates them from the schema (a few
examples per operation, so the suite stays fast) and checks each answer: never a 5xx, a
documented status and content type, a body of the documented shape.

Not checked: that every schema-valid request is accepted. A cursor is opaque (the API
writes it; one made up answers 400, as documented) and ``fields`` must name fields of the
resource: the schema cannot say either, and documents the 400 instead. Nor that a made-up
token is refused: each role here is signed in by its session cookie, which stands whatever
token header is generated (tests/tokens and tests/odata/test_tokens.py refuse bad tokens)."""

from __future__ import annotations

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client, override_settings
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import ignored_auth, positive_data_acceptance

from tests.api.support import world
from tests.reports.review_support import handed_in

pytestmark = pytest.mark.django_db

ROLES = ("owner", "reviewer", "secretariat", "admin")
SCHEMA_URL = "/api/v1/schema/?format=json"


def test_the_schema_is_valid_openapi(client):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    validate_schema(response.json())


def _cookies() -> list[dict[str, str]]:
    """Each role's session cookie, and none (anonymous)."""
    w = world()
    handed_in(w.draft)
    name = django_settings.SESSION_COOKIE_NAME
    headers = [{}]
    for role in ROLES:
        client = Client()
        client.force_login(getattr(w, role))
        headers.append({name: client.cookies[name].value})
    return headers


@pytest.fixture
def in_process():
    """The WSGI app answers inside the test's transaction, as Django's test client does: it
    must not close the connection at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Schemathesis makes up many bad tokens from one address: the sign-in-like throttle of
# failed token attempts (tested in tests/tokens) would answer them 429 and hide the rest.
@override_settings(TOKEN_FAILURE_LIMIT=1_000_000)
def test_every_operation_answers_as_documented_for_every_role(in_process):
    people = _cookies()
    schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25  # a list and a row per resource, the board

    seen: set[int] = set()
    for operation in operations:

        @settings(
            max_examples=5,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def answers_as_documented(case):
            for cookies in people:
                response = case.call_and_validate(
                    cookies=cookies, excluded_checks=[positive_data_acceptance, ignored_auth]
                )
                seen.add(response.status_code)

        answers_as_documented()
    # The roles did read (not only 401s and 400s).
    assert {200, 401} <= seen
