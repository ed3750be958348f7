"""Persistent connections survive PostgreSQL dropping them (issue 8, item 8)."""

import psycopg2
import pytest
from django.conf import settings
from django.db import close_old_connections, connection
from django.urls import reverse


def test_connection_health_checks_are_on():
    # Without them, a connection kept open by CONN_MAX_AGE that the server has closed is
    # handed to the next request as is, and its first query fails with a 500.
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a PostgreSQL server")
@pytest.mark.django_db(transaction=True)
def test_first_request_after_the_server_drops_the_connection_succeeds(client, alice, monkeypatch):
    client.force_login(alice)
    # Keep the connection between requests, as CONN_MAX_AGE > 0 does in production.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", None)
    close_old_connections()
    assert client.get(reverse("home")).status_code == 200
    pid = connection.connection.get_backend_pid()

    params = connection.get_connection_params()
    with psycopg2.connect(**params) as admin, admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])

    # What the request_started signal does before each request (the test client skips it).
    close_old_connections()
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert connection.connection.get_backend_pid() != pid
