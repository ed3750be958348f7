"""The feed's answers: sign-in as Excel and Power BI expect it, the service document,
$metadata, the query options, server-driven paging, and a 4xx in OData's error format
(never a 500) for whatever it does not support."""

from __future__ import annotations

import datetime as dt
import random
from xml.etree import ElementTree as ET

import pytest

from roadmap.models import Role
from tests.factories import ActivityFactory, AnswerFactory, IndicatorValueFactory, member

pytestmark = pytest.mark.django_db

ROOT = "/odata/v4/alliance87/"
EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


@pytest.fixture
def signed_in(client, report, alice):
    client.force_login(alice)
    return client


def test_without_sign_in_the_feed_asks_for_basic_credentials_not_a_redirect(client, report):
    for url in (ROOT, f"{ROOT}$metadata", f"{ROOT}Reports"):
        response = client.get(url)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Basic realm="Pathfinder"'
        assert response.json()["error"]["code"] == "unauthorized"


def test_service_document_lists_the_entity_sets(signed_in):
    body = signed_in.get(ROOT).json()
    assert body["@odata.context"] == f"http://testserver{ROOT}$metadata"
    assert [s["name"] for s in body["value"]] == [
        "Countries",
        "Reports",
        "Answers",
        "NextSteps",
        "Activities",
        "Participants",
        "IndicatorValues",
    ]


def test_metadata_gives_keys_links_and_english_descriptions(signed_in):
    response = signed_in.get(f"{ROOT}$metadata")
    assert response["Content-Type"].startswith("application/xml")
    schema = ET.fromstring(response.content).find(f".//{EDM}Schema")  # noqa: S314 (ours)
    types = {t.get("Name"): t for t in schema.findall(f"{EDM}EntityType")}
    assert types["Report"].find(f"{EDM}Key/{EDM}PropertyRef").get("Name") == "Id"
    link = types["Answer"].find(f"{EDM}NavigationProperty[@Name='Report']")
    constraint = link.find(f"{EDM}ReferentialConstraint")
    assert (constraint.get("Property"), constraint.get("ReferencedProperty")) == ("ReportId", "Id")
    country = types["Report"].find(f"{EDM}NavigationProperty[@Name='Country']")
    assert country.get("Type") == "Pathfinder.Country"
    state = types["Report"].find(f"{EDM}Property[@Name='State']/{EDM}Annotation")
    assert state.get("Term") == "Core.Description" and "submitted" in state.get("String")
    bindings = schema.findall(
        f".//{EDM}EntitySet[@Name='Participants']/{EDM}NavigationPropertyBinding"
    )
    assert {(b.get("Path"), b.get("Target")) for b in bindings} == {
        ("Activity", "Activities"),
        ("Report", "Reports"),
    }


def test_paging_follows_next_links_to_every_row_once(signed_in, report, settings):
    settings.ODATA_PAGE_SIZE = 2
    made = {ActivityFactory(report=report).pk for _ in range(5)}
    url, seen, pages = f"{ROOT}Activities?$count=true", [], 0
    while url:
        body = signed_in.get(url).json()
        assert body["@odata.count"] == 5
        seen += [row["Id"] for row in body["value"]]
        url, pages = body.get("@odata.nextLink"), pages + 1
    assert sorted(seen) == sorted(made) and pages == 3


def test_top_below_the_page_size_has_no_next_link_and_above_it_is_carried_on(
    signed_in, report, settings
):
    settings.ODATA_PAGE_SIZE = 2
    for _ in range(5):
        ActivityFactory(report=report)
    assert "@odata.nextLink" not in signed_in.get(f"{ROOT}Activities?$top=2").json()
    body = signed_in.get(f"{ROOT}Activities?$top=3").json()
    assert len(body["value"]) == 2
    assert "%24top=1" in body["@odata.nextLink"] and "%24skip=2" in body["@odata.nextLink"]
    rest = signed_in.get(body["@odata.nextLink"]).json()
    assert len(rest["value"]) == 1 and "@odata.nextLink" not in rest


def test_select_orderby_and_filter(signed_in, report):
    early = ActivityFactory(report=report, starts_on=dt.date(2022, 6, 1), title="Early")
    ActivityFactory(report=report, starts_on=dt.date(2022, 11, 1), title="Late")
    body = signed_in.get(f"{ROOT}Activities?$select=Title,StartsOn&$orderby=StartsOn desc").json()
    assert body["value"] == [
        {"Title": "Late", "StartsOn": "2022-11-01"},
        {"Title": "Early", "StartsOn": "2022-06-01"},
    ]
    query = (
        "$filter=(StartsOn lt 2022-07-01 or StartsOn gt 2023-01-01) and CountryCode eq "
        f"'{report.country.code}' and CycleCode eq '2022-2023' and State ne 'accepted'"
    )
    rows = signed_in.get(f"{ROOT}Activities?{query}").json()["value"]
    assert [r["Id"] for r in rows] == [early.pk]
    assert signed_in.get(f"{ROOT}Activities/$count?{query}").content == b"1"


