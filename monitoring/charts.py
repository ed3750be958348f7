"""Bar charts as SVG, drawn on the server: the same markup serves the page and the PDF
(WeasyPrint runs no JavaScript).

Why not a library: the pages run under a strict Content-Security-Policy (no script, no
style element, no style attribute we would need), so a JavaScript chart library is out, and
the Python ones (pygal, matplotlib) write their SVG with an embedded <style> element and
would have to be served as <img> files, which loses the per-bar titles screen readers and
tests read. Grouped bars cover every chart these pages need; presentation attributes
(fill=, stroke=) carry the colours, so the CSP stays strict.

A chart is its data first: ``Chart.rows`` is the data table printed beside it, and every
bar carries its own value in a <title>, so a test can check the drawing against the table.

Names are never cut to "Child labour an…": a category name wraps onto up to three lines
under its bars; with more than eight categories (or a name that would need more lines, or
a word wider than its bars) the bars run horizontally, their names wrapped in a wide left
column. Only a name longer than four such lines ends in "…", and then its <text> carries
the full name in a <title> (shown on hover) and the table beside the chart gives it whole.
The legend wraps onto as many rows as it needs, so Vietnamese names (longer than English)
fit. The drawing grows in height instead of squeezing text. Each chart is also drawn 360
units wide (``svg_narrow``), which a phone shows instead: the wide one shrunk to a phone's
width would set its text at 7 px. The PDF prints the wide one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from math import ceil, log10

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

Number = int | float | Decimal
# Okabe-Ito colours: told apart by people with colour-blind vision, 3:1 on white or more.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
INK = "#212529"
WIDTH = 640
NARROW = 360  # the drawing a phone shows, at about its own size (text stays 12 px)
LEFT, RIGHT, TOP = 72, 16, 16
PLOT_H = 220  # height of the plot of a vertical chart
NAME_SHARE = 0.32  # the names' column of a horizontal chart, of its width
CHAR_W, LINE_H, MAX_LINES = 6.6, 14, 3  # a 12px sans-serif character, on average
# Reference lines (a target, a baseline): dark enough for 3:1 against white.
LINE_STYLES = {"target": ("#000000", "6 3"), "baseline": ("#6c757d", "2 3")}


def fmt(value: Number | None) -> str:
    """A number in the active language's format (1,234.5 / 1.234,5); "—" for none."""
    if value is None:
        return "—"
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    decimals = 0 if isinstance(value, int) else 1
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def values_summary(name: str, unit: str, given: Sequence[tuple[str, Number]]) -> str:
    """An indicator's chart in one sentence: its first and last value given, by cycle
    (the trends page and the public country page)."""
    if not given:
        return _("No value reported yet.")
    if len(given) == 1:  # not "3,120 in 2026-2027, 3,120 in 2026-2027"
        return _("%(name)s: %(value)s in %(cycle)s (%(unit)s).") % {
            "name": name,
            "value": fmt(given[0][1]),
            "cycle": given[0][0],
            "unit": unit,
        }
    return _("%(name)s: %(first)s in %(start)s, %(last)s in %(end)s (%(unit)s).") % {
        "name": name,
        "first": fmt(given[0][1]),
        "start": given[0][0],
        "last": fmt(given[-1][1]),
        "end": given[-1][0],
        "unit": unit,
    }


@dataclass
class Chart:
    """Categories along the axis (cycles, themes, provinces), one bar per series in each."""

    title: str
    summary: str
    categories: list[str]
    series: list[tuple[str, list[Number | None]]]
    unit: str = ""  # the value axis's title
    slug: str = "chart"
    max_value: Number | None = None  # e.g. 5 for a rating
    # Columns the table adds after the drawn ones (a total, a source): (heading, cells).
    extra: list[tuple[str, list[str]]] = field(default_factory=list)
    corner: str = ""  # the heading of the category column
    # Reference lines across the plot: (legend label, value, "target" or "baseline").
    lines: list[tuple[str, Number, str]] = field(default_factory=list)
    # Facts a second table gives beside the chart (baseline, target, status): (heading, text).
    facts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return [self.corner, *[name for name, _v in self.series], *[h for h, _c in self.extra]]

    @property
    def rows(self) -> list[list[str]]:
        """The data table: one row per category, one column per series (formatted as
        the bars' titles are), then the extra columns."""
        return [
            [
                category,
                *[fmt(values[i]) for _name, values in self.series],
                *[cells[i] for _h, cells in self.extra],
            ]
            for i, category in enumerate(self.categories)
        ]

    @property
    def is_empty(self) -> bool:
        return not any(v for _n, values in self.series for v in values if v)

    def horizontal(self, width: int = WIDTH) -> bool:
        """Bars run horizontally when names would not fit under them."""
        band = (width - LEFT - RIGHT) / max(1, len(self.categories)) * 0.95
        return len(self.categories) > 8 or any(
            len(wrap(c, band)) > MAX_LINES or any(len(w) * CHAR_W > band for w in c.split())
            for c in self.categories
        )

    def svg(self, width: int = WIDTH) -> SafeString:
        # Safe: every text written goes through escape().
        draw = _draw_horizontal if self.horizontal(width) else _draw_vertical
        return mark_safe(draw(self, width))

    def svg_narrow(self) -> SafeString:
        """The same chart drawn for a phone's width (the page shows one or the other)."""
        return self.svg(NARROW)


