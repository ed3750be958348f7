"""The importer reads a Word file built from the seed report's text, slips included, and
maps it question by question onto the demo's form (whose priorities are worded
differently and numbered without the seed's repeat)."""

from collections import defaultdict

import pytest

from reports.word.matcher import layouts_for, match_document
from reports.word.reader import read_docx

from .seed_document import EXPECTED, build_seed_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_match(demo_report):
    layout = layouts_for(demo_report)
    return match_document(read_docx(build_seed_docx()), layout), layout[0]


def _keys_by_code(layout) -> dict[str, list[str]]:
    keys = defaultdict(list)
    for item in layout.items():
        keys[item.question.code].append(item.key)
    return keys


def seed_results(match, layout) -> dict[str, bool]:
    """The seed's question number -> whether what the file says there reached the right item."""
    keys, items = _keys_by_code(layout), layout.item_by_key()
    results = {}
    for number, (code, position, wanted) in EXPECTED.items():
        key = keys[code][position - 1]
        proposal = match.proposals.get(key)
        if wanted is None:
            results[number] = match.mapped.get(number) == key and proposal is None
        elif proposal is None:
            results[number] = False
        elif isinstance(wanted, int):
            results[number] = len(proposal.rows or []) == wanted
        elif items[key].question.has_choices:
            results[number] = proposal.value == wanted
        else:
            results[number] = wanted in proposal.text
    return results


def test_every_question_of_the_seed_report_maps_to_its_item(seed_match):
    match, layout = seed_match
    results = seed_results(match, layout)
    assert [n for n, ok in results.items() if not ok] == []
    assert len(results) == 43


def test_a_priority_asked_twice_gets_both_answers_joined_and_flagged(seed_match):
    match, layout = seed_match
    key = _keys_by_code(layout)["priority_progress"][13]
    proposal = match.proposals[key]
    assert proposal.sources == ["14", "15"]
    assert "joined" in proposal.notes
    assert proposal.confidence <= 60
    assert "Sub-project 1" in proposal.text
    assert "The Department of Child Affairs (DCA)" in proposal.text


def test_the_education_priority_numbered_5_maps_to_the_fourth_of_its_theme(seed_match):
    match, layout = seed_match
    item = layout.item_by_key()[_keys_by_code(layout)["priority_progress"][10]]
    assert item.priority.theme.name == "Child labour prevention and education"
    assert item.priority.number == 4
    assert match.proposals[item.key].text == "N/A"


def test_example_hints_and_placeholders_are_left_out_of_answers(seed_match):
    match, _layout = seed_match
    texts = "\n".join(p.text for p in match.proposals.values())
    assert "[...]" not in texts and "[]" not in texts
    assert "Example" not in texts
    titles = [row["title"] for p in match.proposals.values() for row in p.rows or []]
    assert not any("national action plan for businesses" in t for t in titles)


def test_the_narrative_over_next_steps_is_cut_into_its_parts(seed_match):
    match, layout = seed_match
    parts = _keys_by_code(layout)["next_step_progress"]
    assert match.proposals[parts[1]].text.startswith("Training on implementation of models")
    assert "South Africa" in match.proposals[parts[2]].text
    assert parts[3] not in match.proposals


def test_next_step_blocks_give_titles_and_targets(seed_match):
    match, layout = seed_match
    rows = match.proposals[_keys_by_code(layout)["next_steps"][0]].rows
    assert rows[0]["title"].startswith("Develop regulations on inter-sectoral coordination")
    assert rows[1]["targets"] == "3 training courses to be organized"
    assert rows[4]["title"].startswith("Assessment of the implementation of laws")


def test_what_was_not_used_is_listed(seed_match):
    match, _layout = seed_match
    assert "Please select all that apply." in match.unmatched
    assert "Save the Children" in match.unmatched
    assert any(t.startswith("Let's look at i) your national priorities") for t in match.unmatched)
    assert "IV. Colaboración con socios internacionales" in match.unmatched


def test_question_lines_past_the_limit_are_read_as_answers(demo_report, monkeypatch):
    monkeypatch.setattr("reports.word.matcher.MAX_CANDIDATES", 3)
    match = match_document(read_docx(build_seed_docx()), layouts_for(demo_report))
    assert len(match.mapped) <= 3
    assert len(match.proposals) <= 3
