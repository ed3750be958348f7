"""The search page: who finds what, the filters (only what one may read; anything else a
message at the field), the country × cycle table and its links, pages, and queries that
would break a lesser page."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from reports.models import ReportState
from tests.factories import CycleFactory, secretariat_of

from .page_support import answer, handed_in_report

pytestmark = pytest.mark.django_db

URL = reverse("search:search")


def _hits(response) -> list[str]:
    return re.findall(r'data-testid="search-hit"', response.content.decode())


@pytest.fixture
def draft_text(report):
    answer(report, "The national hotline 111 answered 3,808 calls.")
    return report


def test_owner_finds_the_words_of_her_own_draft(client, draft_text, alice):
    client.force_login(alice)
    response = client.get(URL, {"q": "hotline 111"})
    html = response.content.decode()
    assert response.status_code == 200
    assert len(_hits(response)) == 1
    assert "national <mark>hotline 111</mark> answered" in html
    assert 'id="search-results"' in html and "1 result for" in html
    assert f"/reports/{draft_text.pk}/read/" in html and "q=hotline" in html


def test_colleague_finds_it_too_but_not_the_outsider(client, draft_text, bob, charlie):
    client.force_login(bob)
    assert len(_hits(client.get(URL, {"q": "hotline"}))) == 1
    client.force_login(charlie)
    response = client.get(URL, {"q": "hotline"})
    assert response.status_code == 200
    assert _hits(response) == []
    # The outsider's filters name nothing of the other country.
    assert draft_text.country.name not in response.content.decode()


def test_reviewer_reads_no_draft_text(client, draft_text, reviewer):
    client.force_login(reviewer)
    assert _hits(client.get(URL, {"q": "hotline"})) == []


def test_reviewer_finds_the_report_once_handed_in(client, draft_text, reviewer):
    draft_text.state = ReportState.SUBMITTED
    draft_text.save()
    client.force_login(reviewer)
    response = client.get(URL, {"q": "hotline"})
    assert len(_hits(response)) == 1
    assert "state-submitted" in response.content.decode()


def test_the_page_without_a_query_shows_the_box_and_no_results(client, alice):
    client.force_login(alice)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in html and 'for="id_q"' in html
    assert 'aria-describedby="id_q_helptext"' in html
    assert 'id="search-results"' not in html


def test_the_header_links_the_search_page_for_everyone_signed_in(client, alice):
    client.force_login(alice)
    assert f'href="{URL}"' in client.get(reverse("home")).content.decode()


def test_an_unknown_id_is_said_at_its_field_and_nothing_is_searched(client, draft_text, alice):
    client.force_login(alice)
    response = client.get(URL, {"q": "hotline", "country": "999999", "cycle": "abc"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert 'id="id_country_error"' in html and 'id="id_cycle_error"' in html
    assert 'aria-invalid="true"' in html
    assert "This choice is not one you can search in" in html
    assert 'value="hotline"' in html  # what was typed stays in the box
    assert _hits(response) == []


def test_filters_offer_only_what_the_person_may_read(client, draft_text, reviewer):
    other = handed_in_report(text="hotline elsewhere")
    client.force_login(reviewer)
    html = client.get(URL).content.decode()
    # The reviewer covers the draft's country, whose report is not handed in: nothing.
    assert f'<option value="{draft_text.country_id}"' not in html
    assert f'<option value="{other.country_id}"' not in html
    assert f'<option value="{draft_text.cycle_id}"' not in html


def test_secretariat_filters_by_country_and_the_id_of_another_framework_is_refused(
    client, draft_text
):
    cycle = draft_text.cycle
    first = handed_in_report(cycle=cycle, text="Hotline 111 in the first country")
    second = handed_in_report(cycle=cycle, text="Hotline 111 in the second country")
    secretariat = secretariat_of(cycle.framework)
    client.force_login(secretariat)
    response = client.get(URL, {"q": "hotline", "country": first.country_id})
    assert len(_hits(response)) == 1
    assert first.country.name in response.content.decode()
    response = client.get(URL, {"q": "hotline", "country": draft_text.country_id})
    assert "This choice is not one you can search in" in response.content.decode()
    assert second.pk


def test_the_grid_counts_by_country_and_cycle_and_each_cell_narrows_the_search(client, db):
    older, newer = CycleFactory(starts_on=dt.date(2021, 5, 1)), CycleFactory()
    first = handed_in_report(cycle=older, text="hotline one")
    answer(first, "hotline two", index=1)
    again = handed_in_report(cycle=newer, text="hotline three", after=first)
    handed_in_report(cycle=newer, text="hotline four")
    client.force_login(secretariat_of(older.framework))
    response = client.get(URL, {"q": "hotline"})
    html = response.content.decode()
    grid = html[html.index('data-testid="search-grid"') : html.index("</table>")]
    assert "<caption" in grid and 'scope="col"' in grid and 'scope="row"' in grid
    # Cycles oldest first, as columns.
    assert grid.index(older.label) < grid.index(newer.label)
    links = [
        (unescape(q), n) for q, n in re.findall(r'<a href="\?([^"#]+)#search-results">(\d+)<', grid)
    ]
    counts = {
        (int(parse_qs(q)["country"][0]), int(parse_qs(q)["cycle"][0])): int(n) for q, n in links
    }
    assert counts[(first.country_id, older.pk)] == 2
    assert counts[(first.country_id, newer.pk)] == 1
    assert (again.country_id, newer.pk) in counts and len(counts) == 3
    assert "in " + first.country.name in grid  # each count says where, for screen readers
    query, _count = links[0]
    assert parse_qs(query)["q"] == ["hotline"]
    narrowed = client.get(f"{URL}?{query}")
    assert (
        len(_hits(narrowed))
        == counts[(int(parse_qs(query)["country"][0]), int(parse_qs(query)["cycle"][0]))]
    )


def test_results_come_a_page_at_a_time_with_the_filters_kept(client, db):
    cycle = CycleFactory()
    for _ in range(23):
        handed_in_report(cycle=cycle, text="hotline 111")
    client.force_login(secretariat_of(cycle.framework))
    first = client.get(URL, {"q": "hotline", "state": "submitted"})
    assert len(_hits(first)) == 20
    html = first.content.decode()
    assert "23 results for" in html
    assert 'href="?q=hotline&amp;state=submitted&amp;page=2#search-results"' in html
    second = client.get(URL, {"q": "hotline", "state": "submitted", "page": "2"})
    assert len(_hits(second)) == 3
    for page in ("0", "-3", "x", "99999999999999999999"):
        assert client.get(URL, {"q": "hotline", "page": page}).status_code == 200


NASTY = [
    '"',
    '"""',
    "-",
    "-hotline",
    "- - -",
    "*",
    "hotline*",
    "NEAR(a b)",
    "a OR b AND NOT c",
    "'; DROP TABLE reports_report; --",
    "%_%",
    "\\",
    "\x00hotline",
    "<script>alert(1)</script>",
    "ﷺ" * 50,
    "a" * 5000,
    "Đăng ký khai sinh",
    "()[]{}^$:~",
]


