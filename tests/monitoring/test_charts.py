"""Charts a person can read (monitoring.charts): names wrap rather than being cut, bars
run horizontally when names would not fit under them, the value axis says its unit, a
target and a baseline are drawn as lines named in the legend, and a phone gets a drawing
of its own width."""

from __future__ import annotations

import re

from monitoring.charts import MAX_LINES, NARROW, Chart, wrap

LONG = "Child labour prevention in agriculture and in the informal economy"


def texts(svg: str) -> list[str]:
    """Each <text> element's words as shown (its <tspan> lines joined)."""
    shown = []
    for body in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S):
        body = re.sub(r"<title>.*?</title>", "", body)
        shown.append(" ".join(re.findall(r">([^<]+)<", f">{body}<")))
    return shown


def chart(categories, **kwargs) -> Chart:
    return Chart(
        title="People reached by theme",
        summary="",
        categories=categories,
        series=[("2022-2023", [10] * len(categories))],
        unit="people",
        **kwargs,
    )


def test_a_long_name_wraps_under_its_bars_and_is_not_cut():
    svg = str(chart(["Child labour and business", "Child trafficking"]).svg())
    assert "Child labour and business" in texts(svg)
    assert "…" not in svg


def test_many_categories_run_horizontally_with_their_names_whole():
    names = [f"{LONG} {n}" for n in range(1, 10)]
    drawn = chart(names)
    assert drawn.horizontal()
    shown = texts(str(drawn.svg()))
    for name in names:
        assert name in shown
    assert "…" not in "".join(shown)


def test_a_name_too_long_for_its_lines_keeps_its_full_name_in_a_title():
    name = " ".join([LONG] * 4)
    svg = str(chart([name]).svg(NARROW))
    assert "…" in svg
    assert f"<title>{name}</title>" in svg


def test_the_value_axis_says_its_unit():
    assert '<text class="pf-axis-title"' in str(chart(["2022-2023"]).svg())
    assert "people" in texts(str(chart(["2022-2023"]).svg()))


def test_target_and_baseline_are_lines_named_in_the_legend():
    drawn = chart(
        ["2021-2022", "2022-2023"],
        lines=[("Target 2025: 5,000", 5000, "target"), ("Baseline 2021: 3,808", 3808, "baseline")],
    )
    svg = str(drawn.svg())
    assert re.search(r'<line class="pf-target"[^>]*><title>Target 2025: 5,000</title>', svg)
    assert re.search(r'<line class="pf-baseline"[^>]*><title>Baseline 2021: 3,808</title>', svg)
    assert {"Target 2025: 5,000", "Baseline 2021: 3,808"} <= set(texts(svg))
    # The axis reaches above the target, so its line is inside the plot.
    assert "5,000" in texts(svg)


def test_a_vietnamese_legend_wraps_onto_rows_within_the_drawing():
    names = ["Không phân theo giới tính", "Phụ nữ tham gia tập huấn", "Nam giới tham gia"]
    drawn = Chart(
        title="t",
        summary="",
        categories=["2022-2023"],
        series=[(name, [1]) for name in names],
    )
    svg = str(drawn.svg(NARROW))
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" fill="#212529">(?:Không|Phụ|Nam)', svg):
        assert float(x) < width
    assert set(names) <= set(texts(svg))


def test_the_phone_drawing_is_its_own_width_with_its_own_ids():
    drawn = chart(["2022-2023"], slug="indicator-1")
    narrow = str(drawn.svg_narrow())
    assert 'viewBox="0 0 360 ' in narrow and 'id="indicator-1-360-title"' in narrow
    assert 'id="indicator-1-title"' in str(drawn.svg())


def test_counts_have_whole_grid_steps():
    ratings = Chart(
        title="Ratings", summary="", categories=list("12345"), series=[("n", [0, 0, 0, 1, 0])]
    )
    grid = [t for t in texts(str(ratings.svg())) if re.fullmatch(r"[\d.,]+", t)]
    assert grid[:3] == ["0", "1", "2"]  # not 0, 0.2, 0.5 (a quarter of one country)


def test_wrap_breaks_between_words_within_the_width():
    lines = wrap(LONG, 100)
    assert " ".join(lines) == LONG and all(len(line) <= 15 for line in lines)
    assert len(lines) > MAX_LINES


def test_a_count_axis_marks_whole_people_only():
    """Counts topped at 250 were marked in quarters (62.5, 187.5 people): a scale of
    whole counts steps by whole numbers (50, 100...)."""
    counted = Chart(
        title="People reached",
        summary="",
        categories=["2021-2022", "2022-2023"],
        series=[("Women", [120, 232])],
        unit="people",
    )
    marks = [t for t in texts(counted.svg()) if re.fullmatch(r"[\d.,]+", t)]
    assert "250" in marks and "50" in marks
    assert all(mark.isdigit() for mark in marks), marks
    rated = Chart(
        title="Rating", summary="", categories=["a"], series=[("x", [2.5])], max_value=None
    )
    assert any("." in t for t in texts(rated.svg()))  # not counts: quarters stay
