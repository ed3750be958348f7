"""The site icon: /favicon.ico answers with our own icon (it was a 404 on every page), and
every page names it."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_an_icon_for_anyone(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".ico")
    icon = Path(finders.find("img/favicon.ico")).read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00"  # an ICO file's header


def test_every_page_names_its_icon(client):
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert Path(finders.find("img/favicon.svg")).read_text().startswith("<svg")
