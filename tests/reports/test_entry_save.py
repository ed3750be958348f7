"""Saving a section: each question kind, validation, next-step rows, the conflict rule
(two people, explicit save and autosave), and the query count of the autosave."""

import pytest

from reports.models import Answer, NextStep
from reports.services.answers import stored_digest
from roadmap.models import Role
from tests.factories import NextStepFactory, member, report_with_form

from .entry_helpers import item, layout_of, section_data, section_url

pytestmark = pytest.mark.django_db

VI = "Bộ Lao động – Thương binh và Xã hội đã tổ chức tập huấn"


def answer(report, code, index=0):
    it = item(report, code, index)
    return Answer.objects.get(
        report=report, question=it.question, priority=it.priority, next_step=it.next_step
    )


def test_explicit_save_stores_text_and_redirects(client, report, alice):
    client.force_login(alice)
    key = item(report, "priority_progress", 2).key
    response = client.post(section_url(report, 1), section_data(report, 1, **{key: VI}))
    assert response.status_code == 302
    assert response.url == section_url(report, 1)
    saved = answer(report, "priority_progress", 2)
    assert (saved.text, saved.revision, saved.updated_by) == (VI, 1, alice)
    report.refresh_from_db()
    assert report.revision == 2
    assert "Saved at" in client.get(response.url).content.decode()


def test_save_normalises_line_breaks_and_never_requires_required_questions(client, report, alice):
    client.force_login(alice)
    key = item(report, "highlights").key
    response = client.post(section_url(report, 3), section_data(report, 3, **{key: "a\r\nb"}))
    assert response.status_code == 302  # rating and challenges (required) left empty
    assert answer(report, "highlights").text == "a\nb"


def test_save_and_continue_goes_to_the_next_section(client, report, alice):
    client.force_login(alice)
    response = client.post(section_url(report, 3), section_data(report, 3, **{"continue": ""}))
    assert response.url == section_url(report, 4)


def test_unchanged_section_writes_nothing(client, report, alice):
    client.force_login(alice)
    client.post(section_url(report, 1), section_data(report, 1))
    assert not Answer.objects.filter(report=report).exists()
    report.refresh_from_db()
    assert report.revision == 1


def test_single_choice_rating_and_multiple_choice_with_other_are_saved(client, report, alice):
    client.force_login(alice)
    rating = item(report, "overall_rating").key
    single = item(report, "other_successes").key
    client.post(section_url(report, 3), section_data(report, 3, **{rating: "4", single: "yes"}))
    assert answer(report, "overall_rating").value == "4"
    assert answer(report, "other_successes").value == "yes"

    partners = item(report, "international_partners").key
    data = section_data(report, 5, **{partners: ["other", "ilo"], f"{partners}-other": "Walk Free"})
    assert client.post(section_url(report, 5), data).status_code == 302
    saved = answer(report, "international_partners")
    assert (saved.value, saved.text) == (["ilo", "other"], "Walk Free")  # in choice order


def test_clearing_an_answer_keeps_the_row_with_a_new_revision(client, report, alice):
    client.force_login(alice)
    key = item(report, "highlights").key
    client.post(section_url(report, 3), section_data(report, 3, **{key: "First"}))
    client.post(section_url(report, 3), section_data(report, 3, **{key: ""}))
    saved = answer(report, "highlights")
    assert (saved.text, saved.revision) == ("", 2)
    assert saved.history.count() == 2


