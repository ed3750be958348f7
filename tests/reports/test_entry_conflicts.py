"""Settling a conflict (issue 18, item 4): a save refused because a colleague saved first
offers to keep one's own text, take the colleague's, or save a combined text; each choice
goes through the same conflict rule (a third person saving meanwhile is a conflict again),
nothing typed is lost, and the history records how the conflict was resolved. Both the
page without script (the form's Save) and the autosave (JSON) are tested."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.models import Answer, Report
from reports.services.answers import AnswerInput, section_save, stored_digest
from roadmap.models import Role
from tests.factories import member, report_with_form

from .entry_helpers import item, layout_of, section_data, section_url

pytestmark = pytest.mark.django_db

BOB = "Trained 40 labour inspectors in Hanoi."
ALICE = "Trained 40 labour inspectors in Hue with UNICEF."


def stored(report):
    it = item(report, "highlights")
    return Answer.objects.get(report=report, question=it.question, priority=None)


@pytest.fixture
def conflict(client, report, alice, bob):
    """Bob saved the highlights while Alice had section III open; Alice's save of her own
    text was refused. Returns (Alice's client, the key, her loaded form, the 409 page)."""
    key = item(report, "highlights").key
    loaded = section_data(report, 3)
    bob_client = Client()
    bob_client.force_login(bob)
    bob_client.post(section_url(report, 3), section_data(report, 3, **{key: BOB}))
    client.force_login(alice)
    response = client.post(section_url(report, 3), loaded | {key: ALICE})
    assert response.status_code == 409
    return client, key, loaded | {key: ALICE}, response.content.decode()


def box_fields(page: str, key: str) -> dict:
    """What the conflict's box posts back: the colleague's revision, the combined text."""
    theirs = re.search(rf'name="{key}-theirs" value="([^"]*)"', page)[1]
    combined = re.search(rf'<textarea name="{key}-combined"[^>]*>\n?(.*?)</textarea>', page, re.S)
    return {f"{key}-theirs": theirs, f"{key}-combined": unescape(combined[1])}


def reasons(report) -> list[str]:
    return list(
        Answer.history.filter(report_id=report.pk)
        .exclude(history_change_reason=None)
        .values_list("history_change_reason", flat=True)
    )


def test_conflict_box_offers_three_choices_and_both_texts_marked(conflict):
    _client, key, _data, page = conflict
    for value, label in [
        ("mine", "Keep my version"),
        ("theirs", "Take their version"),
        ("combined", "Save a combined text"),
    ]:
        assert f'name="{key}-resolution" value="{value}"' in page
        assert label in page
    assert "How do you want to settle this?" in page
    # Differences marked in words, not colour only: each with a visually hidden label.
    assert '<del><span class="visually-hidden">[only in their text: </span>Hanoi' in page
    assert '<ins><span class="visually-hidden">[only in your text: </span>Hue with UNICEF' in page
    # The combined text starts from both: every word of each is in it.
    combined = box_fields(page, key)[f"{key}-combined"]
    assert "Hanoi" in combined and "Hue with UNICEF" in combined
    # The item itself keeps the revision Alice loaded: a plain save cannot pass over Bob's.
    assert f'name="{key}-theirs" value="1:' in page
    assert f'name="{key}-base" value="0:' in page


def test_keep_mine_saves_my_text_and_the_history_says_so(conflict, report):
    client, key, data, page = conflict
    response = client.post(
        section_url(report, 3), data | box_fields(page, key) | {f"{key}-resolution": "mine"}
    )
    assert response.status_code == 302
    answer = stored(report)
    assert (answer.text, answer.revision) == (ALICE, 2)
    assert reasons(report) == ["conflict:mine"]
    history = client.get(reverse("reports:history", args=[report.pk])).content.decode()
    assert "Conflict resolved: kept own text" in history


def test_take_theirs_keeps_their_text_changes_no_revision_and_is_recorded_once(conflict, report):
    client, key, data, page = conflict
    revision = Report.objects.get(pk=report.pk).revision
    body = data | box_fields(page, key) | {f"{key}-resolution": "theirs"}
    assert client.post(section_url(report, 3), body).status_code == 302
    answer = stored(report)
    assert (answer.text, answer.revision) == (BOB, 1)
    assert Report.objects.get(pk=report.pk).revision == revision  # nothing the PDF shows
    # Sent twice (a retried request): recorded once.
    assert client.post(section_url(report, 3), body).status_code == 302
    assert reasons(report) == ["conflict:theirs"]
    history = client.get(reverse("reports:history", args=[report.pk])).content.decode()
    assert "Conflict resolved: took the colleague&#x27;s text" in history
    assert "The answer stays as the colleague saved it." in history


def test_combined_text_is_saved_as_edited(conflict, report):
    client, key, data, page = conflict
    fields = box_fields(page, key)
    combined = "Trained 40 labour inspectors in Hanoi and Hue with UNICEF."
    body = data | fields | {f"{key}-resolution": "combined", f"{key}-combined": combined}
    assert client.post(section_url(report, 3), body).status_code == 302
    assert stored(report).text == combined
    # The same request again changes nothing and records nothing more.
    assert client.post(section_url(report, 3), body).status_code == 302
    assert (stored(report).revision, reasons(report)) == (2, ["conflict:combined"])


def test_a_choice_after_a_third_person_saved_is_a_conflict_again_and_keeps_the_text(
    conflict, report
):
    client, key, data, page = conflict
    third = Client()
    third.force_login(member(report, Role.REPORTER))
    fields = box_fields(page, key)
    current = stored(report)
    later = section_data(report, 3, **{key: "Carol's newer text"})
    later[f"{key}-base"] = f"1:{stored_digest(current)}"
    assert third.post(section_url(report, 3), later).status_code == 302
    combined = "My combined text, edited."
    body = data | fields | {f"{key}-resolution": "combined", f"{key}-combined": combined}
    response = client.post(section_url(report, 3), body)
    assert response.status_code == 409
    assert stored(report).text == "Carol's newer text"
    page = response.content.decode()
    assert "Carol&#x27;s newer text" in page
    assert box_fields(page, key)[f"{key}-combined"] == combined  # nothing typed lost
    assert f'name="{key}-theirs" value="2:' in page
    assert reasons(report) == []


def test_box_sent_back_without_a_choice_is_shown_again_with_a_message(conflict, report):
    client, key, data, page = conflict
    edited = "Half-way through combining."
    body = data | box_fields(page, key) | {f"{key}-combined": edited}
    response = client.post(section_url(report, 3), body)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Choose how to settle the conflict" in page
    assert f'href="#id_{key}-resolution"' in page  # the error summary leads to the choice
    assert box_fields(page, key)[f"{key}-combined"] == edited
    assert f'id="id_{key}"' in page and ALICE in unescape(page)
    assert stored(report).text == BOB


def test_autosave_conflict_carries_the_box_and_a_choice_goes_through(client, report, alice, bob):
    key = item(report, "highlights").key
    autosave = section_url(report, 3, "reports:autosave")
    loaded = section_data(report, 3)
    bob_client = Client()
    bob_client.force_login(bob)
    assert bob_client.post(autosave, section_data(report, 3, **{key: BOB})).json()["ok"]
    client.force_login(alice)
    reply = client.post(autosave, loaded | {key: ALICE}).json()
    box = reply["conflicts"][key]
    assert box["theirs"] == BOB and box["rev"] == 1
    assert f'data-conflict-for="{key}"' in box["html"]
    assert f'name="{key}-resolution" value="combined"' in box["html"]
    fields = box_fields(box["html"], key)
    # Typing elsewhere meanwhile: the autosave (without the box's fields) is refused again.
    again = client.post(autosave, loaded | {key: ALICE}).json()
    assert key in again["conflicts"] and stored(report).text == BOB
    combined = fields[f"{key}-combined"] + " Both kept."
    body = loaded | {key: ALICE} | fields
    body |= {f"{key}-resolution": "combined", f"{key}-combined": combined}
    reply = client.post(autosave, body).json()
    assert reply["ok"] is True and reply["items"][key]["rev"] == 2
    assert stored(report).text == combined
    assert reasons(report) == ["conflict:combined"]


def test_autosave_take_theirs_refreshes_the_field(client, report, alice, bob):
    key = item(report, "highlights").key
    autosave = section_url(report, 3, "reports:autosave")
    loaded = section_data(report, 3)
    bob_client = Client()
    bob_client.force_login(bob)
    bob_client.post(autosave, section_data(report, 3, **{key: BOB}))
    client.force_login(alice)
    box = client.post(autosave, loaded | {key: ALICE}).json()["conflicts"][key]
    body = loaded | {key: ALICE} | box_fields(box["html"], key)
    reply = client.post(autosave, body | {f"{key}-resolution": "theirs"}).json()
    assert reply["ok"] is True
    assert reply["items"][key]["refresh"] == {"text": BOB, "value": None}
    assert stored(report).text == BOB and reasons(report) == ["conflict:theirs"]


def test_choice_question_offers_keep_or_take_only(client, report, alice, bob):
    rating = item(report, "overall_rating")
    key = rating.key
    values = [c.value for c in rating.question.choices.all()]
    loaded = section_data(report, 3)
    bob_client = Client()
    bob_client.force_login(bob)
    bob_client.post(section_url(report, 3), section_data(report, 3, **{key: values[0]}))
    client.force_login(alice)
    response = client.post(section_url(report, 3), loaded | {key: values[1]})
    assert response.status_code == 409
    page = response.content.decode()
    assert f'name="{key}-resolution" value="theirs"' in page
    assert f'name="{key}-resolution" value="combined"' not in page
    theirs = re.search(rf'name="{key}-theirs" value="([^"]*)"', page)[1]
    body = loaded | {key: values[1], f"{key}-theirs": theirs, f"{key}-resolution": "mine"}
    assert client.post(section_url(report, 3), body).status_code == 302
    assert Answer.objects.get(report=report, question=rating.question).value == values[1]


# -- the service itself, and what the conflict path costs ---------------------------------


@pytest.mark.parametrize(
    ("resolution", "text", "saved", "revision"),
    [("mine", "Mine.", "Mine.", 2), ("theirs", "Mine.", BOB, 1), ("combined", "Both.", "Both.", 2)],
)
def test_section_save_applies_each_choice_from_the_colleagues_revision(
    report, alice, bob, resolution, text, saved, revision
):
    key = item(report, "highlights").key
    section = layout_of(report).section(3)
    section_save(
        report=report,
        user=bob,
        layout_section=section,
        answers=[AnswerInput(key, BOB, None, 0, "")],
    )
    theirs = stored(report)
    choice = AnswerInput(key, text, None, 1, stored_digest(theirs), resolution=resolution)
    result = section_save(report=report, user=alice, layout_section=section, answers=[choice])
    assert not result.has_conflicts
    answer = stored(report)
    assert (answer.text, answer.revision) == (saved, revision)
    assert reasons(report) == [f"conflict:{resolution}"]
    # From a revision that is no longer the stored one: a conflict again, nothing written.
    stale = AnswerInput(key, "Later.", None, 0, "", resolution=resolution)
    result = section_save(report=report, user=alice, layout_section=section, answers=[stale])
    assert key in result.conflicts and result.conflicts[key].yours == "Later."
    assert stored(report).text == saved


def _conflict_queries(client, priorities: int) -> int:
    """Alice's autosave of section I refused on every priority Bob answered meanwhile."""
    report = report_with_form(priorities=priorities)
    alice, bob = member(report, Role.REPORTER), member(report, Role.REPORTER)
    items = [i for i in layout_of(report).items() if i.priority]
    loaded = section_data(report, 1)
    bob_client = Client()
    bob_client.force_login(bob)
    bob_client.post(section_url(report, 1), section_data(report, 1, **{i.key: "B" for i in items}))
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        reply = client.post(
            section_url(report, 1, "reports:autosave"), loaded | {i.key: "A" for i in items}
        ).json()
    assert len(reply["conflicts"]) == priorities
    return len(queries)


def test_autosave_conflict_boxes_cost_no_query_per_conflict(client):
    assert _conflict_queries(client, 3) == _conflict_queries(client, 12)
