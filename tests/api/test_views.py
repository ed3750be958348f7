"""How /api/v1/ answers: 401 without credentials (never a redirect), 405 for any write,
filters, ``?fields=``, the cursor and its maximum, bad input as 400 with the reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from api.pagination import MAX_PAGE_SIZE
from api.resources import RESOURCES
from reports.models import Answer, ReportState
from tests.api.support import later_report, rows, world
from tests.reports.review_support import handed_in

pytestmark = pytest.mark.django_db

LISTS = [f"/api/v1/{r.name}/" for r in RESOURCES] + ["/api/v1/board/?framework=alliance87"]


@pytest.fixture
def w():
    return world()


@pytest.mark.parametrize("url", [*LISTS, "/api/v1/", "/api/v1/reports/1/"])
def test_without_credentials_the_answer_is_401_not_a_redirect(client, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/v1/reports/", "/api/v1/answers/", "/api/v1/reports/1/"])
def test_writes_answer_405(client, w, method, url):
    client.force_login(w.owner)
    assert getattr(client, method)(url).status_code == 405


def test_without_a_csrf_token_a_write_is_still_405(w):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(w.owner)
    assert client.post("/api/v1/reports/").status_code == 405


def test_fields_keeps_the_fields_asked_for(client, w):
    client.force_login(w.owner)
    body = client.get("/api/v1/countries/?fields=code,name_vi").json()
    assert body["results"] == [{"code": w.draft.country.code, "name_vi": w.draft.country.name}]


def test_an_unknown_field_is_named_in_a_400(client, w):
    client.force_login(w.owner)
    response = client.get("/api/v1/reports/?fields=id,secret")
    assert response.status_code == 400
    assert "secret" in response.json()["fields"][0]


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("cycle=2022", "cycle"),
        ("state=lost", "state"),
        ("updated_since=yesterday", "updated_since"),
        ("cursor=not-a-cursor", "cursor"),
    ],
)
def test_bad_filters_answer_400_naming_the_parameter(client, w, query, parameter):
    client.force_login(w.admin)
    response = client.get(f"/api/v1/reports/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


def test_a_bad_priority_key_answers_400(client, w):
    client.force_login(w.admin)
    response = client.get("/api/v1/answers/?priority=first")
    assert response.status_code == 400
    assert "priority" in response.json()


def test_filters_by_country_cycle_framework_and_state(client, w):
    later = later_report(w.draft)
    ids = lambda **q: {r["id"] for r in rows(client, w.admin, "/api/v1/reports/", **q)}  # noqa: E731
    assert ids(country=w.draft.country.code.lower()) == {w.draft.pk, later.pk}
    assert ids(cycle="2023-2024") == {later.pk}
    assert ids(country=w.draft.country.code, cycle="2022-2023") == {w.draft.pk}
    assert ids(state=ReportState.SUBMITTED) == {w.other.pk}
    assert ids(framework="alliance87") == {w.draft.pk, w.other.pk, later.pk}
    assert ids(framework="another") == set()


def test_updated_since_gives_what_changed(client, w):
    before = timezone.now() - dt.timedelta(seconds=1)
    Answer.objects.filter(report=w.other).update(updated_at=before - dt.timedelta(days=3))
    changed = Answer.objects.filter(report=w.draft).first()
    changed.text = "Changed."
    changed.save()
    since = (before - dt.timedelta(days=1)).isoformat()
    found = rows(client, w.admin, "/api/v1/answers/", updated_since=since)
    assert changed.pk in {r["id"] for r in found}
    assert not {r["report"] for r in found} & {w.other.pk}


def test_priority_filters_answers_and_activities(client, w):
    answers = rows(client, w.owner, "/api/v1/answers/", priority="1.1")
    assert [a["priority_key"] for a in answers] == ["1.1"]
    activities = rows(client, w.owner, "/api/v1/activities/", priority="1.1")
    assert len(activities) == 1 and activities[0]["priority_keys"] == ["1.1"]
    assert rows(client, w.owner, "/api/v1/activities/", priority="4.9") == []


def test_rows_carry_english_and_vietnamese_texts(client, w):
    country = w.draft.country
    country.translations = {"vi": {"name": "Quốc gia AA"}}
    country.save()
    client.force_login(w.owner)
    row = client.get(f"/api/v1/countries/{country.code}/").json()
    assert (row["name"], row["name_vi"]) == (country.name, "Quốc gia AA")
    answer = rows(client, w.owner, "/api/v1/answers/", question="highlights")[0]
    assert answer["country"] == country.code and answer["cycle"] == "2022-2023"


def test_next_steps_carry_the_status_a_later_report_gave(client, w):
    handed_in(w.draft)
    step = w.draft.next_steps.get()
    later = later_report(w.draft)
    status_question = later.cycle.questionnaire.sections.get(
        questions__kind="status_per_next_step"
    ).questions.get(kind="status_per_next_step")
    Answer.objects.create(report=later, question=status_question, next_step=step, value="ongoing")
    found = {r["id"]: r for r in rows(client, w.owner, "/api/v1/next-steps/")}
    assert (found[step.pk]["status"], found[step.pk]["status_report"]) == ("ongoing", later.pk)
    # The reviewer reads the handed-in step, not the later draft's status of it.
    reviewed = {r["id"]: r for r in rows(client, w.reviewer, "/api/v1/next-steps/")}
    assert reviewed[step.pk]["status"] is None


def test_a_page_holds_at_most_the_stated_maximum(client, w):
    client.force_login(w.admin)
    body = client.get(f"/api/v1/answers/?page_size={MAX_PAGE_SIZE * 10}").json()
    assert len(body["results"]) <= MAX_PAGE_SIZE
    first = client.get("/api/v1/answers/?page_size=1").json()
    assert len(first["results"]) == 1 and first["next"]
    second = client.get(first["next"]).json()
    assert second["results"][0]["id"] > first["results"][0]["id"]


@pytest.mark.parametrize(
    "moment",
    ["0160-08-31T19:25:45-21:25", "0001-01-01T00:00:00", "9999-12-31T23:59:59-12:00"],
)
def test_a_moment_at_the_edge_of_the_calendar_is_never_a_server_error(client, w, moment):
    client.force_login(w.admin)
    response = client.get("/api/v1/reports/", {"updated_since": moment})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("key", ["V.N", "a%0Db", "%00"])
def test_a_key_that_is_no_key_answers_the_apis_404(client, w, key):
    client.force_login(w.admin)
    response = client.get(f"/api/v1/countries/{key}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
