"""Settling a conflict on a next-step row (issue 18, item 4, question 41): when two people
change the same row, the second is offered to keep their row, take the colleague's, or
save a combined row whose texts start from both (work areas: those of both); a person
removing a row the colleague changed keeps the removal or takes theirs. Each choice goes
through the same conflict rule (a third person saving meanwhile is a conflict again),
nothing typed is lost, a retried request does its work once, and the history records how
the conflict was resolved. Both the page without script and the autosave are tested."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.models import NextStep, Report
from reports.services.answers import RowFields, RowInput, next_step_digest, section_save
from roadmap.models import Role
from tests.factories import NextStepFactory, member

from .entry_helpers import item, layout_of, section_data, section_url

pytestmark = pytest.mark.django_db

SECTION = 8
LOADED = {"title": "Pass the decree", "targets": "Decree signed", "evidence": "Gazette"}
BOB = {
    "title": "Pass the child labour decree",
    "targets": "Decree signed by June",
    "evidence": "Gazette",
    "work_areas": ["child_labour"],
}
ALICE = {
    "title": "Pass the decree on hazardous work",
    "targets": "Decree signed",
    "evidence": "Gazette and press release",
    "work_areas": ["child_labour", "forced_labour"],
}


def row_data(prefix: str, fields: dict) -> dict:
    return {f"{prefix}-{name}": value for name, value in fields.items()}


@pytest.fixture
def step(report):
    return NextStepFactory(report=report, work_areas=["child_labour"], **LOADED)


@pytest.fixture
def prefix(report, step):
    return f"{item(report, 'next_steps').key}-0"


@pytest.fixture
def conflict(client, report, alice, bob, step, prefix):
    """Bob saved the row while Alice had section VIII open; Alice's save of her own row
    was refused. Returns (Alice's client, her posted form, the 409 page)."""
    loaded = section_data(report, SECTION)
    bob_client = Client()
    bob_client.force_login(bob)
    bob_body = section_data(report, SECTION) | row_data(prefix, BOB)
    assert bob_client.post(section_url(report, SECTION), bob_body).status_code == 302
    client.force_login(alice)
    data = loaded | row_data(prefix, ALICE)
    response = client.post(section_url(report, SECTION), data)
    assert response.status_code == 409
    return client, data, response.content.decode()


def box_fields(page: str, prefix: str) -> dict:
    """What the row's conflict box posts back: the colleague's revision, the combined row."""
    fields = {f"{prefix}-theirs": re.search(rf'name="{prefix}-theirs" value="([^"]*)"', page)[1]}
    title = re.search(rf'name="{prefix}-combined_title" value="([^"]*)"', page)
    if title:
        fields[f"{prefix}-combined_title"] = unescape(title[1])
        for name in ("targets", "evidence"):
            text = re.search(
                rf'<textarea name="{prefix}-combined_{name}"[^>]*>\n?(.*?)</textarea>', page, re.S
            )
            fields[f"{prefix}-combined_{name}"] = unescape(text[1])
        fields[f"{prefix}-combined_work_areas"] = re.findall(
            rf'name="{prefix}-combined_work_areas" value="([^"]*)"[^>]*checked', page
        )
    return fields


def reasons(step) -> list[str]:
    return list(
        NextStep.history.filter(id=step.pk)
        .exclude(history_change_reason=None)
        .values_list("history_change_reason", flat=True)
    )


def fields_of(step) -> dict:
    step.refresh_from_db()
    return {
        "title": step.title,
        "targets": step.targets,
        "evidence": step.evidence,
        "work_areas": step.work_areas,
    }


# -- the page without script --------------------------------------------------------------


def test_row_conflict_box_offers_three_choices_with_each_field_marked(conflict, prefix):
    _client, _data, page = conflict
    for value, label in [
        ("mine", "Keep my version"),
        ("theirs", "Take their version"),
        ("combined", "Save a combined text"),
    ]:
        assert f'name="{prefix}-resolution" value="{value}"' in page
        assert label in page
    assert "Merge the two in the field" not in page  # no longer the only way
    assert "Someone else saved this next step at" in page
    # Each field's differences marked in words, not colour only.
    hidden = '<span class="visually-hidden">]</span>'
    assert f"[only in their text: </span>child labour decree{hidden}</del>" in page
    assert f"[only in your text: </span>decree on hazardous work{hidden}</ins>" in page
    assert f"[only in their text: </span> by June{hidden}</del>" in page
    assert f"[only in your text: </span> and press release{hidden}</ins>" in page
    assert f"[only in your text: </span>, Forced labour{hidden}</ins>" in page  # work areas
    # The row keeps the revision Alice loaded: a plain save cannot pass over Bob's.
    assert f'name="{prefix}-rev" value="1"' in page
    assert f'name="{prefix}-theirs" value="2:' in page


def test_the_combined_row_starts_from_both_rows(conflict, prefix):
    _client, _data, page = conflict
    fields = box_fields(page, prefix)
    title = fields[f"{prefix}-combined_title"]
    assert "child labour" in title and "on hazardous work" in title
    targets = fields[f"{prefix}-combined_targets"]
    assert targets == "Decree signed by June"  # Alice's is all in Bob's
    assert fields[f"{prefix}-combined_evidence"] == "Gazette and press release"
    assert fields[f"{prefix}-combined_work_areas"] == ["child_labour", "forced_labour"]


def test_keep_mine_saves_my_row_and_the_history_says_so(conflict, report, step, prefix):
    client, data, page = conflict
    body = data | box_fields(page, prefix) | {f"{prefix}-resolution": "mine"}
    assert client.post(section_url(report, SECTION), body).status_code == 302
    assert fields_of(step) == ALICE
    assert step.revision == 3
    assert reasons(step) == ["conflict:mine"]
    history = client.get(reverse("reports:history", args=[report.pk])).content.decode()
    assert "Conflict resolved: kept own text" in history
    # Sent again (a retried request): nothing more written or recorded.
    assert client.post(section_url(report, SECTION), body).status_code == 302
    assert (fields_of(step), step.revision, reasons(step)) == (ALICE, 3, ["conflict:mine"])


def test_take_theirs_keeps_their_row_changes_no_revision_and_is_recorded_once(
    conflict, report, step, prefix
):
    client, data, page = conflict
    revision = Report.objects.get(pk=report.pk).revision
    body = data | box_fields(page, prefix) | {f"{prefix}-resolution": "theirs"}
    assert client.post(section_url(report, SECTION), body).status_code == 302
    assert (fields_of(step), step.revision) == (BOB, 2)
    assert Report.objects.get(pk=report.pk).revision == revision  # nothing the PDF shows
    assert client.post(section_url(report, SECTION), body).status_code == 302
    assert reasons(step) == ["conflict:theirs"]
    history = client.get(reverse("reports:history", args=[report.pk])).content.decode()
    assert "Conflict resolved: took the colleague&#x27;s text" in history
    assert "The next step stays as the colleague saved it." in history


def test_combined_row_is_saved_as_edited_once(conflict, report, step, prefix):
    client, data, page = conflict
    combined = {
        "combined_title": "Pass the child labour decree on hazardous work",
        "combined_targets": "Decree signed by June",
        "combined_evidence": "Gazette and press release",
        "combined_work_areas": ["child_labour", "forced_labour"],
    }
    body = data | box_fields(page, prefix) | {f"{prefix}-resolution": "combined"}
    body |= row_data(prefix, combined)
    assert client.post(section_url(report, SECTION), body).status_code == 302
    saved = {name.removeprefix("combined_"): value for name, value in combined.items()}
    assert fields_of(step) == saved
    assert client.post(section_url(report, SECTION), body).status_code == 302
    assert (step.revision, reasons(step)) == (3, ["conflict:combined"])


def test_a_combined_row_without_title_or_work_area_is_refused_beside_the_field(
    conflict, report, step, prefix
):
    client, data, page = conflict
    body = data | box_fields(page, prefix) | {f"{prefix}-resolution": "combined"}
    body |= {f"{prefix}-combined_title": "", f"{prefix}-combined_work_areas": []}
    body[f"{prefix}-combined_targets"] = "Kept as typed"
    response = client.post(section_url(report, SECTION), body)
    assert response.status_code == 409
    page = response.content.decode()
    assert f'href="#id_{prefix}-combined_title"' in page
    assert f'href="#id_{prefix}-combined_work_areas"' in page
    assert box_fields(page, prefix)[f"{prefix}-combined_targets"] == "Kept as typed"
    assert fields_of(step) == BOB


def test_a_choice_after_a_third_person_saved_is_a_conflict_again_and_keeps_the_row(
    conflict, report, step, prefix
):
    client, data, page = conflict
    fields = box_fields(page, prefix)
    carol = Client()
    carol.force_login(member(report, Role.REPORTER))
    later = section_data(report, SECTION) | {f"{prefix}-title": "Carol's newer title"}
    assert carol.post(section_url(report, SECTION), later).status_code == 302
    combined = "My combined title, edited."
    body = data | fields | {f"{prefix}-resolution": "combined"}
    body[f"{prefix}-combined_title"] = combined
    response = client.post(section_url(report, SECTION), body)
    assert response.status_code == 409
    assert fields_of(step)["title"] == "Carol's newer title"
    page = response.content.decode()
    assert "Carol&#x27;s newer title" in page
    assert box_fields(page, prefix)[f"{prefix}-combined_title"] == combined  # nothing lost
    assert f'value="{ALICE["title"]}"' in page  # her own row, in its fields
    assert f'name="{prefix}-theirs" value="3:' in page
    assert reasons(step) == []


def test_box_sent_back_without_a_choice_is_shown_again_with_a_message(
    conflict, report, step, prefix
):
    client, data, page = conflict
    body = data | box_fields(page, prefix) | {f"{prefix}-combined_title": "Half-way"}
    response = client.post(section_url(report, SECTION), body)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Choose how to settle the conflict" in page
    assert f'href="#id_{prefix}-resolution"' in page  # the error summary leads to the choice
    assert box_fields(page, prefix)[f"{prefix}-combined_title"] == "Half-way"
    assert fields_of(step) == BOB


def test_a_removal_of_a_row_changed_meanwhile_keeps_it_or_takes_theirs(
    client, report, alice, bob, step, prefix
):
    loaded = section_data(report, SECTION)
    bob_client = Client()
    bob_client.force_login(bob)
    bob_client.post(section_url(report, SECTION), loaded | row_data(prefix, BOB))
    client.force_login(alice)
    data = loaded | {f"{prefix}-DELETE": "on"}
    response = client.post(section_url(report, SECTION), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "You removed it: keeping your version removes it." in page
    assert f'name="{prefix}-resolution" value="combined"' not in page
    assert f'name="{prefix}-combined_title"' not in page
    body = data | box_fields(page, prefix) | {f"{prefix}-resolution": "mine"}
    assert client.post(section_url(report, SECTION), body).status_code == 302
    assert not NextStep.objects.filter(pk=step.pk).exists()
    removal = NextStep.history.get(id=step.pk, history_type="-")
    assert (removal.history_change_reason, removal.history_user) == ("conflict:mine", alice)
    # Sent again: the row is gone, nothing more happens.
    assert client.post(section_url(report, SECTION), body).status_code == 302


def test_a_removal_settled_by_taking_theirs_keeps_their_row(
    client, report, alice, bob, step, prefix
):
    loaded = section_data(report, SECTION)
    bob_client = Client()
    bob_client.force_login(bob)
    bob_client.post(section_url(report, SECTION), loaded | row_data(prefix, BOB))
    client.force_login(alice)
    data = loaded | {f"{prefix}-DELETE": "on"}
    page = client.post(section_url(report, SECTION), data).content.decode()
    body = data | box_fields(page, prefix) | {f"{prefix}-resolution": "theirs"}
    assert client.post(section_url(report, SECTION), body).status_code == 302
    assert fields_of(step) == BOB
    assert reasons(step) == ["conflict:theirs"]


# -- the autosave (the script's flow) -----------------------------------------------------


def test_autosave_row_conflict_carries_the_box_and_each_choice_goes_through(
    client, report, alice, bob, step, prefix
):
    autosave = section_url(report, SECTION, "reports:autosave")
    loaded = section_data(report, SECTION)
    bob_client = Client()
    bob_client.force_login(bob)
    assert bob_client.post(autosave, loaded | row_data(prefix, BOB)).json()["ok"]
    client.force_login(alice)
    data = loaded | row_data(prefix, ALICE)
    reply = client.post(autosave, data).json()
    box = reply["conflicts"][prefix]
    assert reply["ok"] is False and box["rev"] == 2
    assert f'data-conflict-for="{prefix}"' in box["html"]
    assert f'name="{prefix}-resolution" value="combined"' in box["html"]
    fields = box_fields(box["html"], prefix)
    assert fields[f"{prefix}-combined_work_areas"] == ["child_labour", "forced_labour"]
    # Typing elsewhere meanwhile: the autosave (without the box's fields) is refused again.
    again = client.post(autosave, data).json()
    assert prefix in again["conflicts"] and fields_of(step) == BOB
    body = data | fields | {f"{prefix}-resolution": "combined"}
    body[f"{prefix}-combined_title"] += " (both)"
    reply = client.post(autosave, body).json()
    assert reply["ok"] is True and reply["rows"][prefix]["rev"] == 3
    assert fields_of(step)["title"] == fields[f"{prefix}-combined_title"] + " (both)"
    assert reasons(step) == ["conflict:combined"]


def test_autosave_take_theirs_refreshes_the_row(client, report, alice, bob, step, prefix):
    autosave = section_url(report, SECTION, "reports:autosave")
    loaded = section_data(report, SECTION)
    bob_client = Client()
    bob_client.force_login(bob)
    bob_client.post(autosave, loaded | row_data(prefix, BOB))
    client.force_login(alice)
    data = loaded | row_data(prefix, ALICE)
    box = client.post(autosave, data).json()["conflicts"][prefix]
    body = data | box_fields(box["html"], prefix) | {f"{prefix}-resolution": "theirs"}
    reply = client.post(autosave, body).json()
    assert reply["ok"] is True
    assert reply["rows"][prefix]["refresh"] == BOB
    assert reply["rows"][prefix]["rev"] == 2
    assert fields_of(step) == BOB and reasons(step) == ["conflict:theirs"]


# -- the service itself, and what the conflict path costs ---------------------------------


@pytest.mark.parametrize(
    ("resolution", "posted", "saved", "revision"),
    [("mine", ALICE, ALICE, 3), ("theirs", ALICE, BOB, 2), ("combined", LOADED, LOADED, 3)],
)
def test_section_save_applies_each_row_choice_from_the_colleagues_revision(
    report, alice, bob, step, resolution, posted, saved, revision
):
    section = layout_of(report).section(SECTION)
    bob_row = RowInput("q-0", step.pk, 1, next_step_digest(step), **BOB)
    section_save(report=report, user=bob, layout_section=section, rows=[bob_row])
    step.refresh_from_db()
    theirs = next_step_digest(step)
    areas = posted.get("work_areas", ["child_labour"])
    fields = {k: v for k, v in posted.items() if k != "work_areas"}
    choice = RowInput("q-0", step.pk, 2, theirs, **fields, work_areas=areas, resolution=resolution)
    result = section_save(report=report, user=alice, layout_section=section, rows=[choice])
    assert not result.has_conflicts
    expected = dict(saved, work_areas=saved.get("work_areas", ["child_labour"]))
    assert (fields_of(step), step.revision) == (expected, revision)
    assert reasons(step) == [f"conflict:{resolution}"]
    # From a revision that is no longer the stored one: a conflict again, nothing written.
    stale = RowInput("q-0", step.pk, 1, "", title="Later.", resolution=resolution)
    result = section_save(report=report, user=alice, layout_section=section, rows=[stale])
    conflict = result.row_conflicts["q-0"]
    assert conflict.yours == "Later." and conflict.row == RowFields.of(step)
    assert fields_of(step) == expected


def test_the_combined_start_keeps_every_word_of_both_rows_and_their_work_areas():
    yours = RowFields("Train inspectors in Hue", "", "Reports", ("forced_labour",))
    theirs = RowFields("Train inspectors in Hanoi", "40 trained", "Reports", ("child_labour",))
    start = yours.combined_with(theirs)
    assert "Hue" in start.title and "Hanoi" in start.title
    assert (start.targets, start.evidence) == ("40 trained", "Reports")
    assert start.work_areas == ("child_labour", "forced_labour")  # the form's order


def _row_conflict_queries(client, rows: int) -> int:
    """Alice's autosave of section VIII refused on every row Bob changed meanwhile."""
    from tests.factories import report_with_form

    report = report_with_form(priorities=3)
    alice, bob = member(report, Role.REPORTER), member(report, Role.REPORTER)
    for n in range(rows):
        NextStepFactory(report=report, title=f"Step {n}")
    key = item(report, "next_steps").key
    loaded = section_data(report, SECTION)
    bob_client = Client()
    bob_client.force_login(bob)
    bob_changes = {f"{key}-{n}-title": f"Bob's step {n}" for n in range(rows)}
    assert bob_client.post(section_url(report, SECTION), loaded | bob_changes).status_code == 302
    client.force_login(alice)
    alice_changes = {f"{key}-{n}-title": f"Alice's step {n}" for n in range(rows)}
    with CaptureQueriesContext(connection) as queries:
        reply = client.post(
            section_url(report, SECTION, "reports:autosave"), loaded | alice_changes
        ).json()
    assert len(reply["conflicts"]) == rows
    assert all(box["html"] for box in reply["conflicts"].values())
    return len(queries)


def test_autosave_row_conflict_boxes_cost_no_query_per_conflict(client):
    assert _row_conflict_queries(client, 2) == _row_conflict_queries(client, 6)
