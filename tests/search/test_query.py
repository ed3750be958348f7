"""Reading what was typed: words, phrases, exclusions, and every nasty query gives
results or a clear message, never an error (on both databases)."""

import pytest

from search.folding import fold, index_form, mark, snippet
from search.query import MAX_QUERY, parse
from search.selectors import SearchFilters, search

from .support import answer, found

pytestmark = pytest.mark.django_db

NASTY = [
    '"unbalanced quote',
    'unbalanced" quote',
    "-",
    "- -",
    "--",
    "OR AND NEAR(",
    "NOT",
    "*",
    '"',
    '""',
    "'; DROP TABLE search_searchentry; --",
    'a" OR 1=1 --',
    "hotline" + " x" * 5000,
    "h" * 10_000,
    "\ud800",
    "hotline \ud800\udfff",
    "\x00",
    "hotline\x00111",
    "():^$\\ {} [] <-> ! & |",
    "hotline*",
    "^hotline",
    "NEAR(hotline 111, 2)",
    "col:hotline",
    "folded:hotline",
    "'hotline'",
    "!hotline",
    "hotline -",
    "-hotline",
    '-"hotline 111"',
    "\u0301\u0301",
    "ﬁ İ ß ǅ",
    "😀 hotline",
]


def test_words_phrases_and_exclusions():
    parsed = parse('Đăng ký "khai sinh" -"di cư" -Hà')
    assert parsed.include == (("dang",), ("ky",), ("khai", "sinh"))
    assert parsed.exclude == (("di", "cu"), ("ha",))
    assert parsed.message == ""
    assert parsed.terms == ("dang", "ky", "khai sinh")


def test_punctuation_inside_a_word_makes_it_a_phrase_of_its_parts():
    assert parse("child-labour 8.7").include == (("child", "labour"), ("8", "7"))


def test_an_unbalanced_quote_is_closed_and_said():
    parsed = parse('"labour inspection')
    assert parsed.include == (("labour", "inspection"),)
    assert "not closed" in parsed.message


def test_only_exclusions_find_nothing_and_say_why():
    parsed = parse("-television")
    assert parsed.is_empty
    assert "minus" in parsed.message


def test_a_long_query_is_cut_and_said():
    parsed = parse("word " * 1000)
    assert str(MAX_QUERY) in parsed.message
    assert parsed.include == (("word",),)


@pytest.mark.parametrize("query", NASTY)
def test_a_nasty_query_gives_results_or_a_message_never_an_error(report, alice, query):
    answer(report, alice, "Hotline 111 took 5,000 calls.")

    results = search(user=alice, query=query, filters=SearchFilters())
    assert results.hits or results.message or results.total == 0
    for hit in results.hits:
        assert "<script" not in hit.snippet


def test_operators_and_punctuation_are_dropped_not_obeyed(report, alice):
    answer(report, alice, "Hotline 111.")
    assert found(alice, '"hotline" -- ;')
    assert found(alice, "(hotline*) ^111")
    assert found(alice, "hotline\x00")
    assert not found(alice, 'hotline" OR 1=1 --')  # the words "or 1 1" are looked for too


def test_fold_keeps_one_character_for_one():
    for text in ["Đăng ký khai sinh", "İstanbul ß ﬁ", "a\u0301b", "😀 Hà Nội"]:
        assert len(fold(text)) == len(text)
    assert fold("Đăng Ký ĐIỆN BIÊN đ") == "dang ky dien bien d"


def test_the_index_form_is_the_folded_words():
    assert index_form("Đăng-ký: khai sinh (2023)!") == "dang ky khai sinh 2023"
    assert index_form("e\u0301") == "e"  # decomposed text composed first


def test_mark_escapes_and_marks_whole_words_with_their_diacritics():
    marked = mark("<b>Đăng ký</b> khai sinh; đăng ký kết hôn", ["dang ky"])
    assert marked == (
        "&lt;b&gt;<mark>Đăng ký</mark>&lt;/b&gt; khai sinh; <mark>đăng ký</mark> kết hôn"
    )
    assert mark("registration", ["registra"]) == "registration"  # whole words only


def test_the_snippet_is_cut_around_the_first_match():
    text = "word " * 100 + "Hotline 111 answers. " + "more " * 100
    cut = snippet(text, ["hotline"])
    assert cut.startswith("…") and cut.endswith("…")
    assert "<mark>Hotline</mark>" in cut
    assert len(cut.replace("<mark>", "").replace("</mark>", "")) <= 205


def test_the_messages_are_said_in_vietnamese_too():
    from django.utils import translation

    with translation.override("vi"):
        assert "dấu ngoặc kép" in parse('"khai sinh').message
        assert "dấu trừ" in parse("-khai").message
