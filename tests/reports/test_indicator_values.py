"""Indicator values of a report: this cycle's figures beside last cycle's, saved together,
stale rows refused, read-only when the report is not editable."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.forms.indicator_values import IndicatorValueForm
from reports.models import IndicatorValue, Report, ReportState
from tests.factories import (
    CycleFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hotline(report):
    """An indicator with a value this cycle (and last cycle), and one without any yet."""
    calls = IndicatorFactory(country=report.country, name="Calls to hotline 111", order=1)
    trained = IndicatorFactory(
        country=report.country, name="Officials trained", unit="people", order=2
    )
    IndicatorValueFactory(report=report, indicator=calls, value=2434, parts={"counselling": 541})
    previous = ReportFactory(
        country=report.country,
        cycle=CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2021, 5, 1)),
        roadmap=report.roadmap,
        state=ReportState.ACCEPTED,
        submitted_at=timezone.now(),
    )
    IndicatorValueFactory(report=previous, indicator=calls, value=3808)
    return calls, trained


def post_data(report: Report, **changes: dict) -> dict:
    """The page's POST as loaded, with ``changes`` {indicator_pk: {field: value}}; a
    change's ``parts`` are the break-down rows [(label, number)] typed (a spare row
    follows them, as on the page)."""
    data = {}
    stored = {v.indicator_id: v for v in report.indicator_values.prefetch_related("parts")}
    for indicator in report.country.indicators.filter(is_active=True):
        value = stored.get(indicator.pk)
        initial = IndicatorValueForm.initial_for(value)
        row = {name: initial.get(name, "") for name in IndicatorValueForm.base_fields}
        change = dict(changes.get(str(indicator.pk), {}))
        loaded = [(p.label, str(p.amount)) for p in value.parts.all()] if value else []
        parts = change.pop("parts", loaded)
        row.update(change)
        prefix = f"ind-{indicator.pk}"
        for name, typed in row.items():
            if name == "breakdown_partial":
                if typed:
                    data[f"{prefix}-{name}"] = "on"
                continue
            data[f"{prefix}-{name}"] = "" if typed is None else str(typed)
        data.update(parts_data(f"{prefix}-parts", parts, loaded=len(loaded)))
    return data


def parts_data(prefix: str, parts: list[tuple[str, str]], *, loaded: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(parts) + 1),
        f"{prefix}-INITIAL_FORMS": str(loaded),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }
    for i, (label, amount) in enumerate([*parts, ("", "")]):
        data[f"{prefix}-{i}-label"] = label
        data[f"{prefix}-{i}-amount"] = amount
    return data


def changes(indicator, **fields) -> dict:
    return {str(indicator.pk): fields}


def url(report: Report) -> str:
    return reverse("reports:indicators", args=[report.pk])


# --- The page -------------------------------------------------------------------------


def test_the_page_shows_this_cycles_values_beside_last_cycles(client, report, alice, hotline):
    calls, _ = hotline
    IndicatorFactory(country=report.country, name="Retired", is_active=False)
    IndicatorFactory(name="Another country's")
    client.force_login(alice)
    html = client.get(url(report)).content.decode()
    assert f'name="ind-{calls.pk}-value" value="2,434"' in html
    assert f'name="ind-{calls.pk}-parts-0-label" value="counselling"' in html
    assert f'name="ind-{calls.pk}-parts-0-amount" value="541"' in html
    assert "3,808" in html  # last cycle, beside it
    assert "Officials trained" in html
    assert "Retired" not in html
    assert "Another country" not in html


def test_last_values_come_from_the_countrys_latest_report_when_it_skipped_a_cycle(
    client, report, alice, hotline
):
    # Last cycle's report moves to 2020-2021: the country has no 2021-2022 report.
    older = CycleFactory(framework=report.cycle.framework, starts_on=dt.date(2020, 5, 1))
    Report.objects.filter(country=report.country, cycle__starts_on__year=2021).update(cycle=older)
    assert CycleFactory._meta.model.objects.filter(starts_on__year=2021).exists()
    client.force_login(alice)
    assert "3,808" in client.get(url(report)).content.decode()


def test_changed_values_are_saved_together(client, report, alice, hotline):
    calls, trained = hotline
    client.force_login(alice)
    before = report.revision
    data = post_data(
        report,
        **changes(calls, value="2,500", parts=[("counselling", "600"), ("referred", "105")]),
        **changes(trained, value="17000", source="Sector report", note="Estimate"),
    )
    response = client.post(url(report), data)
    assert response.status_code == 302
    stored = {v.indicator_id: v for v in report.indicator_values.all()}
    assert stored[calls.pk].value == Decimal("2500")
    assert stored[calls.pk].breakdown_amounts() == ([600, 105], False)
    assert [p.label for p in stored[calls.pk].parts.all()] == ["counselling", "referred"]
    assert stored[calls.pk].revision == 2
    assert (stored[trained.pk].value, stored[trained.pk].source) == (
        Decimal(17000),
        "Sector report",
    )
    assert stored[trained.pk].revision == 1
    report.refresh_from_db()
    assert report.revision == before + 1


def test_a_row_left_alone_is_not_written(client, report, alice, hotline):
    calls, trained = hotline
    client.force_login(alice)
    before = report.revision
    response = client.post(url(report), post_data(report))
    assert response.status_code == 302
    assert report.indicator_values.get(indicator=calls).revision == 1
    assert not report.indicator_values.filter(indicator=trained).exists()
    report.refresh_from_db()
    assert report.revision == before


def test_clearing_a_value_removes_it(client, report, alice, hotline):
    calls, _ = hotline
    client.force_login(alice)
    data = post_data(report, **changes(calls, value="", source="", note="", parts=[]))
    assert client.post(url(report), data).status_code == 302
    assert not report.indicator_values.exists()


def test_invalid_rows_save_nothing_and_keep_what_was_typed(client, report, alice, hotline):
    calls, trained = hotline
    client.force_login(alice)
    data = post_data(
        report,
        **changes(calls, value="2500", parts=[("counselling", "lots")]),
        **changes(trained, value="", note="Figures from the sector report"),
    )
    response = client.post(url(report), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "“lots” is not a number: write it as 1,541, or 1,541.5 with a decimal part." in html
    assert "Enter the value, or clear the source, note and break-down." in html
    # The error summary links to the part's field, the message is beside it.
    assert f'href="#id_ind-{calls.pk}-parts-0-amount"' in html
    assert f'id="error_1_id_ind-{calls.pk}-parts-0-amount"' in html
    assert f'name="ind-{calls.pk}-parts-0-amount" value="lots"' in html
    assert "Figures from the sector report" in html
    assert report.indicator_values.get(indicator=calls).value == Decimal(2434)


def test_a_negative_value_is_refused(client, report, alice, hotline):
    calls, _ = hotline
    client.force_login(alice)
    response = client.post(url(report), post_data(report, **changes(calls, value="-3")))
    assert response.status_code == 200
    assert report.indicator_values.get(indicator=calls).value == Decimal(2434)


def test_a_stale_row_is_refused_with_both_values_and_nothing_saved(client, report, alice, hotline):
    calls, trained = hotline
    client.force_login(alice)
    loaded = post_data(
        report,
        **changes(calls, value="2600", note="Alice's note"),
        **changes(trained, value="99"),
    )
    # Bob saves the calls while Alice has the page open.
    IndicatorValue.objects.filter(indicator=calls).update(value=2700, note="Bob's note", revision=2)
    response = client.post(url(report), loaded)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="conflict"' in html
    assert 'data-testid="row-conflict"' in html
    assert "Bob&#x27;s note" in html and "2,700" in html  # stored now
    assert "Alice&#x27;s note" in html and 'value="2600"' in html  # what she typed
    assert f'name="ind-{calls.pk}-revision" value="2"' in html
    assert not report.indicator_values.filter(indicator=trained).exists()  # nothing saved

    # Having compared, she saves again: her values go in.
    loaded[f"ind-{calls.pk}-revision"] = "2"
    assert client.post(url(report), loaded).status_code == 302
    value = report.indicator_values.get(indicator=calls)
    assert (value.value, value.note, value.revision) == (Decimal(2600), "Alice's note", 3)
    assert report.indicator_values.get(indicator=trained).value == Decimal(99)


def test_a_colleagues_save_on_another_row_does_not_conflict(client, report, alice, hotline):
    calls, trained = hotline
    client.force_login(alice)
    loaded = post_data(report, **changes(trained, value="500"))
    IndicatorValue.objects.filter(indicator=calls).update(value=2700, revision=2)
    assert client.post(url(report), loaded).status_code == 302
    assert report.indicator_values.get(indicator=calls).value == Decimal(2700)  # Bob's kept
    assert report.indicator_values.get(indicator=trained).value == Decimal(500)


def test_a_value_another_person_added_meanwhile_is_not_overwritten(client, report, alice, hotline):
    _, trained = hotline
    client.force_login(alice)
    loaded = post_data(report, **changes(trained, value="500"))
    IndicatorValueFactory(report=report, indicator=trained, value=400)
    response = client.post(url(report), loaded)
    assert response.status_code == 200
    assert 'data-testid="row-conflict"' in response.content.decode()
    assert report.indicator_values.get(indicator=trained).value == Decimal(400)


def test_a_crafted_field_for_another_countrys_indicator_is_ignored(client, report, alice, hotline):
    foreign = IndicatorFactory(name="Elsewhere")
    client.force_login(alice)
    data = post_data(report)
    data.update({f"ind-{foreign.pk}-value": "1", f"ind-{foreign.pk}-revision": "0"})
    client.post(url(report), data)
    assert not IndicatorValue.objects.filter(indicator=foreign).exists()


# --- Permissions ------------------------------------------------------------------------


def test_a_colleague_may_save_values(client, report, bob, hotline):
    _, trained = hotline
    client.force_login(bob)
    assert client.post(url(report), post_data(report, **changes(trained, value="1"))).status_code
    assert report.indicator_values.filter(indicator=trained).exists()


@pytest.mark.parametrize("who", ["alice", "reviewer", "admin_user"])
def test_a_submitted_report_shows_values_read_only_and_refuses_writes(
    client, report, request, who, hotline
):
    calls, _ = hotline
    data = post_data(report, **changes(calls, value="1"))
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.save()
    revision = report.revision
    client.force_login(request.getfixturevalue(who))
    page = client.get(url(report))
    assert page.status_code == 200
    html = page.content.decode()
    assert "2,434" in html
    assert '<form method="post" novalidate' not in html
    assert 'name="ind-' not in html
    assert client.post(url(report), data).status_code == 403
    assert report.indicator_values.get(indicator=calls).value == Decimal(2434)
    assert Report.objects.get(pk=report.pk).revision == revision


def test_another_countrys_report_is_not_found(client, report, charlie, hotline):
    calls, _ = hotline
    client.force_login(charlie)
    assert client.get(url(report)).status_code == 404
    data = post_data(report, **changes(calls, value="1"))
    assert client.post(url(report), data).status_code == 404
    assert report.indicator_values.get(indicator=calls).value == Decimal(2434)


def test_a_reviewer_does_not_see_a_draft_never_handed_in(client, report, reviewer):
    client.force_login(reviewer)
    assert client.get(url(report)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, report):
    response = client.get(url(report))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("extra", [1, 20])
def test_the_page_costs_the_same_number_of_queries_however_many_indicators(
    client, report, alice, hotline, django_assert_num_queries, extra
):
    for _ in range(extra):
        IndicatorValueFactory(
            report=report,
            indicator=IndicatorFactory(country=report.country),
            parts={"girls": 3, "boys": 4},
        )
    client.force_login(alice)
    # 1 session, 2 user, 3 memberships, 4 report, 5 indicators, 6 this cycle's values,
    # 7 their parts, 8 the latest earlier report, 9 it with its context, 10 its values,
    # 11 their parts, 12 the report's evidence files; the warnings at the fields: 13 the
    # framework's rules, 14 the earlier values they compare with.
    with django_assert_num_queries(14):
        assert client.get(url(report)).status_code == 200