def test_last_change_filters_answers_by_when_they_changed(signed_in, report):
    question = report.cycle.questionnaire.sections.first().questions.first()
    AnswerFactory(report=report, question=question)
    rows = signed_in.get(f"{ROOT}Answers?$filter=LastChange ge 2000-01-01T00:00:00Z").json()
    assert len(rows["value"]) == 1
    later = signed_in.get(f"{ROOT}Answers?$filter=LastChange gt 2999-01-01").json()
    assert later["value"] == []


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("$filter=Secret eq 'x'", "cannot be filtered on Secret"),
        ("$filter=Title eq 'x'", "cannot be filtered on Title"),
        ("$filter=StartsOn eq 'soon'", "is not a value of StartsOn"),
        ("$filter=StartsOn eq 2023-02-30", "is not a value of StartsOn"),
        ("$filter=ReportId eq 99999999999999999999", "is not a value of ReportId"),
        ("$filter=LastChange gt 2023-01-01T00:00:00", "is not a value of LastChange"),
        ("$filter=contains(CountryCode, 'V')", "functions such as contains()"),
        ("$filter=not (State eq 'draft')", "comparisons"),
        ("$filter=ReportId add 1 eq 2", "a property and a value"),
        ("$filter=CountryCode in ('VN', 'NP')", "eq, ne, gt, ge, lt or le"),
        ("$filter=CycleCode eq '1999-2000'", "no cycle 1999-2000"),
        ("$filter=State eq", "could not be read"),
        ("$filter=" + "State eq 'draft' or " * 500 + "State eq 'x'", "longer than"),
        ("$filter=" + " or ".join(["State eq 'draft'"] * 60), "at most 50"),
        ("$expand=Report", "does not support $expand"),
        ("$search=child", "does not support $search"),
        ("$top=-1", "whole number"),
        ("$skip=ten", "whole number"),
        ("$top=²", "whole number"),
        ("$count=yes", "true or false"),
        ("$select=Title,Secret", "no property Secret"),
        ("$orderby=Title sideways", "asc or desc"),
        ("$format=xml", "JSON only"),
    ],
)
def test_what_the_feed_does_not_support_answers_an_odata_error(signed_in, query, words):
    response = signed_in.get(f"{ROOT}Activities?{query}")
    assert response.status_code == 400
    assert words in response.json()["error"]["message"]


def test_a_ten_thousand_character_filter_is_refused(signed_in):
    response = signed_in.get(f"{ROOT}Answers", {"$filter": "(" * 5000 + ")" * 5000})
    assert response.status_code == 400
    assert response.json()["error"]["target"] == "$filter"


def test_unknown_framework_and_entity_set_are_404_in_odata_format(signed_in):
    for url in ("/odata/v4/nowhere/Reports", f"{ROOT}Secrets", "/odata/v4/nowhere/"):
        response = signed_in.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_the_feed_refuses_writes(signed_in):
    assert signed_in.post(f"{ROOT}Reports", {}).status_code == 405


def test_participants_add_up_to_the_people_reached(signed_in, report):
    ActivityFactory(report=report, participants_women=30, participants_men=5, participants_total=40)
    ActivityFactory(
        report=report, participants_women=None, participants_men=None, participants_total=12
    )
    rows = signed_in.get(f"{ROOT}Participants").json()["value"]
    by_sex: dict[str, int] = {}
    for row in rows:
        by_sex[row["Sex"]] = by_sex.get(row["Sex"], 0) + row["Count"]
    assert by_sex == {"women": 30, "men": 5, "unspecified": 5 + 12}
    assert len({row["Id"] for row in rows}) == len(rows) == 4


def test_the_feed_speaks_the_readers_language_in_its_errors(client, report):
    client.force_login(member(report, Role.REPORTER))
    response = client.get(f"{ROOT}Activities?$top=x", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert "số nguyên" in response.json()["error"]["message"]


def test_texts_come_in_english_and_vietnamese(signed_in, report):
    report.country.translations = {"vi": {"name": "Việt Nam"}}
    report.country.name = "Viet Nam"
    report.country.save()
    value = IndicatorValueFactory(report=report)
    value.indicator.translations = {"vi": {"name": "Cuộc gọi tới tổng đài"}}
    value.indicator.save()
    country = signed_in.get(f"{ROOT}Countries").json()["value"][0]
    assert (country["Name"], country["Name_vi"]) == ("Viet Nam", "Việt Nam")
    row = signed_in.get(f"{ROOT}IndicatorValues").json()["value"][0]
    assert row["IndicatorName_vi"] == "Cuộc gọi tới tổng đài"
    assert row["Unit_vi"] == row["Unit"] == "calls"  # not translated: the English


def test_a_large_top_is_still_served_a_page_at_a_time(signed_in, report, settings):
    settings.ODATA_PAGE_SIZE = 2
    for _ in range(3):
        ActivityFactory(report=report)
    body = signed_in.get(f"{ROOT}Activities?$top=10000").json()
    assert len(body["value"]) == 2
    assert "%24top=9998" in body["@odata.nextLink"]


TOKENS = [
    "CountryCode",
    "CycleCode",
    "State",
    "LastChange",
    "IndicatorId",
    "Value",
    "Id",
    "Sex",
    "Title",
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "and",
    "or",
    "not",
    "(",
    ")",
    "'VN'",
    "'2022-2023'",
    "2023-01-01",
    "2023-01-01T00:00:00Z",
    "1",
    "-1",
    "1.5",
    "1e999",
    "null",
    "true",
    "contains(",
    ",",
    "in",
    "('a','b')",
    "add",
    "any(d:d eq 1)",
    "'\x00'",
    "duration'P1D'",
    "'",
    "99999999999999999999999",
    "'Việt Nam'",
]


@pytest.mark.parametrize("name", ["Reports", "Participants", "IndicatorValues"])
def test_any_filter_text_answers_200_or_an_odata_4xx_never_a_500(signed_in, report, name):
    rng = random.Random(f"odata-{name}")  # fixed examples: the same every run
    for _ in range(150):
        text = " ".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 9)))
        response = signed_in.get(f"{ROOT}{name}", {"$filter": text, "$count": "true"})
        assert response.status_code in (200, 400), (text, response.status_code)
        if response.status_code == 400:
            assert response.json()["error"]["target"] == "$filter"
