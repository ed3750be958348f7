"""What changed since the report was returned: word-level, question by question."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports import workflow
from reports.diff import ItemLabel, compare_snapshots, last_resubmission_diff
from reports.layout import build_layout
from reports.models import Answer
from reports.textdiff import combined_start, marked_diff, word_diff

from .review_support import fill_required

pytestmark = pytest.mark.django_db


def test_word_diff_marks_insertions_and_deletions():
    html = word_diff("Trained 40 officials in Hanoi.", "Trained 45 officials in Hanoi and Hue.")
    assert html == ("Trained <del>40</del><ins>45</ins> officials in Hanoi<ins> and Hue</ins>.")


def test_word_diff_escapes_what_was_typed():
    html = word_diff("a <b>bold</b>", "a <script>alert(1)</script>")
    assert "<b>" not in html and "<script>" not in html
    assert html == (
        "a &lt;<del>b&gt;bold</del><ins>script&gt;alert(1)</ins>&lt;/"
        "<del>b</del><ins>script</ins>&gt;"
    )


def test_word_diff_merges_changes_split_only_by_spaces():
    html = word_diff("120 people from MOLISA, the ILO", "120 people took part, the ILO")
    assert html == "120 people <del>from MOLISA</del><ins>took part</ins>, the ILO"


def test_word_diff_keeps_paragraphs():
    assert word_diff("One.\n\nTwo.", "One.\n\nTwo.") == "One.\n\nTwo."


def test_compare_snapshots_sorts_changed_unchanged_added_removed():
    old = {
        "items": {
            "q1": {"number": 1, "text": "A?", "answer": "x"},
            "q2": {"number": 2, "text": "B?", "answer": "same"},
            "q3": {"number": 3, "text": "C?", "answer": "gone"},
        }
    }
    new = {
        "items": {
            "q1": {"number": 1, "text": "A?", "answer": "y"},
            "q2": {"number": 2, "text": "B?", "answer": "same "},
            "q4": {"number": 4, "text": "D?", "answer": "new"},
        }
    }
    changes = {c.key: c.status for c in compare_snapshots(old, new, {"q1": ItemLabel("1", "A?")})}
    assert changes == {"q1": "changed", "q2": "unchanged", "q4": "added", "q3": "removed"}


@pytest.fixture
def resubmitted(report, focal, reviewer):
    """Submitted, returned, first priority answer edited, resubmitted."""
    fill_required(report, text="Forty officials were trained.")
    workflow.report_transition(report=report, user=focal, action="submit")
    workflow.report_transition(report=report, user=reviewer, action="return", reason="Numbers?")
    item = next(build_layout(report).items())
    Answer.objects.filter(pk=item.answer.pk).update(text="Forty-five officials were trained.")
    workflow.report_transition(report=report, user=focal, action="submit")
    return report


def test_resubmission_diff_lists_changed_and_unchanged_items(resubmitted):
    diff = last_resubmission_diff(resubmitted)
    assert [c.number for c in diff.changed] == ["1"]
    assert diff.changed[0].html == "Forty<ins>-five</ins> officials were trained."
    assert len(diff.unchanged) == len(diff.items) - 1


def test_no_diff_before_a_resubmission(report, focal):
    fill_required(report)
    workflow.report_transition(report=report, user=focal, action="submit")
    assert last_resubmission_diff(report) is None


def test_changes_page_shows_the_reviewer_what_changed(client, resubmitted, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("reports:changes", args=[resubmitted.pk])).content.decode()
    assert "1 answer changed" in html
    assert "<ins>" in html
    assert "Unchanged answers" in html


def test_reading_view_links_to_the_changes_after_a_resubmission(client, resubmitted, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("reports:read", args=[resubmitted.pk])).content.decode()
    assert reverse("reports:changes", args=[resubmitted.pk]) in html
    assert "submitted again after it was returned" in html


def test_changes_page_is_not_for_outsiders(client, resubmitted, charlie):
    client.force_login(charlie)
    assert client.get(reverse("reports:changes", args=[resubmitted.pk])).status_code == 404


# -- a conflict's two versions (issue 18, item 4) ---------------------------------------


def test_combined_start_keeps_every_word_of_both_versions():
    assert combined_start("A B C D Y", "A B X C D") == "A B X C D Y"
    assert combined_start("Alice's text", "Bob's text") == "Alice Bob's text"
    assert combined_start("typed", "") == "typed"
    assert combined_start("", "theirs") == "theirs"
    both = combined_start("First line.\nMine.", "First line.\nTheirs.")
    assert both == "First line.\nMine Theirs."  # what both share is there once


def test_marked_diff_names_whose_words_they_are_and_escapes_them():
    html = marked_diff("a <b> x", "a <b> y", theirs_label="theirs:", yours_label="yours:")
    assert html == (
        "a &lt;b&gt; "
        '<del><span class="visually-hidden">[theirs: </span>x'
        '<span class="visually-hidden">]</span></del>'
        '<ins><span class="visually-hidden">[yours: </span>y'
        '<span class="visually-hidden">]</span></ins>'
    )
