"""Small helpers of the PDF: typed text to HTML, CSS strings, index labels."""

import pytest

from reports.documents.text import css_page_counter, css_string, shorten, text_to_html


def test_blank_lines_separate_paragraphs_and_single_breaks_stay():
    html = text_to_html("First line\nsame paragraph\n\n  \nSecond paragraph")
    assert html == "<p>First line<br>same paragraph</p><p>Second paragraph</p>"


def test_dash_and_bullet_lines_become_one_list():
    html = text_to_html("Intro:\n- one\n• two\n-three stays text")
    assert html == "<p>Intro:</p><ul><li>one</li><li>two</li></ul><p>-three stays text</p>"


def test_typed_markup_is_escaped_before_formatting():
    html = text_to_html("<script>alert(1)</script>\n- <b>x</b> & y")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<li>&lt;b&gt;x&lt;/b&gt; &amp; y</li>" in html


def test_windows_line_endings_and_empty_text():
    assert text_to_html("a\r\n\r\nb") == "<p>a</p><p>b</p>"
    assert text_to_html("  \n ") == ""


def test_css_strings_cannot_break_out_of_the_stylesheet():
    value = css_string('Côte "d\'Ivoire" \\ </style><script>')
    assert value.startswith('"') and value.endswith('"')
    assert "</style>" not in value and '\\"d' in value and "\\\\" in value


def test_page_counter_follows_the_translations_word_order():
    assert css_page_counter("Page %(page)s of %(pages)s") == (
        '"Page " counter(page) " of " counter(pages)'
    )
    assert css_page_counter("%(pages)s / %(page)s") == 'counter(pages) " / " counter(page)'


def test_index_labels_are_cut_at_a_word():
    assert shorten("short", 20) == "short"
    assert shorten("Raise awareness of the dangers of trafficking", 30) == "Raise awareness of the…"


@pytest.mark.django_db
def test_pdf_totals_count_activities_as_the_activities_page_does(report):
    from reports.documents.printed import activity_rows
    from reports.layout import build_layout
    from tests.factories import ActivityFactory

    ActivityFactory(
        report=report, participants_women=10, participants_men=5, participants_total=None
    )
    ActivityFactory(report=report, participants_women=32, participants_men=8, participants_total=40)
    _rows, totals = activity_rows(report, build_layout(report))
    assert (totals.women, totals.men, totals.total) == (42, 13, 55)
