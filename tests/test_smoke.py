import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_demo_accounts_sign_in_and_see_their_home_page(client):
    call_command("seed_demo", stdout=io.StringIO())
    for username in ["vn-reporter", "vn-focal", "ilo-reviewer", "admin"]:
        response = client.post(
            "/accounts/login/", {"username": username, "password": "pathfinder-demo"}, follow=True
        )
        assert response.status_code == 200
        assert response.context["user"].username == username
        client.post("/accounts/logout/")
