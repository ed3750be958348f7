"""A save sent twice (a lost answer, then the retry; a double press) adds nothing twice:
new next steps and activities carry a client key, indicator values compare what is
stored. The second request answers as if it had made the row."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from reports.models import Activity, IndicatorValue, NextStep, Report
from reports.services import activities as activity_services
from reports.services import answers as answer_services
from reports.services import save_plan
from tests.factories import IndicatorFactory

from .entry_helpers import item, section_data, section_url
from .test_activities import valid_post
from .test_indicator_values import changes, post_data

pytestmark = pytest.mark.django_db


def new_step_body(report: Report) -> tuple[str, dict]:
    """Section VIII as loaded, its blank next-step row filled in."""
    key = item(report, "next_steps").key
    data = section_data(report, 8) | {
        f"{key}-0-title": "Pass the decree",
        f"{key}-0-targets": "Decree signed",
        f"{key}-0-work_areas": ["child_labour"],
    }
    return key, data


def revision(report: Report) -> int:
    report.refresh_from_db(fields=["revision"])
    return report.revision


def test_the_blank_row_carries_a_fresh_key_and_the_script_template_none(client, report, alice):
    client.force_login(alice)
    key, data = new_step_body(report)
    assert uuid.UUID(str(data[f"{key}-0-key"]))
    assert section_data(report, 8)[f"{key}-0-key"] != data[f"{key}-0-key"]
    page = client.get(section_url(report, 8)).content.decode()
    template = page.split('<template class="pf-empty-row">')[1].split("</template>")[0]
    assert f'name="{key}-__prefix__-key"' in template
    assert f'name="{key}-__prefix__-key" id' in template  # no value="..." before the id


def test_the_same_autosave_sent_twice_makes_one_next_step(client, report, alice):
    client.force_login(alice)
    key, data = new_step_body(report)
    autosave = section_url(report, 8, "reports:autosave")
    first = client.post(autosave, data).json()
    after_first = revision(report)
    second = client.post(autosave, data).json()

    step = NextStep.objects.get(report=report)
    assert step.title == "Pass the decree"
    assert second["rows"] == first["rows"]
    assert second["rows"][f"{key}-0"]["id"] == step.pk
    assert second["ok"] is True
    assert revision(report) == after_first  # no second bump
    assert step.history.count() == 1  # no second audit entry


def test_a_retry_typed_further_updates_the_row_its_first_attempt_made(client, report, alice):
    client.force_login(alice)
    key, data = new_step_body(report)
    autosave = section_url(report, 8, "reports:autosave")
    client.post(autosave, data)  # its answer lost: the page still has no id for the row
    reply = client.post(autosave, data | {f"{key}-0-evidence": "Gazette"}).json()
    step = NextStep.objects.get(report=report)
    assert (step.evidence, step.revision) == ("Gazette", 2)
    assert reply["rows"][f"{key}-0"] == {
        "id": step.pk,
        "rev": 2,
        "orig": answer_services.next_step_digest(step),
        "deleted": False,
        "refresh": None,
    }


def test_the_same_section_form_posted_twice_makes_one_next_step(client, report, alice):
    client.force_login(alice)
    _key, data = new_step_body(report)
    first = client.post(section_url(report, 8), data)
    second = client.post(section_url(report, 8), data)
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert NextStep.objects.filter(report=report).count() == 1


def test_a_next_step_key_taken_meanwhile_is_found_after_the_constraint_trips(
    client, report, alice, monkeypatch
):
    """Two attempts racing: the other one inserts the row between this one's read and its
    insert. The unique key trips; the save runs again and finds that row."""
    client.force_login(alice)
    key, data = new_step_body(report)
    real = save_plan.bulk_create_with_history  # where the next-step rows are written
    raced = []

    def other_attempt_first(objs, model, **kwargs):
        if model is NextStep and not raced:
            raced.append(True)
            step = objs[0]
            NextStep.objects.create(
                report=report,
                order=step.order,
                title=step.title,
                targets=step.targets,
                work_areas=step.work_areas,
                client_key=step.client_key,
            )
        return real(objs, model, **kwargs)

    monkeypatch.setattr(save_plan, "bulk_create_with_history", other_attempt_first)
    reply = client.post(section_url(report, 8, "reports:autosave"), data).json()
    assert raced
    step = NextStep.objects.get(report=report)
    assert reply["ok"] is True
    assert reply["rows"][f"{key}-0"]["id"] == step.pk


# --- Activities ---------------------------------------------------------------------------


def add_url(report: Report) -> str:
    return reverse("reports:activity_add", args=[report.pk])


def test_the_add_form_carries_a_key(client, report, alice):
    client.force_login(alice)
    page = client.get(add_url(report)).content.decode()
    assert 'name="key"' in page
    assert "data-submit-once" in page


def test_the_same_activity_form_posted_twice_adds_one_activity(client, report, alice):
    client.force_login(alice)
    data = valid_post(report, key=str(uuid.uuid4()))
    first = client.post(add_url(report), data)
    after_first = revision(report), Activity.history.count()
    second = client.post(add_url(report), data)
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Activity.objects.filter(report=report).count() == 1
    assert (revision(report), Activity.history.count()) == after_first


def test_two_add_forms_each_add_their_activity_under_its_key(client, report, alice):
    client.force_login(alice)
    keys = {uuid.uuid4(), uuid.uuid4()}
    for key in keys:
        client.post(add_url(report), valid_post(report, key=str(key)))
    assert set(Activity.objects.filter(report=report).values_list("client_key", flat=True)) == keys


def test_an_add_form_resent_with_changes_updates_the_activity_it_added(client, report, alice):
    client.force_login(alice)
    data = valid_post(report, key=str(uuid.uuid4()))
    client.post(add_url(report), data)
    client.post(add_url(report), data | {"title": "Training, corrected"})
    activity = Activity.objects.get(report=report)
    assert (activity.title, activity.revision) == ("Training, corrected", 2)


def test_an_activity_key_taken_meanwhile_is_found_after_the_constraint_trips(
    client, report, alice, monkeypatch
):
    client.force_login(alice)
    key = uuid.uuid4()
    data = valid_post(report, key=str(key))
    client.post(add_url(report), data)
    first = Activity.objects.get(report=report)
    real = activity_services.keyed_activity
    calls = []

    def missed_once(**kwargs):
        # The first look-up runs before the other attempt committed: it sees nothing.
        calls.append(kwargs)
        return None if len(calls) == 1 else real(**kwargs)

    monkeypatch.setattr(activity_services, "keyed_activity", missed_once)
    response = client.post(add_url(report), data)
    assert response.status_code == 302
    assert len(calls) == 2
    assert list(Activity.objects.filter(report=report)) == [first]


# --- Indicator values ---------------------------------------------------------------------


def test_the_same_indicator_values_posted_twice_are_saved_once(client, report, alice):
    client.force_login(alice)
    calls = IndicatorFactory(country=report.country, name="Calls to hotline 111", order=1)
    data = post_data(report, **changes(calls, value="2500", source="Hotline log"))
    url = reverse("reports:indicators", args=[report.pk])
    first = client.post(url, data)
    after_first = revision(report)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    value = IndicatorValue.objects.get(report=report, indicator=calls)
    assert (value.source, value.revision) == ("Hotline log", 1)
    assert revision(report) == after_first