@pytest.mark.parametrize("query", NASTY)
def test_any_query_gives_a_page_never_a_500(client, draft_text, alice, query):
    client.force_login(alice)
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%00", "hotline%"])
def test_bytes_that_are_no_text_give_a_page(client, draft_text, alice, raw):
    client.force_login(alice)
    assert client.get(f"{URL}?q={raw}&country=%FF").status_code == 200


@pytest.mark.parametrize("n", [2, 6])
def test_the_page_queries_do_not_grow_with_reports_or_hits(
    client, django_assert_max_num_queries, django_assert_num_queries, n
):
    cycle = CycleFactory()
    for _ in range(n):
        handed_in_report(cycle=cycle, text="hotline 111 and hotline again")
    client.force_login(secretariat_of(cycle.framework))
    with django_assert_num_queries(QUERIES):
        response = client.get(URL, {"q": "hotline", "state": "submitted"})
    assert len(_hits(response)) == n


# 1. session, 2. user, 3. roles; the filters' options: 4. reports, 5. themes,
# 6. priorities, 7. questions; the engine: 8. the grid (and total), 9. its countries'
# and 10. its cycles' names, 11. the page of hits; 12. the states of the page's reports.
# The same for 2 reports and 6.
QUERIES = 12


def test_the_form_action_returns_to_the_results(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    form = html[html.index('role="search"') - 200 : html.index('role="search"')]
    assert 'action="#search-results"' in form
    assert urlsplit(URL).path == "/search/"