@pytest.mark.parametrize(
    ("code", "order", "value", "message"),
    [
        ("highlights", 3, "x" * 20_001, "at most 20000 characters"),
        ("other_successes", 3, "maybe", "Select a valid choice"),
        ("overall_rating", 3, "9", "Select a valid choice"),
        ("evidence_tools", 4, ["surveys", "rumours"], "Select a valid choice"),
    ],
)
def test_invalid_answer_is_refused_beside_the_field_and_kept(
    client, report, alice, code, order, value, message
):
    client.force_login(alice)
    bad = item(report, code).key
    fine = item(report, "challenges" if order == 3 else "evidence_detail").key
    data = section_data(report, order, **{bad: value, fine: "This one is fine."})
    response = client.post(section_url(report, order), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'href="#id_{bad}"' in page  # the error summary links to the field
    assert message in page
    if isinstance(value, str) and len(value) > 100:
        assert value in page  # the person's text is still in the form
    assert not Answer.objects.filter(report=report, question=item(report, code).question)
    fine_code = "challenges" if order == 3 else "evidence_detail"
    assert answer(report, fine_code).text == "This one is fine."


def test_next_step_rows_are_added_changed_and_removed(client, report, alice):
    client.force_login(alice)
    step = NextStepFactory(report=report, title="Old", targets="T", evidence="E")
    key = item(report, "next_steps").key
    data = section_data(report, 8)
    # Row 0 is the existing step, row 1 the blank one: fill it, change the first.
    data |= {
        f"{key}-0-title": "Old, renamed",
        f"{key}-1-title": "Pass the decree",
        f"{key}-1-targets": "Decree signed",
        f"{key}-1-evidence": "Official gazette",
        f"{key}-1-work_areas": ["child_labour", "forced_labour"],
    }
    assert client.post(section_url(report, 8), data).status_code == 302
    step.refresh_from_db()
    assert (step.title, step.revision) == ("Old, renamed", 2)
    new = NextStep.objects.get(report=report, title="Pass the decree")
    assert new.work_areas == ["child_labour", "forced_labour"]
    assert new.order > step.order

    # A row added by script (TOTAL_FORMS grows), and the first removed.
    data = section_data(report, 8)
    data |= {
        f"{key}-TOTAL_FORMS": 4,
        f"{key}-0-DELETE": "on",
        f"{key}-3-title": "Third",
        f"{key}-3-targets": "t",
        f"{key}-3-evidence": "e",
        f"{key}-3-work_areas": "human_trafficking",
    }
    response = client.post(section_url(report, 8), data)
    assert response.status_code == 302, response.context["errors"]
    assert list(report.next_steps.values_list("title", flat=True)) == ["Pass the decree", "Third"]


def test_next_step_without_work_area_or_title_is_refused_and_kept(client, report, alice):
    client.force_login(alice)
    key = item(report, "next_steps").key
    data = section_data(report, 8) | {
        f"{key}-0-title": "Campaign in schools",
        f"{key}-0-targets": "Ten provinces",
    }
    response = client.post(section_url(report, 8), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose at least one work area." in page
    assert f'href="#id_{key}-0-work_areas"' in page
    assert "Ten provinces" in page
    assert not report.next_steps.exists()

    data = section_data(report, 8) | {
        f"{key}-0-targets": "No title",
        f"{key}-0-work_areas": "child_labour",
    }
    assert (
        "Give the next step a title." in client.post(section_url(report, 8), data).content.decode()
    )


def test_missing_management_form_is_an_error_not_a_crash(client, report, alice):
    client.force_login(alice)
    key = item(report, "next_steps").key
    data = {k: v for k, v in section_data(report, 8).items() if "TOTAL_FORMS" not in k}
    response = client.post(section_url(report, 8), data)
    assert response.status_code == 400
    assert f'href="#id_{key}"' in response.content.decode()


# -- the conflict rule ----------------------------------------------------------------


@pytest.fixture
def two(client, report, alice, bob):
    """Alice and Bob, each with section III open as it was loaded."""
    from django.test import Client

    other = Client()
    client.force_login(alice)
    other.force_login(bob)
    return client, other


def test_stale_save_is_refused_with_both_texts_and_keeps_the_typing(two, report):
    alice_client, bob_client = two
    key = item(report, "highlights").key
    loaded_by_alice = section_data(report, 3)
    bob_client.post(section_url(report, 3), section_data(report, 3, **{key: "Bob's text"}))

    other = item(report, "lessons").key
    response = alice_client.post(
        section_url(report, 3), loaded_by_alice | {key: "Alice's text", other: "Lessons"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this answer at" in page
    assert "(Test Person" in page  # Bob's name
    assert "Bob&#x27;s text" in page and "Alice&#x27;s text" in page
    assert answer(report, "highlights").text == "Bob's text"
    assert answer(report, "lessons").text == "Lessons"  # the rest of the POST was saved
    # The conflict's box carries Bob's revision: Alice's choice is made from it and goes
    # through (tests/reports/test_entry_conflicts.py has each choice).
    assert f'name="{key}-theirs" value="1:' in page
    merged = loaded_by_alice | {
        key: "Alice's and Bob's text",
        f"{key}-theirs": f"1:{stored_digest(answer(report, 'highlights'))}",
        f"{key}-resolution": "mine",
    }
    assert alice_client.post(section_url(report, 3), merged).status_code == 302
    saved = answer(report, "highlights")
    assert (saved.text, saved.revision) == ("Alice's and Bob's text", 2)


def test_untouched_field_takes_the_newer_stored_text_silently(two, report):
    alice_client, bob_client = two
    key = item(report, "highlights").key
    other = item(report, "lessons").key
    loaded_by_alice = section_data(report, 3)
    bob_client.post(section_url(report, 3), section_data(report, 3, **{key: "Bob's text"}))
    response = alice_client.post(section_url(report, 3), loaded_by_alice | {other: "Mine"})
    assert response.status_code == 302
    assert answer(report, "highlights").text == "Bob's text"
    assert answer(report, "lessons").text == "Mine"


def test_same_text_saved_by_both_is_no_conflict(two, report):
    alice_client, bob_client = two
    key = item(report, "highlights").key
    loaded_by_alice = section_data(report, 3)
    bob_client.post(section_url(report, 3), section_data(report, 3, **{key: "Same"}))
    response = alice_client.post(section_url(report, 3), loaded_by_alice | {key: "Same"})
    assert response.status_code == 302
    assert answer(report, "highlights").revision == 1


def test_autosave_answers_json_and_reports_conflicts(two, report):
    alice_client, bob_client = two
    key = item(report, "highlights").key
    loaded_by_alice = section_data(report, 3)
    autosave = section_url(report, 3, "reports:autosave")

    response = bob_client.post(autosave, section_data(report, 3, **{key: "Bob"}))
    data = response.json()
    assert data["ok"] is True
    assert data["items"][key]["rev"] == 1
    assert len(data["saved_at"]) == 5  # "14:32"

    data = alice_client.post(autosave, loaded_by_alice | {key: "Alice"}).json()
    assert data["ok"] is False
    assert "someone else changed" in data["reason"]
    conflict = data["conflicts"][key]
    assert conflict["theirs"] == "Bob"
    assert conflict["rev"] == 1
    assert "Someone else saved this answer at" in conflict["message"]
    assert answer(report, "highlights").text == "Bob"


def test_autosave_refreshes_an_untouched_field(two, report):
    alice_client, bob_client = two
    key = item(report, "highlights").key
    loaded_by_alice = section_data(report, 3)
    autosave = section_url(report, 3, "reports:autosave")
    bob_client.post(autosave, section_data(report, 3, **{key: "Bob"}))
    data = alice_client.post(autosave, loaded_by_alice).json()
    assert data["ok"] is True
    assert data["items"][key]["refresh"] == {"text": "Bob", "value": None}


def test_autosave_returns_errors_and_new_row_ids(client, report, alice):
    client.force_login(alice)
    key = item(report, "next_steps").key
    autosave = section_url(report, 8, "reports:autosave")
    data = section_data(report, 8) | {
        f"{key}-0-title": "Decree",
        f"{key}-0-work_areas": "child_labour",
    }
    reply = client.post(autosave, data).json()
    step = report.next_steps.get()
    assert reply["rows"][f"{key}-0"]["id"] == step.pk
    # The script now sends the id: the second autosave updates, never duplicates.
    data |= {f"{key}-0-id": step.pk, f"{key}-0-rev": 1, f"{key}-0-evidence": "Gazette"}
    reply = client.post(autosave, data).json()
    assert reply["ok"] is True
    assert report.next_steps.get().evidence == "Gazette"

    reply = client.post(autosave, data | {f"{key}-0-work_areas": []}).json()
    assert reply["ok"] is False
    assert reply["errors"][0]["id"] == f"id_{key}-0-work_areas"


def test_stale_next_step_is_a_conflict(two, report):
    alice_client, bob_client = two
    step = NextStepFactory(report=report, title="Decree")
    key = item(report, "next_steps").key
    loaded_by_alice = section_data(report, 8)
    bob_client.post(section_url(report, 8), section_data(report, 8) | {f"{key}-0-title": "Bob's"})
    response = alice_client.post(
        section_url(report, 8), loaded_by_alice | {f"{key}-0-title": "Alice's"}
    )
    assert response.status_code == 409
    # The row's box offers the choices (tests/reports/test_next_step_conflicts.py).
    assert "Someone else saved this next step" in response.content.decode()
    step.refresh_from_db()
    assert step.title == "Bob's"


def _autosave_queries(client, django_assert_num_queries, priorities):
    report = report_with_form(priorities=priorities)
    client.force_login(member(report, Role.REPORTER))
    layout_items = [i for i in layout_of(report).items() if i.priority]
    # Every priority answered, half of them already stored: creates and updates together.
    for position, it in enumerate(layout_items):
        if position % 2:
            Answer.objects.create(
                report=report, question=it.question, priority=it.priority, text="old"
            )
    data = section_data(report, 1, **{it.key: f"New text {n}" for n, it in enumerate(layout_items)})
    # 1 session, 2 user, 3 report (+ country, cycle, roadmap, questionnaire), 4
    # memberships; layout without answers: 5 carried next steps (the previous cycle a
    # subquery; the structure kept: reports.structure); service, the plan without a
    # lock: 6 stored answers; the write: 7 savepoint, 8 lock report, 9 the answers'
    # revisions again (unchanged since the plan), 10 insert new answers, 11 their
    # history, 12 update changed answers (one CASE statement), 13 their history, 14 touch
    # report, 15 re-read its revision, 16 release savepoint; for the refreshed counts and
    # progress bar: 17 every answer of the report, 18 its own next steps; the search
    # index in step, in the write's transaction (search.index: answers, next steps,
    # activities, indicator values, comments, its entries, the insert): 25. Issue 25: was
    # 30.
    with django_assert_num_queries(25):
        reply = client.post(section_url(report, 1, "reports:autosave"), data)
    assert reply.json()["ok"] is True
    assert Answer.objects.filter(report=report, text__startswith="New text").count() == priorities


def test_autosave_query_count_does_not_grow_with_priorities_15(client, django_assert_num_queries):
    _autosave_queries(client, django_assert_num_queries, 15)


def test_autosave_query_count_does_not_grow_with_priorities_40(client, django_assert_num_queries):
    _autosave_queries(client, django_assert_num_queries, 40)


def test_autosave_answers_with_the_refreshed_counts_and_progress(client, report, alice):
    client.force_login(alice)
    layout = layout_of(report)
    section = layout.section(1)
    required = [i for i in section.items if i.question.required and not i.question.has_choices]
    before = (layout.required_answered, layout.required_total)
    data = section_data(report, 1, **{i.key: f"Done {n}" for n, i in enumerate(required[:2])})
    reply = client.post(section_url(report, 1, "reports:autosave"), data).json()

    after = layout_of(report)
    assert after.required_answered == before[0] + 2
    assert reply["progress"] == {
        "percent": after.percent_complete,
        "required": f"{before[0] + 2} / {before[1]}",
        "sections": {
            str(s.section.order): f"{s.answered_count}/{len(s.items)}" for s in after.sections
        },
    }
    assert reply["progress"]["sections"]["1"] == f"2/{len(section.items)}"
