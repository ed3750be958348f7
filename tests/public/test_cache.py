"""Public pages are cached per URL, language and public version: a hit makes no query,
publishing or withdrawing shows at once, a reader's current copy gets 304, and nothing in
the response stops a shared cache (CDN) from keeping it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CountryFactory

from .conftest import country_reports, publish, withdraw

pytestmark = pytest.mark.django_db

COUNTRY = "/public/en/alliance87/vn/"
INDEX = "/public/en/alliance87/"


def test_a_cached_page_is_served_without_a_single_query(
    client, published, django_assert_num_queries
):
    first = client.get(COUNTRY)
    with django_assert_num_queries(0):
        again = client.get(COUNTRY)
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"] and again["Last-Modified"] == first["Last-Modified"]


def test_each_language_is_cached_apart(client, published):
    english = client.get(COUNTRY).content.decode()
    vietnamese = client.get(COUNTRY.replace("/en/", "/vi/")).content.decode()
    assert '<html lang="en">' in english and '<html lang="vi">' in vietnamese


def test_a_public_page_may_be_kept_by_any_cache_and_sets_no_cookie(client, published, alice):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(alice)
        response = client.get(COUNTRY)
        assert response["Cache-Control"] == "public, max-age=300"
        assert "cookie" not in response.get("Vary", "").lower()
        assert "accept-language" not in response.get("Vary", "").lower()
        assert response["Content-Language"] == "en"
        assert not response.cookies
        assert "<form" not in response.content.decode()  # so no CSRF cookie either


def test_if_none_match_gets_304(client, published, django_assert_num_queries):
    etag = client.get(COUNTRY)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(COUNTRY, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=300"
    assert client.get(COUNTRY, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_if_modified_since_gets_304(client, published):
    modified = client.get(COUNTRY)["Last-Modified"]
    response = client.get(COUNTRY, HTTP_IF_MODIFIED_SINCE=modified)
    assert response.status_code == 304
    earlier = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get(COUNTRY, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_publishing_shows_at_once_on_cached_pages(
    client, published, django_capture_on_commit_callbacks
):
    before = client.get(INDEX)
    assert "Nepal" not in before.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        publish(country_reports(1, country=CountryFactory(name="Nepal", code="NP"))[0])
    after = client.get(INDEX)
    assert "Nepal" in after.content.decode()
    assert after["ETag"] != before["ETag"]
    # The reader's old copy is no longer current.
    assert client.get(INDEX, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_withdrawing_shows_at_once_on_cached_pages(
    client, published, django_capture_on_commit_callbacks
):
    report_url = COUNTRY + "2020-2021/"
    assert client.get(report_url).status_code == 200
    assert "2020-2021" in client.get(COUNTRY).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(published[-1])
    assert client.get(report_url).status_code == 404
    assert "Progress on Priority 1 in 2020-2021" not in client.get(COUNTRY).content.decode()


def test_a_change_not_yet_committed_leaves_the_cached_page(client, published):
    """The version moves on commit only: a rolled-back publication never shows."""
    client.get(INDEX)
    publish(country_reports(1, country=CountryFactory(name="Nepal", code="NP"))[0])
    assert "Nepal" not in client.get(INDEX).content.decode()


# A cold page (nothing cached): the version, then the page's reads; the same for 3
# cycles and for 9 (no query per cycle, per country or per chart).
# Index: framework + version (2), framework, live publications, events (2).
# Country: framework + version (2), framework, country, its publications.
# Report: framework + version (2), framework, cycle, the publication.
COLD = {INDEX: 6, COUNTRY: 5, COUNTRY + "2019-2020/": 5}


@pytest.mark.parametrize("cycles", [3, 9])
@pytest.mark.parametrize("url", list(COLD))
def test_a_cold_page_costs_the_same_queries_for_3_and_9_cycles(client, db, url, cycles):
    for report in country_reports(cycles):
        publish(report)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == COLD[url], [q["sql"][:120] for q in queries]