def wrap(text: str, width: float) -> list[str]:
    """``text`` in lines of at most ``width`` pixels, broken between words (a single word
    longer than a line stays whole)."""
    limit = max(4, int(width / CHAR_W))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _label(
    text: str, x: float, y: float, width: float, anchor: str, most: int = MAX_LINES
) -> tuple[str, int]:
    """A name wrapped into <tspan> lines, at most ``most`` (the full name in a <title>
    when it had to be shortened), and the number of lines it took."""
    lines = wrap(text, width)
    cut = len(lines) > most
    if cut:
        lines = [*lines[: most - 1], lines[most - 1] + "…"]
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else LINE_H}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    title = f"<title>{escape(text)}</title>" if cut else ""
    return (
        f'<text class="pf-label" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
        f'fill="{INK}">{title}{spans}</text>',
        len(lines),
    )


def _nice_top(value: float) -> float:
    """A round axis maximum above ``value``: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1
    power = 10 ** int(log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _scale(chart: Chart) -> tuple[float, int]:
    """The axis maximum and its number of steps: quarters, or whole steps for a small
    count scale (stars). Reference lines count, so a target above every bar shows."""
    values = [float(v) for _n, vs in chart.series for v in vs if v is not None]
    values += [float(v) for _l, v, _k in chart.lines]
    top = float(chart.max_value) if chart.max_value else _nice_top(max(values, default=0))
    counts = all(float(v).is_integer() for v in values)
    if counts and not chart.max_value and top < 10:
        top = float(max(2, ceil(top)))  # counts: whole grid steps (0, 1, 2), never 0.25
    steps = int(top) if counts and float(top).is_integer() and 2 <= top <= 10 else 4
    if counts and not (top / steps).is_integer():
        # People are whole: a top of 250 in quarters marked "62.5" people; in fifths, 50.
        steps = next((n for n in (5, 2) if (top / n).is_integer()), steps)
    return top, steps


def _bar(chart: Chart, c: int, s: int, rect: tuple[float, float, float, float]) -> str:
    name, values = chart.series[s]
    category, value = chart.categories[c], values[c]
    label = (
        f"{category}, {name}: {fmt(value)}"
        if len(chart.series) > 1
        else f"{category}: {fmt(value)}"
    )
    x, y, w, h = rect
    return (
        f'<rect class="pf-bar" x="{x:.1f}" y="{y:.1f}" width="{max(w, 1):.1f}" '
        f'height="{max(h, 0):.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
        f"<title>{escape(label)}</title></rect>"
    )


def _open(chart: Chart, height: float, width: int) -> str:
    slug = chart.slug if width == WIDTH else f"{chart.slug}-{width}"
    title_id, desc_id = f"{slug}-title", f"{slug}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'width="{width}" height="{height:.0f}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="sans-serif" font-size="12">'
        f'<title id="{title_id}">{escape(chart.title)}</title>'
        f'<desc id="{desc_id}">{escape(chart.summary)}</desc>'
    )


def _reference(kind: str, x1: float, y1: float, x2: float, y2: float, label: str) -> str:
    colour, dash = LINE_STYLES[kind]
    return (
        f'<line class="pf-{kind}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}">'
        f"<title>{escape(label)}</title></line>"
    )


def _draw_vertical(chart: Chart, width: int) -> str:
    top, steps = _scale(chart)
    n_cat, n_ser = max(1, len(chart.categories)), max(1, len(chart.series))
    band = (width - LEFT - RIGHT) / n_cat
    bar, base = band * 0.8 / n_ser, TOP + PLOT_H
    out, label_lines = [], 1
    for i in range(steps + 1):
        y = base - PLOT_H * i / steps
        out.append(_tick(LEFT, y, width - RIGHT, y, LEFT - 6, y + 4, "end", top * i / steps))
    for c, category in enumerate(chart.categories):
        x0 = LEFT + band * c + band * 0.1
        for s, (_name, values) in enumerate(chart.series):
            if values[c] is not None:
                h = PLOT_H * min(float(values[c]), top) / top
                out.append(_bar(chart, c, s, (x0 + bar * s, base - h, bar - 2, h)))
        text, n = _label(category, LEFT + band * (c + 0.5), base + 16, band * 0.95, "middle")
        out.append(text)
        label_lines = max(label_lines, n)
    for label, value, kind in chart.lines:
        y = base - PLOT_H * min(float(value), top) / top
        out.append(_reference(kind, LEFT, y, width - RIGHT, y, label))
    out.append(f'<line x1="{LEFT}" y1="{base}" x2="{width - RIGHT}" y2="{base}" stroke="{INK}"/>')
    out.append(_axis_title(chart.unit, 16, TOP + PLOT_H / 2, vertical=True))
    legend, legend_h = _legend(chart, base + 16 + LINE_H * label_lines, width)
    return _open(chart, base + 16 + LINE_H * label_lines + legend_h + 8, width) + "".join(
        [*out, *legend, "</svg>"]
    )


def _draw_horizontal(chart: Chart, width: int) -> str:
    top, steps = _scale(chart)
    n_ser, names = max(1, len(chart.series)), int(width * NAME_SHARE)
    left, right = names + 8, width - RIGHT
    plot_w, y = right - left, TOP + 16
    out = []
    for c, category in enumerate(chart.categories):
        # A bar's row grows with its name, so a name may take a line more than under a bar.
        text, n = _label(category, names, y + 12, names - 8, "end", MAX_LINES + 1)
        band = max(n * LINE_H + 6, n_ser * 14 + 6)
        bar = (band - 6) / n_ser
        for s, (_name, values) in enumerate(chart.series):
            if values[c] is not None:
                w = plot_w * min(float(values[c]), top) / top
                out.append(_bar(chart, c, s, (left, y + bar * s, w, bar - 2)))
        out.append(text)
        y += band + 4
    grid = [
        _tick(left + plot_w * i / steps, TOP + 8, left + plot_w * i / steps, y, 0, 0, "", None)
        + _value_text(left + plot_w * i / steps, y + 14, "middle", top * i / steps)
        for i in range(steps + 1)
    ]
    for label, value, kind in chart.lines:
        x = left + plot_w * min(float(value), top) / top
        out.append(_reference(kind, x, TOP + 8, x, y, label))
    out.append(_axis_title(chart.unit, left + plot_w / 2, y + 32, vertical=False))
    legend, legend_h = _legend(chart, y + 44, width)
    return _open(chart, y + 44 + legend_h + 8, width) + "".join([*grid, *out, *legend, "</svg>"])


def _value_text(x: float, y: float, anchor: str, value: float) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{INK}">'
        f"{escape(fmt(round(value, 1)))}</text>"
    )


def _tick(x1, y1, x2, y2, tx, ty, anchor, value) -> str:
    """A grid line, and its value when ``value`` is given."""
    line = (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="#ced4da" stroke-width="1"/>'
    )
    return line + (_value_text(tx, ty, anchor, value) if value is not None else "")


def _axis_title(text: str, x: float, y: float, *, vertical: bool) -> str:
    if not text:
        return ""
    turn = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if vertical else ""
    return (
        f'<text class="pf-axis-title" x="{x:.1f}" y="{y:.1f}" text-anchor="middle" '
        f'fill="{INK}"{turn}>{escape(text)}</text>'
    )


def _legend(chart: Chart, y0: float, width: int) -> tuple[list[str], float]:
    """The series (when several) and the reference lines, in rows that wrap as needed;
    the markup and its height."""
    items = [(name, "bar", PALETTE[s % len(PALETTE)]) for s, (name, _v) in enumerate(chart.series)]
    if len(chart.series) < 2:
        items = []
    items += [(label, kind, "") for label, _value, kind in chart.lines]
    if not items:
        return [], 0
    start = LEFT if width >= WIDTH else 16  # a phone's drawing: the whole width
    out, x, y = [], start, y0 + 4
    for name, kind, colour in items:
        item = 24 + CHAR_W * len(name)
        if x > start and x + item > width - RIGHT:
            x, y = start, y + 18
        if kind == "bar":
            out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>')
        else:
            colour, dash = LINE_STYLES[kind]
            out.append(
                f'<line x1="{x}" y1="{y + 6}" x2="{x + 14}" y2="{y + 6}" stroke="{colour}" '
                f'stroke-width="2" stroke-dasharray="{dash}"/>'
            )
        out.append(f'<text x="{x + 18}" y="{y + 10}" fill="{INK}">{escape(name)}</text>')
        x += item + 12
    return out, y + 18 - y0
